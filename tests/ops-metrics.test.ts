// /healthz and /metrics over real HTTP on port 0: commands driven through the real dispatcher, posts
// delivered through the real outbox worker to the fake platform, feed health and leases written the way
// the poller and the delivery lease write them; then one scrape, parsed as Prometheus text, must show it.
import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ask } from './helpers/app.ts';
import { deliveryTestApp } from './fakes/delivery-app.ts';
import { fakePlatformPoster, startFakePlatform, type FakePlatform } from './fakes/platform.ts';
import { createOpsServer, type OpsServer } from '../src/ops/http.ts';
import { DELIVERER_LEASE as DELIVERY_LEASE } from '../src/delivery/lease.ts';
import { createOutboxWorker } from '../src/delivery/worker.ts';
import { enqueue } from '../src/delivery/outbox.ts';
import { subscribe } from '../src/delivery/subscriptions.ts';
import { reply } from '../src/core/reply.ts';
import { recordFailure, recordSuccess, syncSources } from '../src/news/sources.ts';
import { ConfigError, PROJECT_ROOT } from '../src/config.ts';
import type { App } from '../src/app.ts';

let fake: FakePlatform | undefined;
let server: OpsServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  await fake?.close();
  fake = undefined;
});

async function startOps(app: App, o: { leaseHolderId?: () => string | undefined } = {}): Promise<string> {
  server = createOpsServer(app, { port: 0, host: '127.0.0.1', adapters: () => ['console'], ...o });
  await server.start();
  const { host, port } = server.address();
  return `http://${host}:${port}`;
}

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The Prometheus text exposition format (https://prometheus.io/docs/instrumenting/exposition_formats/). */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) types.set(type[1]!, type[2]!);
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return { samples, types };
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const hits = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return hits.length ? hits.reduce((a, s) => a + s.value, 0) : undefined;
}

async function scrape(base: string): Promise<{ samples: Sample[]; types: Map<string, string>; contentType: string }> {
  const r = await fetch(`${base}/metrics`);
  expect(r.status).toBe(200);
  return { ...parseExposition(await r.text()), contentType: r.headers.get('content-type') ?? '' };
}

const discordTarget = (channelId: string) => ({ platform: 'discord' as const, workspaceId: 'g1', channelId });

