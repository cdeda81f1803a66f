// End to end: the real discord.js client, built by the real adapter, against the fake Discord on
// 127.0.0.1 — gateway over WebSocket (v10 JSON), REST over HTTP. Assertions are on what Discord would
// receive. Nothing in discord.js is mocked; the only test-only parts are the fake and a few extra
// commands (slow, dawdling, untrusted text) added to a real App.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commands } from '../commands/index.ts';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { openDatabase } from '../src/store/db.ts';
import { defineCommand } from '../src/core/command.ts';
import { reply, type Reply } from '../src/core/reply.ts';
import type { PostTarget } from '../src/core/adapter.ts';
import { startDiscordRig, type DiscordRig } from './fakes/discord/harness.ts';
import { autocomplete, buttonPress, chatInput, chatInputInDm, humanUser, snowflake, stringOpt, type Where } from './fakes/discord/fixtures.ts';
import type { InteractionCallback, RecordedRequest } from './fakes/discord/server.ts';
import { EVIL, inertProblems } from './fakes/discord/inert.ts';

const d = { en: 'test', 'zh-CN': 'test', de: 'test' };
const card = (title: string): Reply => reply(title, { cards: [{ title, description: 'answer' }] });
const testCommands = [
  defineCommand({ name: 'slowpoke', description: d, options: [], permission: 'everyone', visibility: 'public', slow: true, handler: () => card('Slow answer') }),
  defineCommand({ name: 'dawdle', description: d, options: [], permission: 'everyone', visibility: 'public', handler: async () => (await sleep(1200), card('Late answer')) }),
  defineCommand({ name: 'private-late', description: d, options: [], permission: 'everyone', visibility: 'public', handler: async () => (await sleep(600), { ...card('Just for you'), visibility: 'ephemeral' as const }) }),
  defineCommand({ name: 'manage', description: d, options: [], permission: 'manage-channel', visibility: 'public', handler: () => reply('You manage this channel.') }),
  defineCommand({
    name: 'evil',
    description: d,
    options: [],
    permission: 'everyone',
    visibility: 'public',
    handler: () => evilReply,
  }),
];
const evilReply: Reply = reply(EVIL, {
  cards: [{ title: EVIL, description: EVIL, fields: [{ name: EVIL, value: EVIL }], items: [{ title: EVIL, url: 'https://example.com/story', meta: EVIL }], footer: EVIL }],
  actions: [{ label: EVIL, command: '/chip alibaba' }],
});

let rig: DiscordRig;
let where: Where;
let channels: string[];
const target = (channelId: string): PostTarget => ({ platform: 'discord', workspaceId: where.guildId, channelId });

beforeAll(async () => {
  const app = createApp({ config: loadConfig({ CHIPWATCH_DB: ':memory:', LOG_LEVEL: 'silent' }), log: createLogger('silent'), db: openDatabase(':memory:'), commands: [...commands, ...testCommands] });
  const guildId = snowflake();
  channels = Array.from({ length: 8 }, () => snowflake());
  rig = await startDiscordRig({ app, fake: { heartbeatIntervalMs: 250, guilds: [{ id: guildId, name: 'Chips', channelIds: channels }] }, adapter: { deferAfterMs: 300 } });
  where = rig.where;
});

afterAll(async () => {
  await rig?.close();
  rig?.app.db.close();
  // discord.js reports a fixture it cannot read only as an unhandled rejection (notes, D5).
  expect(rig?.rejections ?? []).toEqual([]);
});

const callbackRequest = (cb: InteractionCallback): RecordedRequest => rig.fake.requests.find((r) => r.path === `/interactions/${cb.interactionId}/${cb.token}/callback`)!;

