// Discord as the delivery outbox's platform, end to end against the fake: a channel manager subscribes
// with the /chip card's button, the outbox worker posts through the Discord poster (nonce = the row's
// idempotency key), and when Discord answers 10003 Unknown Channel the subscription is paused.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDiscordRig, type DiscordRig } from './fakes/discord/harness.ts';
import { buttonPress, chatInput, snowflake, stringOpt, type Where } from './fakes/discord/fixtures.ts';
import { enqueue, idempotencyKey } from '../src/delivery/outbox.ts';
import { getSubscription, getSubscriptionById } from '../src/delivery/subscriptions.ts';
import { createOutboxWorker } from '../src/delivery/worker.ts';
import { reply } from '../src/core/reply.ts';
import type { PostTarget } from '../src/core/adapter.ts';

let rig: DiscordRig;
let channels: string[];
beforeAll(async () => {
  channels = [snowflake(), snowflake()];
  rig = await startDiscordRig({ fake: { guilds: [{ id: snowflake(), name: 'Chips', channelIds: channels }] } });
});
afterAll(async () => {
  await rig?.close();
  expect(rig?.rejections ?? []).toEqual([]);
});

/** A channel manager presses the /chip card's "Subscribe this channel" button in `channelId`. */
async function subscribeByButton(channelId: string): Promise<PostTarget> {
  const where: Where = { guildId: rig.where.guildId, channelId, permissions: '16' };
  const card = await rig.fake.interact(chatInput(rig.fake.appId, 'chip', [stringOpt('name', 'alibaba')], where));
  const buttons = (card.body.data as { components: { components: { custom_id: string }[] }[] }).components.flatMap((r) => r.components);
  const sub = buttons.find((b) => b.custom_id.startsWith('cw:/subscribe '))!;
  const msg = rig.fake.messages.get(channelId)!.at(-1)!;
  const cb = await rig.fake.interact(buttonPress(rig.fake.appId, msg, sub.custom_id, where));
  expect((cb.body.data as { flags?: number }).flags ?? 0).toBe(0); // public confirmation, not a refusal
  return { platform: 'discord', workspaceId: rig.where.guildId, channelId };
}

test('outbox → Discord: delivered with the row key as nonce; 10003 Unknown Channel pauses the subscription', async () => {
  const live = await subscribeByButton(channels[0]!);
  const gone = await subscribeByButton(channels[1]!);
  const liveSub = getSubscription(rig.app.db, live)!;
  const goneSub = getSubscription(rig.app.db, gone)!;
  expect(liveSub.pausedReason).toBeNull();

  // The second channel is deleted in Discord after subscribing.
  rig.fake.failChannel(channels[1]!, { status: 404, code: 10003, message: 'Unknown Channel' });
  const now = Date.now();
  rig.app.db.transaction(() => {
    enqueue(rig.app.db, { target: live, subscriptionId: liveSub.id, purpose: 'test digest live', reply: reply('Digest', { cards: [{ title: 'Today in AI chips' }] }), nowMs: now });
    enqueue(rig.app.db, { target: gone, subscriptionId: goneSub.id, purpose: 'test digest gone', reply: reply('Digest', { cards: [{ title: 'Today in AI chips' }] }), nowMs: now });
  })();

  const posted = rig.fake.next<{ channelId: string; body: { nonce: string; enforce_nonce: boolean } }>('channelMessage', (m) => m.channelId === channels[0]);
  const worker = createOutboxWorker(rig.app, { posters: [rig.adapter.poster], idleMs: 50 });
  await worker.start();
  await worker.drained();
  await worker.stop();

  const m = await posted;
  expect(m.body).toMatchObject({ nonce: idempotencyKey('test digest live'), enforce_nonce: true });
  expect(getSubscriptionById(rig.app.db, liveSub.id)!.pausedReason).toBeNull();
  expect(getSubscriptionById(rig.app.db, goneSub.id)!.pausedReason).toMatch(/Unknown Channel \(10003\)/);
});
