// The feed poller (a Service): every tick it polls the sources that are due, a few at a time, and records
// each one's health. A failing source backs off exponentially (with jitter, so sources that failed
// together do not retry together) and is logged once when it starts failing and once when it recovers;
// nothing a feed or a network does can throw out of here or stop the bot.
import { statSync } from 'node:fs';
import type { App } from '../app.ts';
import type { Service } from '../core/adapter.ts';
import { stmt } from '../store/db.ts';
import { createFeedFetcher, type FeedFetcher } from './fetch.ts';
import type { FetchLimits } from './fetch-limits.ts';
import { ingestFeed } from './feed-ingest.ts';
import { createFeedReader, type FeedReader } from './feed-reader.ts';
import { describeSkipped } from './feed-read.ts';
import type { ParseLimits } from './parse.ts';
import { allSourceRows, dueSourceRows, loadSourcesFile, originOf, recordFailure, recordSuccess, syncSources, SOURCES_FILE, type SourceRow } from './sources.ts';

export interface PollerOptions {
  sourcesFile?: string;
  /** Sources fetched at the same time. */
  concurrency?: number;
  /** How often to look for due sources. */
  tickMs?: number;
  fetchLimits?: Partial<FetchLimits>;
  parseLimits?: Partial<ParseLimits>;
  /** 0..1; tests pass a fixed one. */
  random?: () => number;
  /** Where feed bodies are read: a worker thread unless given. */
  reader?: FeedReader;
}

export interface PollReport {
  sourceId: string;
  status: 'ok' | 'not-modified' | 'error';
  /** For errors: the recorded reason. */
  reason?: string;
  parsed?: number;
  added?: number;
  duplicates?: number;
  dropped?: number;
  skipped?: string;
  warnings?: string[];
  ms: number;
}

export interface Poller extends Service {
  /** Polls the sources that are due now. */
  pollDue(): Promise<PollReport[]>;
  /** Polls every enabled source now, due or not (`chipwatch ingest --once`). */
  pollAll(): Promise<PollReport[]>;
}

const MAX_BACKOFF_MS = 24 * 3600_000;

/**
 * Delay before the next poll: the source's interval after a success (±10% to spread load), and after the
 * n-th consecutive failure min(interval × 2^(n-1), 24 h) with ±25% jitter; a server's Retry-After is a floor.
 */
export function nextDelayMs(pollMinutes: number, failures: number, random: () => number, retryAfterMs = 0): number {
  const base = pollMinutes * 60_000;
  if (failures === 0) return Math.round(base * (0.9 + 0.2 * random()));
  const backoff = Math.min(base * 2 ** Math.min(failures - 1, 16), Math.max(MAX_BACKOFF_MS, base));
  return Math.max(Math.round(backoff * (0.75 + 0.5 * random())), retryAfterMs);
}

