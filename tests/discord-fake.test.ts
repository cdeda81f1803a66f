// The fake Discord is strict, so an adapter that starts calling something new (or wrongly) fails a test
// instead of passing silently: unknown routes, bad tokens, unexpected queries, over-limit bodies.
import { once } from 'node:events';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { FakeDiscord } from './fakes/discord/server.ts';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await new FakeDiscord().start();
});
afterAll(async () => {
  await fake.stop();
});

const call = (method: string, path: string, o: { token?: string; body?: unknown } = {}) =>
  fetch(`${fake.apiBase}${path}`, {
    method,
    headers: { ...(o.token ? { authorization: `Bot ${o.token}` } : {}), ...(o.body ? { 'content-type': 'application/json' } : {}) },
    ...(o.body ? { body: JSON.stringify(o.body) } : {}),
  });

test('unknown routes and other API versions are 404', async () => {
  expect((await call('GET', '/v10/users/@me/guilds', { token: fake.token })).status).toBe(404);
  expect((await call('GET', '/v9/gateway/bot', { token: fake.token })).status).toBe(404);
});

test('bot routes need the right bot token', async () => {
  expect((await call('GET', '/v10/gateway/bot')).status).toBe(401);
  expect((await call('GET', '/v10/gateway/bot', { token: 'nope' })).status).toBe(401);
  expect((await call('GET', '/v10/gateway/bot', { token: fake.token })).status).toBe(200);
});

test('unexpected query parameters are refused', async () => {
  expect((await call('GET', '/v10/gateway/bot?foo=1', { token: fake.token })).status).toBe(400);
});

test('bodies over Discord limits get 50035, unknown channels 10003', async () => {
  const channel = fake.guilds[0]!.channelIds[0]!;
  const big = await call('POST', `/v10/channels/${channel}/messages`, { token: fake.token, body: { embeds: [{ title: 'x'.repeat(257) }] } });
  expect(big.status).toBe(400);
  expect(await big.json()).toMatchObject({ code: 50035 });
  const gone = await call('POST', '/v10/channels/1/messages', { token: fake.token, body: { content: 'hi' } });
  expect(gone.status).toBe(404);
  expect(await gone.json()).toMatchObject({ code: 10003 });
});

test('the gateway closes with 4012 on a query other than ?v=10&encoding=json (e.g. compression)', async () => {
  const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
  const [code] = (await once(ws, 'close')) as [number];
  expect(code).toBe(4012);
});

test('the gateway closes with 4004 on a bad token in IDENTIFY', async () => {
  const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
  const [hello] = (await once(ws, 'message')) as [Buffer];
  expect(JSON.parse(String(hello))).toMatchObject({ op: 10, d: { heartbeat_interval: 41250 } });
  ws.send(JSON.stringify({ op: 2, d: { token: 'nope', intents: 1, properties: {} } }));
  const [code] = (await once(ws, 'close')) as [number];
  expect(code).toBe(4004);
});
