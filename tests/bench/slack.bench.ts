// Slack over HTTP: time from a signed slash-command POST to its ack (HTTP 200), and to the answer
// arriving at the response_url, through the real bolt app. The floor, measured in the same run with
// requests interleaved: a bare node:http server doing the same signature check and 200 (and, for the
// answer, then POSTing a payload to the response_url). Goal: ack p99 < 20 ms (Slack's deadline is 3 s).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { createSlackAdapter } from '../../src/adapters/slack/adapter.ts';
import { FakeSlack } from '../fakes/slack/fake-slack.ts';
import { slackTestCore } from '../fakes/slack/core.ts';
import { latencyLine, stats, type Stats } from './kit.ts';

const SECRET = 'bench-signing-secret';
const BOT = 'xoxb-bench';
const N = 400;
const WARMUP = 60;

/** The floor: verify Slack's signature the way any receiver must, then 200 (and optionally answer). */
function bareServer(answer: boolean): Server {
  return createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const ts = Number(req.headers['x-slack-request-timestamp']);
    const sig = String(req.headers['x-slack-signature'] ?? '');
    const want = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${raw}`).digest('hex')}`;
    const fresh = Math.abs(Date.now() / 1000 - ts) < 300;
    if (!fresh || sig.length !== want.length || !timingSafeEqual(Buffer.from(sig), Buffer.from(want))) {
      res.writeHead(401).end();
      return;
    }
    res.writeHead(200).end();
    if (answer) {
      const url = new URLSearchParams(raw).get('response_url')!;
      await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ response_type: 'ephemeral', text: 'ok' }) });
    }
  });
}

// The load generator runs in a worker thread: it plays Slack (signs, POSTs, receives the answer at its own
// response_url server), so its timings are not inflated by the bot's work on the main thread's event loop
// the way an in-process client would be. Plain JS, so the worker needs no TypeScript loader.
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
const { createServer } = require('node:http');
const { createHmac } = require('node:crypto');
const { performance } = require('node:perf_hooks');
const { endpoints, secret, command, n, warmup } = workerData;
const waiting = new Map();
const server = createServer((req, res) => {
  const t = performance.now();
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    const id = req.url.split('/').pop();
    const w = waiting.get(id);
    if (w) { waiting.delete(id); w(t); }
  });
});
server.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  // Requests alternate between the endpoints, so the bot and its floor see the same machine load.
  const ack = endpoints.map(() => []), answer = endpoints.map(() => []);
  for (let i = 0; i < (warmup + n) * endpoints.length; i++) {
    const k = i % endpoints.length;
    const endpoint = endpoints[k];
    const id = 'r' + i;
    const answered = new Promise((r) => waiting.set(id, r));
    const form = new URLSearchParams({ token: 'x', team_id: 'T0001', team_domain: 'fake', channel_id: 'C0001', channel_name: 'general',
      user_id: 'U0001', user_name: 'alice', command, text: '', api_app_id: 'A0001', is_enterprise_install: 'false',
      response_url: 'http://127.0.0.1:' + port + '/respond/' + id, trigger_id: 't' }).toString();
    const ts = Math.floor(Date.now() / 1000);
    const sig = 'v0=' + createHmac('sha256', secret).update('v0:' + ts + ':' + form).digest('hex');
    const t0 = performance.now();
    const res = await fetch(endpoint, { method: 'POST', body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sig } });
    await res.arrayBuffer();
    const t1 = performance.now();
    if (res.status !== 200) throw new Error('HTTP ' + res.status);
    const t2 = await answered;
    if (i >= warmup * endpoints.length) { ack[k].push(t1 - t0); answer[k].push(t2 - t0); }
  }
  server.close();
  parentPort.postMessage({ ack, answer });
});
`;

async function measure(endpoints: string[], command: string) {
  const w = new Worker(CLIENT, { eval: true, workerData: { endpoints, secret: SECRET, command, n: N, warmup: WARMUP } });
  const [{ ack, answer }] = (await once(w, 'message')) as [{ ack: number[][]; answer: number[][] }];
  await w.terminate();
  return endpoints.map((_, k) => ({ ack: stats(ack[k]!), answer: stats(answer[k]!) }));
}

export async function run(): Promise<void> {
  const fake = await new FakeSlack({ botTokens: [BOT] }).start();
  const core = slackTestCore();
  const adapter = createSlackAdapter(core, { mode: 'http', signingSecret: SECRET, botToken: BOT, port: 0, host: '127.0.0.1', slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  await adapter.start();
  const floors: Server[] = [];
  try {
    const bare = bareServer(true);
    floors.push(bare);
    bare.listen(0, '127.0.0.1');
    await once(bare, 'listening');
    const [bolt, floor] = (await measure([adapter.endpoint()!, `http://127.0.0.1:${(bare.address() as AddressInfo).port}/slack/events`], '/help')) as [
      { ack: Stats; answer: Stats },
      { ack: Stats; answer: Stats },
    ];

    console.log(`signed slash command over HTTP, n=${N} each (after ${WARMUP} warm-up), bot and floor interleaved; Slack's side runs in a worker thread`);
    console.log(latencyLine('slack /help: POST → ack (200)', bolt.ack, floor.ack, 'ack p99 < 20 ms'));
    console.log(latencyLine('slack /help: POST → answer at response_url', bolt.answer, floor.answer));
    const ok = bolt.ack.p99 < 20;
    // When the floor itself is over the goal, the machine (not the bot) sets the number: say so.
    const why = ok ? '' : floor.ack.p99 >= 20 ? ` (the bare floor's p99 is ${floor.ack.p99.toFixed(2)} ms too: this machine is busy; re-run when idle)` : '';
    console.log(`ack p99 ${bolt.ack.p99.toFixed(2)} ms: ${ok ? 'meets' : 'MISSES'} the 20 ms goal${why}`);
  } finally {
    await adapter.stop();
    for (const s of floors) {
      s.closeAllConnections();
      await new Promise<void>((r) => s.close(() => r()));
    }
    await fake.stop();
    core.db.close();
  }
}
