// Where feed bodies are read (decode, parse, normalise: feed-read.ts). The bot reads them in a worker
// thread, for three reasons:
//   - parsing a large feed no longer competes with commands and the store for the main thread: the
//     worker parses while the main thread stores the batches already read (1.6 to 2 times the
//     throughput of doing both in turn on one thread, on two cores: `npm run bench ingest`);
//   - a parse that runs past its deadline is stopped for certain (the worker is terminated), not only
//     at the next slice boundary;
//   - a parser bug that throws outside our try/catch (in a stream callback) ends the worker, not the bot.
// The worker has no heap cap of its own (resourceLimits): V8 aborts the whole process, not only the
// worker, when one large allocation crosses such a cap; the fetcher's byte caps bound a feed instead.
// One worker serves every read; it starts with the first read and ends 15 s after the last one: alive, it
// holds about 15 MB of memory, and starting one costs about 0.1 s.
// `inThreadReader` reads in the calling thread instead (tests, and the same interface).
import { Worker } from 'node:worker_threads';
import { readFeed, type ItemBatchSink, type ReadOptions, type ReadResult } from './feed-read.ts';
import { DEFAULT_PARSE_LIMITS } from './parse.ts';
import type { NormalizedItem } from './types.ts';

export interface FeedReader {
  /** Reads one feed body; items go to `onItems` in batches as they are read. Never throws for a bad feed. */
  read(bytes: Buffer, o: ReadOptions, onItems: ItemBatchSink): Promise<ReadResult>;
  /** Stops the worker (reads in progress end with an error). */
  close(): Promise<void>;
}

/** Main thread → worker. */
export interface ReadRequest {
  id: number;
  bytes: Uint8Array;
  options: ReadOptions;
}

/** Worker → main thread: a batch of items, then the result (or why reading failed). */
export type ReadMessage = { id: number; items: NormalizedItem[] } | { id: number; result: ReadResult } | { id: number; error: string };

export interface FeedReaderOptions {
  /** The worker ends after this long without a read. */
  idleMs?: number;
  /** Past the parse deadline, how long before the worker is terminated. */
  graceMs?: number;
}

export const inThreadReader: FeedReader = {
  read: (bytes, o, onItems) => readFeed(bytes, o, onItems),
  close: async () => {},
};

/**
 * The worker's entry: the bundle's read-worker.mjs beside this chunk in production (src/cli/build.mjs
 * builds it), or, when running from the TypeScript sources, a bootstrap that loads tsx first (a worker
 * does not inherit the loader the main thread registered).
 */
function workerUrl(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('./read-worker-tsx.mjs', import.meta.url) : new URL('./read-worker.mjs', import.meta.url);
}

interface Pending {
  onItems: ItemBatchSink;
  resolve: (r: ReadResult) => void;
  timer: NodeJS.Timeout;
}

export function createFeedReader(opts: FeedReaderOptions = {}): FeedReader {
  const idleMs = opts.idleMs ?? 15_000;
  const graceMs = opts.graceMs ?? 10_000;
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let idleTimer: NodeJS.Timeout | null = null;

  /**
   * Ends every read in progress with `reason` and forgets the worker (the next read starts a new one).
   * With `culprit`, only that read gets `reason`; the others were cut short through no fault of their own.
   */
  function fail(w: Worker, reason: string, culprit?: number): void {
    if (worker !== w) return;
    worker = null;
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      const own = culprit === undefined || id === culprit;
      p.resolve({ ok: false, reason: own ? reason : 'interrupted: the parser was restarted because another feed ran past its deadline' });
    }
    void w.terminate();
  }

  function handle(m: ReadMessage): void {
    const p = pending.get(m.id);
    if (!p) return; // a read that already failed
    if ('items' in m) {
      p.onItems(m.items);
      return;
    }
    clearTimeout(p.timer);
    pending.delete(m.id);
    p.resolve('result' in m ? m.result : { ok: false, reason: `parser failed: ${m.error}` });
    settle();
  }

  // One message per turn of the event loop. Node hands a port's queued messages over in one go, so when
  // the worker reads faster than batches are stored, handling them as they come would store batch after
  // batch without a pause (seconds on a large feed) while interactions wait.
  const inbox: ReadMessage[] = [];
  const deliverNext = () => {
    const m = inbox.shift();
    if (m) handle(m);
    if (inbox.length) setImmediate(deliverNext);
  };

  function start(): Worker {
    const w = new Worker(workerUrl());
    w.on('message', (m: ReadMessage) => {
      if (inbox.push(m) === 1) setImmediate(deliverNext);
    });
    w.on('error', (e: Error) => fail(w, `parser failed: ${e.message.slice(0, 120)}`));
    w.on('exit', (code) => fail(w, `parser stopped (exit code ${code})`));
    return w;
  }

  /** Idle: let the process exit without waiting for the worker, and end it after idleMs. */
  function settle(): void {
    if (pending.size || !worker) return;
    worker.unref();
    const w = worker;
    idleTimer = setTimeout(() => {
      if (worker === w && !pending.size) {
        worker = null;
        void w.terminate();
      }
    }, idleMs).unref();
  }

  return {
    read(bytes, o, onItems) {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      const w = (worker ??= start());
      w.ref();
      const id = nextId++;
      const deadline = (o.parseLimits?.deadlineMs ?? DEFAULT_PARSE_LIMITS.deadlineMs) + graceMs;
      return new Promise<ReadResult>((resolve) => {
        // The worker checks its deadline between slices; this is for a parse stuck inside one.
        const timer = setTimeout(() => fail(w, `parsing did not finish within ${Math.round(deadline / 1000)} s`, id), deadline);
        pending.set(id, { onItems, resolve, timer });
        w.postMessage({ id, bytes, options: o } satisfies ReadRequest);
      });
    },
    async close() {
      if (idleTimer) clearTimeout(idleTimer);
      if (worker) fail(worker, 'feed reader closed');
    },
  };
}