describe('gateway session', () => {
  test('login: GET /gateway/bot with the bot token, then IDENTIFY with only the Guilds intent, uncompressed JSON v10', () => {
    const gw = rig.fake.requests.find((r) => r.route === '/gateway/bot');
    expect(gw?.authorization).toBe(`Bot ${rig.fake.token}`);
    expect(rig.fake.identifies).toHaveLength(1);
    expect(rig.fake.identifies[0]).toMatchObject({ intents: 1, compress: false, shard: [0, 1] });
    expect(rig.adapter.client.guilds.cache.get(where.guildId)?.name).toBe('Chips');
  });

  test('heartbeats are sent and acknowledged (the client measures a ping)', async () => {
    await rig.fake.next('heartbeat', () => true, 2000);
    await rig.fake.next('heartbeat', () => true, 2000);
    expect(rig.adapter.client.ws.ping).toBeGreaterThanOrEqual(0);
    expect(rig.fake.identifies).toHaveLength(1); // no zombie reconnects
  });
});

describe('interactions', () => {
  test('/chip alibaba: the callback carries the vendor embed, buttons and no pings, without an Authorization header', async () => {
    const cb = await rig.fake.interact(chatInput(rig.fake.appId, 'chip', [stringOpt('name', 'alibaba')], where));
    expect(cb.body.type).toBe(4); // CHANNEL_MESSAGE_WITH_SOURCE
    const data = cb.body.data as { embeds: { title: string; url?: string; fields?: unknown[] }[]; components: { components: { custom_id: string; label: string }[] }[]; allowed_mentions: unknown; flags?: number };
    expect(data.embeds[0]!.title).toMatch(/^Alibaba/);
    expect(data.embeds[0]!.fields?.length).toBeGreaterThan(3);
    expect(data.embeds[1]!.title).toMatch(/^Latest news: Alibaba/);
    expect(data.allowed_mentions).toEqual({ parse: [] });
    expect(data.flags ?? 0).toBe(0); // public
    expect(data.components[0]!.components.map((c) => c.custom_id)).toContain('cw:/news alibaba');
    expect(callbackRequest(cb).authorization).toBeUndefined();
    expect(callbackRequest(cb).query).toEqual({ with_response: 'false' });
  });

  test('autocomplete answers catalog names (≤25) for the focused option', async () => {
    const cb = await rig.fake.interact(autocomplete(rig.fake.appId, 'chip', [stringOpt('name', 'hua', true)], where));
    expect(cb.body.type).toBe(8); // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
    const choices = (cb.body.data as { choices: { name: string; value: string }[] }).choices;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.map((c) => c.value)).toContain('huawei');
    expect(choices.every((c) => c.name.length <= 100 && c.value.length <= 100)).toBe(true);
  });

  test('a slow command defers at once, then edits the original response', async () => {
    const edit = rig.fake.next<{ body: { embeds: { title: string }[] } }>('webhookEdit');
    const cb = await rig.fake.interact(chatInput(rig.fake.appId, 'slowpoke', [], where));
    expect(cb.body).toEqual({ type: 5, data: { flags: 0 } }); // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
    expect((await edit).body.embeds[0]!.title).toBe('Slow answer');
    const patch = rig.fake.requests.find((r) => r.method === 'PATCH' && r.params.token === cb.token)!;
    expect(patch.path).toBe(`/webhooks/${rig.fake.appId}/${cb.token}/messages/@original`);
    expect(patch.authorization).toBeUndefined();
  });

  test('a handler that has not answered by the deadline gets deferred, then edited', async () => {
    const t0 = Date.now();
    const edit = rig.fake.next<{ body: { embeds: { title: string }[] } }>('webhookEdit');
    const cb = await rig.fake.interact(chatInput(rig.fake.appId, 'dawdle', [], where));
    expect(cb.body.type).toBe(5);
    expect(Date.now() - t0).toBeLessThan(1100); // deferred (at 300 ms) before the handler finished (1,200 ms)
    expect((await edit).body.embeds[0]!.title).toBe('Late answer');
  });

  test('a late answer that turns out private replaces the public "thinking…" with an ephemeral follow-up', async () => {
    const follow = rig.fake.next<{ body: { flags: number; embeds: { title: string }[] } }>('followUp');
    const del = rig.fake.next('webhookDelete');
    const cb = await rig.fake.interact(chatInput(rig.fake.appId, 'private-late', [], where));
    expect(cb.body.type).toBe(5);
    await del;
    const f = await follow;
    expect(f.body.flags & 64).toBe(64);
    expect(f.body.embeds[0]!.title).toBe('Just for you');
  });

  test('a button press runs its command: the /chip card\'s compare button answers with the comparison', async () => {
    const first = await rig.fake.interact(chatInput(rig.fake.appId, 'chip', [stringOpt('name', 'alibaba')], where));
    const msg = (rig.fake.messages.get(where.channelId) ?? []).at(-1)!;
    const data = first.body.data as { components: { components: { custom_id: string; label: string }[] }[] };
    const compare = data.components[0]!.components.find((c) => c.custom_id.startsWith('cw:/compare '))!;
    const cb = await rig.fake.interact(buttonPress(rig.fake.appId, msg, compare.custom_id, where));
    expect(cb.body.type).toBe(4);
    const embed = (cb.body.data as { embeds: { title: string }[] }).embeds[0]!;
    expect(embed.title).toContain(' vs ');
  });

  test('errors are ephemeral and say what to do', async () => {
    const cb = await rig.fake.interact(chatInput(rig.fake.appId, 'chip', [stringOpt('name', 'zzqqxx-not-a-chip')], where));
    const data = cb.body.data as { flags: number; content: string };
    expect(data.flags & 64).toBe(64);
    expect(data.content.length).toBeGreaterThan(10);
  });

  test('channel-changing commands need Manage Channels in that channel; in a DM the user may', async () => {
    const no = await rig.fake.interact(chatInput(rig.fake.appId, 'manage', [], { ...where, permissions: '0' }));
    expect((no.body.data as { flags: number; content: string }).flags & 64).toBe(64);
    expect((no.body.data as { content: string }).content).toContain('Manage Channels');
    const yes = await rig.fake.interact(chatInput(rig.fake.appId, 'manage', [], { ...where, permissions: '16' }));
    expect((yes.body.data as { content: string }).content).toBe('You manage this channel.');
    const dm = await rig.fake.interact(chatInputInDm(rig.fake.appId, 'manage', [], { channelId: snowflake(), user: humanUser(snowflake(), 'bob') }));
    expect((dm.body.data as { content: string }).content).toBe('You manage this channel.');
  });

  test('untrusted text reaches Discord pinging no one, with no live link or formatting', async () => {
    const cb = await rig.fake.interact(chatInput(rig.fake.appId, 'evil', [], where));
    expect(cb.body.data).toMatchObject({ allowed_mentions: { parse: [] } });
    expect(inertProblems(cb.body.data)).toEqual([]);
    // The only link is the explicit story url, around escaped text.
    expect((cb.body.data as { embeds: { description: string }[] }).embeds[0]!.description).toContain('\\*\\*bold\\*\\*](https://example.com/story)');
  });
});