export function createPoller(app: App, o: PollerOptions = {}): Poller {
  const concurrency = Math.max(1, o.concurrency ?? 4);
  const tickMs = o.tickMs ?? 60_000;
  const random = o.random ?? Math.random;
  let fetcher: FeedFetcher | null = null;
  const reader = o.reader ?? createFeedReader();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let stopping = false;
  const log = app.log.child({ service: 'poller' });

  const getFetcher = () => (fetcher ??= createFeedFetcher(o.fetchLimits));

  /** Polls one source and records the outcome. Never throws. */
  async function pollOne(row: SourceRow): Promise<PollReport> {
    const started = Date.now();
    const finish = (r: Omit<PollReport, 'sourceId' | 'ms'>): PollReport => ({ sourceId: row.id, ms: Date.now() - started, ...r });
    let report: PollReport;
    let retryAfterMs = 0;
    try {
      // Due again only as if this poll failed, before anything is fetched or parsed: if the process dies
      // meanwhile (killed for memory mid-parse, a power cut), a restart does not read the same feed at
      // once and die again. The outcome below sets the real time.
      const dueIfThisFails = app.now().getTime() + nextDelayMs(row.poll_minutes, row.consecutive_failures + 1, random);
      stmt(app.db, 'UPDATE feed_sources SET next_poll_at = ? WHERE id = ?').run(dueIfThisFails, row.id);
      const res = await getFetcher().fetch(row.feed_url, { etag: row.etag, lastModified: row.last_modified });
      if (res.kind === 'error') {
        retryAfterMs = res.retryAfterMs ?? 0;
        report = finish({ status: 'error', reason: res.reason });
      } else if (res.kind === 'not-modified') {
        const now = app.now().getTime();
        recordSuccess(app.db, row.id, { now, nextPollAt: now + nextDelayMs(row.poll_minutes, 0, random), etag: res.etag, lastModified: res.lastModified, itemsSeen: 0 });
        report = finish({ status: 'not-modified' });
      } else {
        const now = app.now().getTime();
        const r = await ingestFeed(app, originOf(row), res.body, { feedUrl: res.url, contentType: res.contentType, lang: row.lang, now, ...(o.parseLimits ? { parseLimits: o.parseLimits } : {}) }, { reader });
        if (!r.ok) report = finish({ status: 'error', reason: r.reason });
        else {
          recordSuccess(app.db, row.id, { now, nextPollAt: now + nextDelayMs(row.poll_minutes, 0, random), etag: res.etag, lastModified: res.lastModified, itemsSeen: r.parsed });
          report = finish({ status: 'ok', parsed: r.parsed, added: r.added, duplicates: r.duplicates, dropped: r.dropped, skipped: describeSkipped(r.skipped), warnings: r.warnings });
        }
      }
    } catch (e) {
      // A bug in our pipeline or the store: one source's poll, not the bot.
      log.error({ err: e, source: row.id }, 'feed poll failed unexpectedly');
      report = finish({ status: 'error', reason: `internal error: ${String((e as Error)?.message ?? e).slice(0, 120)}` });
    }
    try {
      if (report.status === 'error') {
        const now = app.now().getTime();
        const failures = recordFailure(app.db, row.id, { now, reason: report.reason!, nextPollAt: now + nextDelayMs(row.poll_minutes, row.consecutive_failures + 1, random, retryAfterMs) });
        if (row.consecutive_failures === 0) log.warn({ source: row.id, reason: report.reason }, 'feed source failing');
        else log.debug({ source: row.id, reason: report.reason, failures }, 'feed source still failing');
      } else {
        if (row.consecutive_failures > 0) log.info({ source: row.id, after: row.consecutive_failures }, 'feed source recovered');
        log.debug({ ...report }, 'feed polled');
      }
    } catch (e) {
      log.error({ err: e, source: row.id }, 'could not record feed health');
    }
    return report;
  }

  async function pollRows(rows: SourceRow[]): Promise<PollReport[]> {
    const reports: PollReport[] = [];
    let next = 0;
    const worker = async () => {
      while (!stopping && next < rows.length) {
        const row = rows[next++]!;
        reports.push(await pollOne(row));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
    return reports;
  }

  const sourcesFile = o.sourcesFile ?? SOURCES_FILE;
  let syncedMtime = -1;

  /** Loads the sources file when it changed since the last look (edits apply without a restart). */
  function syncFromFile(): void {
    let mtime: number;
    try {
      mtime = statSync(sourcesFile).mtimeMs;
    } catch {
      mtime = -2;
    }
    if (mtime === syncedMtime) return;
    syncedMtime = mtime;
    try {
      const r = syncSources(app.db, loadSourcesFile(sourcesFile).sources);
      if (r.added || r.updated || r.disabled) log.info(r, 'feed sources synced from file');
    } catch (e) {
      // A broken edit of the file must not stop the bot: keep polling what the table already has.
      log.error({ err: (e as Error).message }, 'sources file not loaded; polling the sources already known');
    }
  }

  async function tick(): Promise<void> {
    if (stopping) return;
    syncFromFile();
    const run = pollRows(dueSourceRows(app.db, app.now().getTime())).catch((e: unknown) => log.error({ err: e }, 'poll tick failed'));
    running = run;
    await run;
    if (!stopping) timer = setTimeout(() => void tick(), tickMs);
  }

  return {
    name: 'feed-poller',
    async start() {
      stopping = false;
      syncFromFile();
      const enabled = allSourceRows(app.db).filter((r) => r.enabled).length;
      log.info({ sources: enabled }, 'feed poller started');
      // First tick on the next turn, so start() returns at once.
      timer = setTimeout(() => void tick(), 0);
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await running; // in-flight polls end within the fetch deadline
      await fetcher?.close();
      fetcher = null;
      await reader.close();
    },
    pollDue: () => pollRows(dueSourceRows(app.db, app.now().getTime())),
    pollAll: () => pollRows(allSourceRows(app.db).filter((r) => r.enabled === 1)),
  };
}
