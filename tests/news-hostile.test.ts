// ACCEPTANCE: hostile feeds served from 127.0.0.1 — slow drip, endless body, gzip bomb, redirect loop,
// billion-laughs entity bomb, wrong declared charsets, 404, 500 — polled by the real poller in one run:
// each ends within its limits with a clear error in that source's health, and the poller goes on to
// the next source (a good feed polled after them is stored). Also: backoff, conditional GET across
// polls, one log line per state change, and a poller that starts and stops as a Service. A feed that
// exhausts the reader's memory ends the reader, not the bot, and a source is made due later before its
// feed is read, so dying mid-parse cannot crash-loop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createApp, type App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/store/db.ts';
import { createPoller, nextDelayMs } from '../src/news/poller.ts';
import { allSourceRows, dueSourceRows, sourceRow, syncSources } from '../src/news/sources.ts';
import { createFeedReader, inThreadReader, type FeedReader } from '../src/news/feed-reader.ts';
import type { FeedSource } from '../src/news/schema.ts';
import { startFeedServer, type FeedServer } from './helpers/feed-server.ts';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());

const LIMITS = { timeoutMs: 2_000, idleTimeoutMs: 1_000, connectTimeoutMs: 1_000, maxBytes: 1024 * 1024, maxDecodedBytes: 4 * 1024 * 1024 };

function appWithLogs(now: () => Date = () => new Date()): { app: App; logs: Array<{ level: number; msg: string; source?: string; reason?: string }> } {
  const logs: Array<{ level: number; msg: string; source?: string }> = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      done();
    },
  });
  const config = loadConfig({ CHIPWATCH_DB: ':memory:', LOG_LEVEL: 'debug', CHIPWATCH_MIN_RELEVANCE: '0.3' });
  const app = createApp({ config, log: pino({ level: 'debug' }, sink), db: openDatabase(':memory:'), now, commands: [] });
  return { app, logs };
}

function source(id: string, p: string, lang: FeedSource['lang'] = 'en'): FeedSource {
  return { id, name: `Test ${id}`, homepage: server.base + '/', feedUrl: server.base + p, lang, kind: 'trade', pollMinutes: 30, weight: 0.5, enabled: true };
}

