// Who may change a channel's subscriptions, on every path that can change one — slash command, a button
// the bot issued, autocomplete, a forged Discord custom_id or Slack action value, a DM — on Discord and on
// Slack, with the real libraries against the fakes. After each refusal the delivery tables are compared
// with a snapshot taken before it: a refusal must change nothing. (The permission decoding itself is
// tested in discord-untrusted.test.ts and slack-untrusted.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/store/db.ts';
import { startDiscordRig, type DiscordRig } from './fakes/discord/harness.ts';
import { autocomplete, buttonPress, chatInput, chatInputInDm, humanUser, message, snowflake, stringOpt, type Where } from './fakes/discord/fixtures.ts';
import type { InteractionCallback } from './fakes/discord/server.ts';
import { createSlackAdapter, type SlackAdapter } from '../src/adapters/slack/adapter.ts';
import { FakeSlack } from './fakes/slack/fake-slack.ts';
import { slackTestCore } from './fakes/slack/core.ts';
import { postButtonPress, postSlashCommand } from './fakes/slack/deliver.ts';
import { ACTION_ID_PREFIX } from '../src/adapters/slack/render.ts';
import type { App } from '../src/app.ts';

/** Every row of every table a subscription change can touch. */
function snapshot(db: Db): string {
  return JSON.stringify(
    ['subscriptions', 'subscription_vendors', 'posted_clusters', 'outbox'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()),
  );
}