describe('/metrics', () => {
  it('GIVEN commands answered, refused and failed THEN interactions are counted by platform, command and outcome, with latency', async () => {
    const app = deliveryTestApp();
    const base = await startOps(app);
    await ask(app, '/chip ascend 910c');
    await ask(app, '/chip ascend 910c');
    await ask(app, '/chip', { platform: 'discord', workspaceId: 'g1', channelId: 'c1', userId: 'u1' }); // missing option: user error
    await ask(app, '/no-such-command-@everyone'); // user text never becomes a label
    const broken = app.commands.find((c) => c.name === 'chip')!;
    const handler = broken.handler;
    (broken as { handler: typeof handler }).handler = async () => {
      throw new Error('boom');
    };
    try {
      await ask(app, '/chip ascend 910c', { platform: 'slack', workspaceId: 'T1', channelId: 'C1', userId: 'U1' });
    } finally {
      (broken as { handler: typeof handler }).handler = handler;
    }

    const { samples, types, contentType } = await scrape(base);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(types.get('chipwatch_interactions_total')).toBe('counter');
    expect(types.get('chipwatch_interaction_duration_seconds')).toBe('histogram');
    expect(value(samples, 'chipwatch_interactions_total', { platform: 'console', command: 'chip', outcome: 'ok' })).toBe(2);
    expect(value(samples, 'chipwatch_interactions_total', { platform: 'discord', command: 'chip', outcome: 'user_error' })).toBe(1);
    expect(value(samples, 'chipwatch_interactions_total', { platform: 'console', command: 'unknown', outcome: 'user_error' })).toBe(1);
    expect(value(samples, 'chipwatch_interactions_total', { platform: 'slack', command: 'chip', outcome: 'error' })).toBe(1);
    expect(samples.some((s) => Object.values(s.labels).some((v) => v.includes('everyone')))).toBe(false);
    expect(value(samples, 'chipwatch_interaction_duration_seconds_count', { platform: 'console', command: 'chip' })).toBe(2);
    const sum = value(samples, 'chipwatch_interaction_duration_seconds_sum', { platform: 'console', command: 'chip' })!;
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThan(10);
    expect(value(samples, 'chipwatch_interaction_duration_seconds_bucket', { platform: 'console', command: 'chip', le: '+Inf' })).toBe(2);
    // prom-client's process metrics are there too.
    expect(value(samples, 'process_resident_memory_bytes')).toBeGreaterThan(1024 * 1024);
    expect(value(samples, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('GIVEN posts delivered and one refused for good THEN the outbox by status and its depth are read from the database at scrape time', { timeout: 20_000 }, async () => {
    const app = deliveryTestApp();
    const base = await startOps(app);
    fake = await startFakePlatform({ permanentChannels: new Set(['gone']) });
    const now = Date.now();
    app.db.transaction(() => {
      for (const ch of ['ok', 'gone']) {
        const sub = subscribe(app.db, discordTarget(ch), { addVendors: ['huawei'] }, now);
        for (let i = 0; i < (ch === 'ok' ? 3 : 1); i++) enqueue(app.db, { target: discordTarget(ch), subscriptionId: sub.id, purpose: `ops ${ch} ${i}`, reply: reply(`${ch} #${i}`), nowMs: now });
      }
      // Queued for a platform that is not running here: it stays pending.
      enqueue(app.db, { target: { platform: 'slack', workspaceId: 'T1', channelId: 'C1' }, subscriptionId: null, purpose: 'ops slack 0', reply: reply('waiting'), nowMs: now - 90_000 });
    })();

    const before = (await scrape(base)).samples;
    expect(value(before, 'chipwatch_outbox_depth', { platform: 'discord' })).toBe(4);
    expect(value(before, 'chipwatch_outbox_posts', { platform: 'discord', status: 'sent' })).toBeUndefined();

    const worker = createOutboxWorker(app, { posters: [fakePlatformPoster(fake.url, { timeoutMs: 2000 })] });
    await worker.start();
    await worker.drained();
    await worker.stop();
    expect(fake.delivered.size).toBe(3);

    const { samples, types } = await scrape(base);
    expect(types.get('chipwatch_outbox_posts')).toBe('gauge');
    expect(value(samples, 'chipwatch_outbox_posts', { platform: 'discord', status: 'sent' })).toBe(3);
    expect(value(samples, 'chipwatch_outbox_posts', { platform: 'discord', status: 'failed' })).toBe(1);
    expect(value(samples, 'chipwatch_outbox_posts', { platform: 'slack', status: 'pending' })).toBe(1);
    expect(value(samples, 'chipwatch_outbox_depth', { platform: 'discord' })).toBeUndefined();
    expect(value(samples, 'chipwatch_outbox_depth', { platform: 'slack' })).toBe(1);
    expect(value(samples, 'chipwatch_outbox_oldest_pending_seconds')).toBeGreaterThanOrEqual(90);
  });

  it('GIVEN feeds that worked and failed THEN each enabled feed reports its last success and failures in a row', async () => {
    const app = deliveryTestApp();
    const base = await startOps(app);
    const feed = (id: string, enabled = true) => ({ id, name: `Outlet ${id}`, homepage: 'https://example.com/', feedUrl: `https://example.com/${id}.xml`, lang: 'en' as const, kind: 'trade' as const, pollMinutes: 30, weight: 0.5, enabled });
    syncSources(app.db, [feed('good'), feed('bad'), feed('off', false)]);
    recordSuccess(app.db, 'good', { now: 1_764_000_000_000, nextPollAt: 0, etag: null, lastModified: null, itemsSeen: 4 });
    recordSuccess(app.db, 'bad', { now: 1_763_000_000_000, nextPollAt: 0, etag: null, lastModified: null, itemsSeen: 1 });
    for (let i = 0; i < 3; i++) recordFailure(app.db, 'bad', { now: 1_764_000_000_000, nextPollAt: 0, reason: 'HTTP 503' });

    const { samples } = await scrape(base);
    expect(value(samples, 'chipwatch_source_last_success_timestamp_seconds', { source: 'good' })).toBe(1_764_000_000);
    expect(value(samples, 'chipwatch_source_last_success_timestamp_seconds', { source: 'bad' })).toBe(1_763_000_000);
    expect(value(samples, 'chipwatch_source_consecutive_failures', { source: 'good' })).toBe(0);
    expect(value(samples, 'chipwatch_source_consecutive_failures', { source: 'bad' })).toBe(3);
    expect(value(samples, 'chipwatch_source_consecutive_failures', { source: 'off' })).toBeUndefined();
  });

  it('GIVEN a leases table THEN the live holder is reported, an expired lease as "none", and whether this process holds it', async () => {
    const app = deliveryTestApp();
    const base = await startOps(app, { leaseHolderId: () => 'host-a:123' });
    expect(value((await scrape(base)).samples, 'chipwatch_lease_holder', { lease: DELIVERY_LEASE, holder: 'none' })).toBe(1);

    const now = Date.now();
    app.db.prepare(`INSERT INTO leases (name, holder, expires_at, acquired_at, renewed_at) VALUES (?, 'host-a:123', ?, ?, ?), ('other', 'host-b:9', ?, ?, ?)`).run(DELIVERY_LEASE, now + 60_000, now, now, now - 1, now - 60_000, now - 60_000);
    const { samples } = await scrape(base);
    expect(value(samples, 'chipwatch_lease_holder', { lease: DELIVERY_LEASE, holder: 'host-a:123' })).toBe(1);
    expect(value(samples, 'chipwatch_lease_held', { lease: DELIVERY_LEASE })).toBe(1);
    expect(value(samples, 'chipwatch_lease_holder', { lease: 'other', holder: 'none' })).toBe(1);
    expect(value(samples, 'chipwatch_lease_held', { lease: 'other' })).toBe(0);
  });
});

describe('/healthz', () => {
  it('GIVEN the database answers THEN 200 with status, db, uptime and adapters; GIVEN it is closed THEN 503', async () => {
    const app = deliveryTestApp();
    const base = await startOps(app);
    const ok = await fetch(`${base}/healthz`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await ok.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', db: 'ok', adapters: ['console'] });
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);

    app.db.close();
    const down = await fetch(`${base}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'fail', db: 'closed' });
    // Metrics still answer (process metrics), the database readings are counted as failed.
    const { samples } = await scrape(base);
    expect(value(samples, 'chipwatch_scrape_errors_total', { metric: 'chipwatch_outbox_depth' })).toBe(1);
    expect(value(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('GIVEN other paths and methods THEN 404 and 405, and HEAD has no body', async () => {
    const base = await startOps(deliveryTestApp());
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await fetch(`${base}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('GIVEN the port is taken THEN start fails with one line naming the setting', async () => {
    const app = deliveryTestApp();
    await startOps(app);
    const taken = server!.address().port;
    const second = createOpsServer(app, { port: taken, host: '127.0.0.1', adapters: () => [] });
    const err = await second.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/^CHIPWATCH_METRICS_PORT: cannot listen on 127\.0\.0\.1:\d+ \(is in use by another program\)/);
    expect((err as Error).message).not.toContain('\n');
  });
});

describe('src/ops boundary', () => {
  it('imports no chat library and no adapter (the metrics are platform-neutral)', () => {
    const dir = path.join(PROJECT_ROOT, 'src', 'ops');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const src = readFileSync(path.join(dir, f), 'utf8');
      expect(src, f).not.toMatch(/from\s+['"](discord\.js|@discordjs\/[^'"]+|@slack\/[^'"]+)['"]/);
      expect(src, f).not.toMatch(/from\s+['"][^'"]*\/adapters\//);
    }
  });
});