describe('channel posts', () => {
  test('a post carries the idempotency key as nonce with enforce_nonce; a retry of it is not duplicated', async () => {
    const key = 'cwAbC123_-xyz';
    const posted = rig.fake.next<{ body: Record<string, unknown>; duplicate: boolean }>('channelMessage');
    const r1 = await rig.adapter.poster.post(target(channels[1]!), card('Digest'), key);
    const first = await posted;
    expect(r1).toMatchObject({ ok: true });
    // The key also travels in the text ("-# ref <key>"), so a post can be found in the channel later.
    expect(first.body).toMatchObject({ nonce: key, enforce_nonce: true, allowed_mentions: { parse: [] }, content: `Digest\n-# ref ${key}`, embeds: [{ title: 'Digest' }] });
    expect(rig.fake.requests.at(-1)!.authorization).toBe(`Bot ${rig.fake.token}`);
    const r2 = await rig.adapter.poster.post(target(channels[1]!), card('Digest'), key);
    expect(r2).toEqual(r1);
    expect(rig.fake.messages.get(channels[1]!)).toHaveLength(1);
  });

  test('a long idempotency key is hashed to a 25-character nonce', async () => {
    const posted = rig.fake.next<{ body: { nonce: string } }>('channelMessage');
    await rig.adapter.poster.post(target(channels[1]!), card('x'), `digest:${'k'.repeat(80)}`);
    expect((await posted).body.nonce).toMatch(/^[A-Za-z0-9_-]{25}$/);
  });

  test('untrusted text in a channel post is inert too', async () => {
    const posted = rig.fake.next<{ body: Record<string, unknown> }>('channelMessage');
    await rig.adapter.poster.post(target(channels[1]!), evilReply, 'evil-1');
    expect(inertProblems((await posted).body)).toEqual([]);
  });

  test('a short 429 is honoured: the library waits out Retry-After and the post goes through', async () => {
    rig.fake.rateLimitOnce('POST', '/channels/:channel/messages', 0.4);
    const t0 = Date.now();
    const r = await rig.adapter.poster.post(target(channels[2]!), card('After the wait'), 'rl-short');
    expect(r).toMatchObject({ ok: true });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(380); // notes D9: never exact
    const tries = rig.fake.requests.filter((q) => q.route === '/channels/:channel/messages' && q.params.channel === channels[2]);
    expect(tries).toHaveLength(2);
  });

  test('a long 429 comes back at once as transient with Discord\'s retry-after', async () => {
    rig.fake.rateLimitOnce('POST', '/channels/:channel/messages', 5);
    const t0 = Date.now();
    const r = await rig.adapter.poster.post(target(channels[3]!), card('x'), 'rl-long');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(r).toMatchObject({ ok: false, kind: 'transient' });
    expect((r as { retryAfterMs: number }).retryAfterMs).toBeGreaterThanOrEqual(4900);
  });

  test.each([
    [404, 10003, 'Unknown Channel', 'permanent', /Unknown Channel/],
    [403, 50001, 'Missing Access', 'permanent', /Missing Access/],
    [403, 50013, 'Missing Permissions', 'permanent', /Missing Permissions/],
    [500, 0, 'Internal Server Error', 'transient', /500/],
  ] as const)('Discord %i / code %i → %s', async (status, code, message, kind, text) => {
    const ch = channels[4]!;
    rig.fake.failChannel(ch, { status, code, message });
    const r = await rig.adapter.poster.post(target(ch), card('x'), `fail-${status}-${code}`);
    rig.fake.failChannel(ch, undefined);
    expect(r).toMatchObject({ ok: false, kind });
    expect((r as { error: string }).error).toMatch(text);
  });

  test('a revoked token (401) is permanent, for this post and every later one (the library drops the token)', async () => {
    // A client of its own: a 401 clears the token of the REST client it happens on.
    const { createDiscordClient } = await import('../src/adapters/discord/client.ts');
    const { createDiscordPoster } = await import('../src/adapters/discord/poster.ts');
    const client = createDiscordClient({ token: 'revoked-token', apiBase: rig.fake.apiBase });
    const poster = createDiscordPoster(client.rest, rig.app.log);
    const first = await poster.post(target(channels[5]!), card('x'), 'revoked-1');
    expect(first).toMatchObject({ ok: false, kind: 'permanent', error: expect.stringMatching(/Unauthorized \(40001\)/) });
    const second = await poster.post(target(channels[5]!), card('x'), 'revoked-2');
    expect(second).toMatchObject({ ok: false, kind: 'permanent', error: expect.stringMatching(/Unauthorized/) });
    await client.destroy();
  });
});

describe('reconnect', () => {
  test('op 7 RECONNECT: the client resumes the same session (no new IDENTIFY) and keeps answering', async () => {
    const resumed = rig.fake.next<{ sessionId: string; seq: number }>('resume', () => true, 5000);
    rig.fake.requestReconnect();
    const r = await resumed;
    expect(r.seq).toBeGreaterThan(0);
    expect(rig.fake.identifies).toHaveLength(1);
    const cb = await rig.fake.interact(chatInput(rig.fake.appId, 'chip', [stringOpt('name', 'alibaba')], where));
    expect(cb.body.type).toBe(4);
  });
});