describe('the poller against hostile feeds', () => {
  it('records a clear error for each hostile feed, within its limits, and goes on to the good one', { timeout: 20_000 }, async () => {
    const { app } = appWithLogs();
    const hostile: Array<[string, string, RegExp]> = [
      ['a-slow-drip', '/slow-drip', /^timed out after 2 s$/],
      ['b-endless', '/endless', /^body larger than 1 MiB$/],
      ['c-gzip-bomb', '/gzip-bomb', /^decompressed body larger than 4 MiB$/],
      ['d-redirect-loop', '/loop-a', /^redirect loop/],
      ['e-entity-bomb', '/laughs.xml', /^refused: nested DTD entity declarations/],
      ['f-not-found', '/404', /^HTTP 404 Not Found$/],
      ['g-server-error', '/500', /^HTTP 500 Internal Server Error$/],
      ['h-html', '/html', /^not a feed \(an HTML page\)$/],
      ['i-stall', '/stall', /^body stalled for 1 s$/],
    ];
    syncSources(app.db, [...hostile.map(([id, p]) => source(id, p)), source('y-wrong-charset', '/wrong-charset-utf8.xml', 'zh'), source('z-good', '/ok.xml')]);
    const poller = createPoller(app, { fetchLimits: LIMITS, concurrency: 1, random: () => 0.5 });
    const t = Date.now();
    const reports = await poller.pollAll();
    await poller.stop();
    // One at a time: drip (2 s) + stall (1 s) + the rest quickly; slack for a loaded machine.
    expect(Date.now() - t).toBeLessThan(12_000);
    expect(reports.map((r) => r.sourceId)).toEqual([...hostile.map(([id]) => id), 'y-wrong-charset', 'z-good']);

    const now = app.now().getTime();
    for (const [id, , reason] of hostile) {
      const row = sourceRow(app.db, id)!;
      expect(row.last_error, id).toMatch(reason);
      expect(row.consecutive_failures, id).toBe(1);
      expect(row.last_success_at, id).toBeNull();
      // Backed off: 30 min × 2^0 with jitter 0.5 → exactly 30 min.
      expect(row.next_poll_at - row.last_error_at!, id).toBe(30 * 60_000);
      expect(row.next_poll_at, id).toBeGreaterThan(now - 60_000);
    }
    // A legacy charset declared over UTF-8 bytes is read correctly, not as mojibake (a recovery, noted).
    const zh = reports.find((r) => r.sourceId === 'y-wrong-charset')!;
    expect(zh.status).toBe('ok');
    expect(zh.warnings?.join()).toMatch(/ignored: bytes are valid UTF-8/);
    const zhTitle = app.db.prepare(`SELECT title FROM stories WHERE source_id = 'y-wrong-charset'`).get() as { title: string } | undefined;
    expect(zhTitle?.title).toBe('寒武纪发布新一代思元芯片');

    const good = sourceRow(app.db, 'z-good')!;
    expect(good.consecutive_failures).toBe(0);
    expect(good.last_success_at).not.toBeNull();
    expect(good.etag).toBe('"v1"');
    const stored = app.db.prepare(`SELECT url, title FROM stories WHERE source_id = 'z-good' ORDER BY published_at`).all() as Array<{ url: string; title: string }>;
    expect(stored.map((s) => s.url)).toContain('https://good.example/news/1');
    expect(stored.some((s) => s.title.startsWith("Alibaba's T-Head"))).toBe(true);
  });

  it('reads a feed that claims UTF-8 but sends GB18030, for a Chinese source', async () => {
    const { app } = appWithLogs();
    syncSources(app.db, [source('gbk', '/wrong-charset-gbk.xml', 'zh')]);
    const poller = createPoller(app, { fetchLimits: LIMITS });
    const [r] = await poller.pollAll();
    await poller.stop();
    expect(r).toMatchObject({ status: 'ok', parsed: 1 });
    expect(r!.warnings?.join()).toMatch(/read as gb18030/);
  });

  it('uses conditional GET across polls and backs off exponentially, logging once per state change', async () => {
    let clock = Date.UTC(2026, 10, 28, 12);
    const { app, logs } = appWithLogs(() => new Date(clock));
    server.flaky.failing = true;
    syncSources(app.db, [source('flaky', '/flaky.xml'), source('cond', '/ok.xml')]);
    const poller = createPoller(app, { fetchLimits: LIMITS, random: () => 0.5 });

    await poller.pollDue();
    expect(sourceRow(app.db, 'flaky')!.consecutive_failures).toBe(1);
    // Not due yet: nothing is polled.
    expect(await poller.pollDue()).toEqual([]);
    clock += 31 * 60_000;
    const second = await poller.pollDue();
    expect(second.find((r) => r.sourceId === 'cond')?.status).toBe('not-modified');
    expect(server.requests.findLast((q) => q.path === '/ok.xml')!.headers['if-none-match']).toBe('"v1"');
    const flaky = sourceRow(app.db, 'flaky')!;
    expect(flaky.consecutive_failures).toBe(2);
    expect(flaky.next_poll_at - clock).toBe(60 * 60_000); // 30 min × 2

    server.flaky.failing = false;
    clock += 61 * 60_000;
    await poller.pollDue();
    await poller.stop();
    expect(sourceRow(app.db, 'flaky')!.consecutive_failures).toBe(0);
    const stateLogs = logs.filter((l) => l.source === 'flaky' && l.level >= 30).map((l) => l.msg);
    expect(stateLogs).toEqual(['feed source failing', 'feed source recovered']);
  });

  it('computes backoff with jitter, capped at a day, never under Retry-After', () => {
    expect(nextDelayMs(30, 0, () => 0.5)).toBe(30 * 60_000);
    expect(nextDelayMs(30, 0, () => 0)).toBe(27 * 60_000);
    expect(nextDelayMs(30, 3, () => 0.5)).toBe(120 * 60_000);
    expect(nextDelayMs(30, 3, () => 0)).toBe(90 * 60_000);
    expect(nextDelayMs(30, 3, () => 1)).toBe(150 * 60_000);
    expect(nextDelayMs(30, 40, () => 0.5)).toBe(24 * 3600_000);
    expect(nextDelayMs(30, 1, () => 0.5, 3 * 3600_000)).toBe(3 * 3600_000);
  });

  it('runs as a Service: start syncs the sources file and polls, stop ends cleanly', async () => {
    const { app } = appWithLogs();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cw-poller-'));
    const file = path.join(dir, 'sources.json');
    writeFileSync(file, JSON.stringify({ sources: [source('svc-good', '/ok.xml'), source('svc-404', '/404')] }));
    const poller = createPoller(app, { sourcesFile: file, fetchLimits: LIMITS, tickMs: 50 });
    await poller.start();
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && allSourceRows(app.db).some((r) => r.last_success_at === null && r.last_error === null)) await new Promise((r) => setTimeout(r, 20));
    expect(sourceRow(app.db, 'svc-good')!.last_success_at).not.toBeNull();
    expect(sourceRow(app.db, 'svc-404')!.last_error).toBe('HTTP 404 Not Found');
    // An edit of the file while running is picked up on the next tick.
    writeFileSync(file, JSON.stringify({ sources: [source('svc-good', '/ok.xml'), { ...source('svc-404', '/404'), enabled: false }, source('svc-new', '/gzip.xml')] }));
    const until = Date.now() + 5_000;
    while (Date.now() < until && sourceRow(app.db, 'svc-new')?.last_success_at == null) await new Promise((r) => setTimeout(r, 20));
    await poller.stop();
    expect(sourceRow(app.db, 'svc-new')!.last_success_at).not.toBeNull();
    expect(sourceRow(app.db, 'svc-404')!.enabled).toBe(0);
  });

  it('keeps running on a broken sources file, polling what it knows', async () => {
    const { app, logs } = appWithLogs();
    syncSources(app.db, [source('known', '/ok.xml')]);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cw-poller-'));
    const file = path.join(dir, 'sources.json');
    writeFileSync(file, '{ "sources": [ broken');
    const poller = createPoller(app, { sourcesFile: file, fetchLimits: LIMITS, tickMs: 50 });
    await poller.start();
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && sourceRow(app.db, 'known')!.last_success_at === null) await new Promise((r) => setTimeout(r, 20));
    await poller.stop();
    expect(sourceRow(app.db, 'known')!.last_success_at).not.toBeNull();
    expect(logs.some((l) => l.level === 50 && /sources file not loaded/.test(l.msg))).toBe(true);
  });

  it('ends only the reader when a feed makes the parser run out of memory: the bot goes on and the source records it', { timeout: 60_000 }, async () => {
    const { app } = appWithLogs();
    syncSources(app.db, [source('huge', '/huge-title.xml'), source('later', '/ok.xml')]);
    // A heap cap below the feed's 23 MB of decoded text, so it runs out whatever the parser does; the
    // bot's default is DEFAULT_MAX_HEAP_MB. (With a Worker's resourceLimits this could abort the bot.)
    const reader = createFeedReader({ maxHeapMb: 16 });
    const poller = createPoller(app, { fetchLimits: { ...LIMITS, maxDecodedBytes: 24 * 1024 * 1024 }, concurrency: 1, random: () => 0.5, reader });
    const reports = await poller.pollAll();
    await poller.stop();
    expect(reports.map((r) => [r.sourceId, r.status])).toEqual([
      ['huge', 'error'],
      ['later', 'ok'],
    ]);
    const huge = sourceRow(app.db, 'huge')!;
    expect(huge.last_error).toBe('parser ran out of memory (over 16 MB)');
    expect(huge.consecutive_failures).toBe(1);
    expect(sourceRow(app.db, 'later')!.last_success_at).not.toBeNull();
  });

  it('makes a source due again later before reading its feed, so dying mid-parse cannot loop on restart', async () => {
    const clock = Date.UTC(2026, 10, 28, 12);
    const { app } = appWithLogs(() => new Date(clock));
    syncSources(app.db, [source('midparse', '/ok.xml')]);
    expect(dueSourceRows(app.db, clock).map((r) => r.id)).toEqual(['midparse']);
    const seen: Array<{ due: string[]; nextPollAt: number }> = [];
    // A reader that looks at the store while the feed is being read: what a restart at that moment would find.
    const reader: FeedReader = {
      read(bytes, o, onItems) {
        seen.push({ due: dueSourceRows(app.db, clock).map((r) => r.id), nextPollAt: sourceRow(app.db, 'midparse')!.next_poll_at });
        return inThreadReader.read(bytes, o, onItems);
      },
      close: async () => {},
    };
    const poller = createPoller(app, { fetchLimits: LIMITS, random: () => 0.5, reader });
    const [r] = await poller.pollDue();
    await poller.stop();
    expect(r!.status).toBe('ok');
    expect(seen).toEqual([{ due: [], nextPollAt: clock + 30 * 60_000 }]);
    // After the read, the real schedule: the interval (jitter 0.5 → exactly 30 min).
    expect(sourceRow(app.db, 'midparse')!.next_poll_at).toBe(clock + 30 * 60_000);
  });
});