describe('Discord: refusals change nothing', () => {
  let rig: DiscordRig;
  let guarded: string; // a channel with a subscription to protect
  let other: string; // a channel without one
  beforeAll(async () => {
    guarded = snowflake();
    other = snowflake();
    rig = await startDiscordRig({ fake: { guilds: [{ id: snowflake(), name: 'Perms', channelIds: [guarded, other] }] } });
    const made = await rig.fake.interact(chatInput(rig.fake.appId, 'subscribe', [stringOpt('vendors', 'all')], at(guarded, '16')));
    expect(flags(made) & 64).toBe(0);
    expect(rig.app.db.prepare(`SELECT count(*) FROM subscriptions`).pluck().get()).toBe(1);
  });
  afterAll(async () => {
    await rig?.close();
    expect(rig?.rejections ?? []).toEqual([]);
  });

  const at = (channelId: string, permissions = '0'): Where => ({ guildId: rig.where.guildId, channelId, permissions, user: humanUser('100000000000000077', 'mallory') });
  const flags = (c: InteractionCallback) => Number((c.body.data as { flags?: number } | undefined)?.flags ?? 0);
  function refused(c: InteractionCallback): void {
    expect(flags(c) & 64, 'ephemeral').toBe(64);
    expect(JSON.stringify(c.body.data)).toContain('Manage Channels');
  }
  const anyMessage = (channelId: string) => message({ channelId, author: { id: rig.fake.botId, username: 'chipwatch', discriminator: '0', global_name: null, avatar: null, bot: true } });

  it('slash commands: /subscribe, /unsubscribe and /digest by a member without Manage Channels', async () => {
    const before = snapshot(rig.app.db);
    refused(await rig.fake.interact(chatInput(rig.fake.appId, 'subscribe', [stringOpt('vendors', 'huawei')], at(guarded))));
    refused(await rig.fake.interact(chatInput(rig.fake.appId, 'subscribe', [stringOpt('vendors', 'all')], at(other))));
    refused(await rig.fake.interact(chatInput(rig.fake.appId, 'unsubscribe', [stringOpt('vendors', 'all')], at(guarded))));
    // Permissions of a member who has others, but not Manage Channels (Send Messages + Embed Links).
    refused(await rig.fake.interact(chatInput(rig.fake.appId, 'unsubscribe', [stringOpt('vendors', 'all')], at(guarded, '18432'))));
    expect(snapshot(rig.app.db)).toBe(before);
  });

  it('a button the bot issued ("Follow all vendors" on /subscriptions) pressed by a member without Manage Channels', async () => {
    const list = await rig.fake.interact(chatInput(rig.fake.appId, 'subscriptions', [], at(other)));
    const ids = JSON.stringify(list.body.data).match(/cw:\/subscribe[^"]*/g) ?? [];
    expect(ids.length).toBeGreaterThan(0);
    const before = snapshot(rig.app.db);
    for (const id of ids) refused(await rig.fake.interact(buttonPress(rig.fake.appId, anyMessage(other), id, at(other))));
    expect(snapshot(rig.app.db)).toBe(before);
  });

  it('forged custom_ids (never issued by the bot) are dispatched with the presser’s own permissions', async () => {
    const before = snapshot(rig.app.db);
    for (const id of ['cw:/unsubscribe all', 'cw:/subscribe all mode:realtime', 'cw:/digest off', 'cw:/subscribe huawei exclude:x'])
      refused(await rig.fake.interact(buttonPress(rig.fake.appId, anyMessage(guarded), id, at(guarded))));
    // Garbage and unknown stored ids get an ephemeral answer too, and change nothing.
    for (const id of ['cw:', 'cw:/nosuch', 'cw:/unsubscribe all\u0000', 'cw#0123456789abcdef', `cw:/unsubscribe ${'all '.repeat(24)}`])
      expect(flags(await rig.fake.interact(buttonPress(rig.fake.appId, anyMessage(guarded), id, at(guarded)))) & 64).toBe(64);
    expect(snapshot(rig.app.db)).toBe(before);
  });

  it('autocomplete on /subscribe and /unsubscribe answers choices and changes nothing', async () => {
    const before = snapshot(rig.app.db);
    for (const name of ['subscribe', 'unsubscribe']) {
      const cb = await rig.fake.interact(autocomplete(rig.fake.appId, name, [stringOpt('vendors', 'hua', true)], at(guarded)));
      expect(cb.body.type).toBe(8); // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
    }
    expect(snapshot(rig.app.db)).toBe(before);
  });

  it('a DM manages only the DM: the guild channel’s subscription is untouched', async () => {
    const dm = snowflake();
    const user = humanUser('100000000000000078', 'dmuser');
    const guildRows = () => JSON.stringify(rig.app.db.prepare(`SELECT * FROM subscriptions WHERE channel_id != ?`).all(dm));
    const before = guildRows();
    await rig.fake.interact(chatInputInDm(rig.fake.appId, 'unsubscribe', [stringOpt('vendors', 'all')], { channelId: dm, user }));
    await rig.fake.interact(chatInputInDm(rig.fake.appId, 'subscribe', [stringOpt('vendors', 'all')], { channelId: dm, user }));
    expect(guildRows()).toBe(before);
    expect(rig.app.db.prepare(`SELECT channel_id FROM subscriptions WHERE channel_id = ?`).pluck().all(dm)).toEqual([dm]);
  });
});

describe('Slack: refusals change nothing', () => {
  const BOT = 'xoxb-perms';
  const SECRET = 'perms-secret';
  let fake: FakeSlack;
  let core: App;
  let adapter: SlackAdapter;
  let endpoint: string;
  beforeAll(async () => {
    fake = await new FakeSlack({ botTokens: [BOT], users: [{ id: 'U0ADMIN', is_admin: true }, { id: 'U0MEMBER' }] }).start();
    core = slackTestCore();
    adapter = createSlackAdapter(core, { mode: 'http', signingSecret: SECRET, botToken: BOT, port: 0, host: '127.0.0.1', slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    await adapter.start();
    endpoint = adapter.endpoint()!;
    const { response_url, delivered } = postSlashCommand(endpoint, SECRET, fake, { command: '/subscribe', text: 'all', channel_id: 'C0GUARD', user_id: 'U0ADMIN' });
    expect((await delivered).status).toBe(200);
    await fake.responseTo(response_url);
    expect(core.db.prepare(`SELECT count(*) FROM subscriptions`).pluck().get()).toBe(1);
  });
  afterAll(async () => {
    await adapter?.stop();
    await fake?.stop();
    core?.db.close();
  });

  /** The answer a refused user sees: ephemeral, naming who may do it. */
  async function answer(p: { response_url: string; delivered: Promise<{ status: number; body: string }> }): Promise<string> {
    const d = await p.delivered;
    expect(d.status).toBe(200);
    const ack = d.body ? JSON.parse(d.body) : {};
    if (ack.text) return JSON.stringify(ack);
    return JSON.stringify((await fake.responseTo(p.response_url)).body);
  }
  const refusedText = /manage this channel|admins and owners/i;

  it('slash commands by a member who is not an admin', async () => {
    const before = snapshot(core.db);
    for (const [command, text, channel] of [
      ['/subscribe', 'huawei', 'C0GUARD'],
      ['/subscribe', 'all', 'C0OTHER'],
      ['/unsubscribe', 'all', 'C0GUARD'],
      ['/chipwatch', 'unsubscribe all', 'C0GUARD'],
    ] as const)
      expect(await answer(postSlashCommand(endpoint, SECRET, fake, { command, text, channel_id: channel, user_id: 'U0MEMBER' }))).toMatch(refusedText);
    expect(snapshot(core.db)).toBe(before);
  });

  it('button presses and forged action values by a member who is not an admin', async () => {
    const before = snapshot(core.db);
    for (const value of ['/subscribe all', '/unsubscribe all', '/digest off', '/subscribe all mode:realtime']) {
      const t = await answer(postButtonPress(endpoint, SECRET, fake, { actionId: `${ACTION_ID_PREFIX}0`, value, user_id: 'U0MEMBER', channel_id: 'C0GUARD' }));
      expect(t).toMatch(refusedText);
    }
    expect(snapshot(core.db)).toBe(before);
  });

  it('a DM (im channel) cannot touch another channel’s subscription', async () => {
    const guardRows = () => JSON.stringify(core.db.prepare(`SELECT * FROM subscriptions WHERE channel_id != 'D0DM'`).all());
    const before = guardRows();
    await answer(postSlashCommand(endpoint, SECRET, fake, { command: '/unsubscribe', text: 'all', channel_id: 'D0DM', user_id: 'U0MEMBER' }));
    await answer(postSlashCommand(endpoint, SECRET, fake, { command: '/subscribe', text: 'all', channel_id: 'D0DM', user_id: 'U0MEMBER' }));
    expect(guardRows()).toBe(before);
  });
});
