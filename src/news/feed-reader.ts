// Where feed bodies are read (decode, parse, normalise: feed-read.ts). The bot reads them in a child
// process (read-worker.ts), for four reasons:
//   - parsing a large feed no longer competes with commands and the store for the main thread: the
//     child parses while the main thread stores the batches already read (1.6 to 2 times the
//     throughput of doing both in turn on one thread, on two cores: `npm run bench ingest`, measured
//     when the reader was a worker thread; the bench's CPU-time line counts only the bot's process);
//   - a parse that runs past its deadline is stopped for certain (the child is killed), not only at the
//     next slice boundary;
//   - a parser bug that throws outside our try/catch (in a stream callback) ends the child, not the bot;
//   - its heap is capped (--max-old-space-size, maxHeapMb): a feed that makes the parser run out of
//     memory ends the child, and its source records the failure. A worker thread cannot promise that:
//     with Worker resourceLimits, V8 aborts the whole process, not only the worker, when one large
//     allocation crosses the cap (measured on Node 20: `new Array(5e7).fill(1.5)` or a 100 MB join in a
//     worker capped at 64 MB ends the bot with SIGABRT).
// One child serves every read; it starts with the first read and ends 15 s after the last one: alive, it
// holds about 55 MB of memory (its own, not the bot's; 80 MB from the TypeScript sources). Starting one
// took 1.2-1.5 s from the build (3 s from the sources) on the 2-core machine at a load average of 13;
// it happens once per burst of polls, not per feed. It exits when the bot does (its IPC channel closes).
// `inThreadReader` reads in the calling thread instead (tests, and the same interface).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { readFeed, type ItemBatchSink, type ReadOptions, type ReadResult } from './feed-read.ts';
import { DEFAULT_PARSE_LIMITS } from './parse.ts';
import type { NormalizedItem } from './types.ts';

export interface FeedReader {
  /** Reads one feed body; items go to `onItems` in batches as they are read. Never throws for a bad feed. */
  read(bytes: Buffer, o: ReadOptions, onItems: ItemBatchSink): Promise<ReadResult>;
  /** Stops the child process (reads in progress end with an error). */
  close(): Promise<void>;
}

/** Bot → child. */
export interface ReadRequest {
  id: number;
  bytes: Uint8Array;
  options: ReadOptions;
}

/** Child → bot: a batch of items, then the result (or why reading failed). */
export type ReadMessage = { id: number; items: NormalizedItem[] } | { id: number; result: ReadResult } | { id: number; error: string };

export interface FeedReaderOptions {
  /** The child ends after this long without a read. */
  idleMs?: number;
  /** Past the parse deadline, how long before the child is killed. */
  graceMs?: number;
  /** The child's heap cap (V8 old space), MB. */
  maxHeapMb?: number;
}

/**
 * The child's heap cap. The largest feed the fetcher lets through (24 MiB decompressed) parses in about
 * 300 MB (../shared/notes/feeds-and-parsers.md §4: 19 MB feed, 288–362 MB peak RSS per parser).
 */
export const DEFAULT_MAX_HEAP_MB = 512;

export const inThreadReader: FeedReader = {
  read: (bytes, o, onItems) => readFeed(bytes, o, onItems),
  close: async () => {},
};

/**
 * The child's entry: the bundle's read-worker.mjs beside this chunk in production (src/cli/build.mjs
 * builds it), or, when running from the TypeScript sources, a bootstrap that loads tsx first (a child
 * does not inherit the loader the bot registered).
 */
function workerPath(): string {
  return fileURLToPath(import.meta.url.endsWith('.ts') ? new URL('./read-worker-tsx.mjs', import.meta.url) : new URL('./read-worker.mjs', import.meta.url));
}

interface Pending {
  onItems: ItemBatchSink;
  resolve: (r: ReadResult) => void;
  timer: NodeJS.Timeout;
}

/** The last bytes of the child's stderr: V8 says there why it aborted ("heap out of memory"). */
const STDERR_TAIL = 4096;

export function createFeedReader(opts: FeedReaderOptions = {}): FeedReader {
  const idleMs = opts.idleMs ?? 15_000;
  const graceMs = opts.graceMs ?? 10_000;
  const maxHeapMb = opts.maxHeapMb ?? DEFAULT_MAX_HEAP_MB;
  let worker: ChildProcess | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let idleTimer: NodeJS.Timeout | null = null;

  /**
   * Ends every read in progress with `reason` and forgets the child (the next read starts a new one).
   * With `culprit`, only that read gets `reason`; the others were cut short through no fault of their own.
   */
  function fail(w: ChildProcess, reason: string, culprit?: number): void {
    if (worker !== w) return;
    worker = null;
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      const own = culprit === undefined || id === culprit;
      p.resolve({ ok: false, reason: own ? reason : 'interrupted: the parser was restarted because another feed ran past its deadline' });
    }
    w.kill('SIGKILL');
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

  // One message per turn of the event loop. Node hands queued messages over in one go, so when the
  // child reads faster than batches are stored, handling them as they come would store batch after
  // batch without a pause (seconds on a large feed) while interactions wait.
  const inbox: ReadMessage[] = [];
  const deliverNext = () => {
    const m = inbox.shift();
    if (m) handle(m);
    if (inbox.length) setImmediate(deliverNext);
  };

  function start(): ChildProcess {
    const w = fork(workerPath(), [], {
      // Our own flags, not the bot's (a loader, an inspector port): the heap cap and nothing else.
      execArgv: [`--max-old-space-size=${maxHeapMb}`],
      // Structured clone: Buffers and the items' shapes cross as they are, without JSON.
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    w.stderr?.setEncoding('utf8');
    w.stderr?.on('data', (s: string) => {
      stderr = (stderr + s).slice(-STDERR_TAIL);
    });
    w.on('message', (m: ReadMessage) => {
      if (inbox.push(m) === 1) setImmediate(deliverNext);
    });
    w.on('error', (e: Error) => fail(w, `parser failed: ${e.message.slice(0, 120)}`));
    w.on('exit', (code, signal) => {
      // The exit can come before the last of stderr: read its cause once the pipe has ended too.
      const done = () =>
        fail(
          w,
          /heap out of memory|allocation failed/i.test(stderr)
            ? `parser ran out of memory (over ${maxHeapMb} MB)${pending.size > 1 ? `, reading this feed or one of ${pending.size - 1} read alongside it` : ''}`
            : `parser stopped (${signal ? `signal ${signal}` : `exit code ${code}`})`,
        );
      if (w.stderr && !w.stderr.readableEnded) w.stderr.once('close', done);
      else done();
    });
    return w;
  }

  /** Holds the bot's event loop open while reads are in progress, and only then. */
  function hold(w: ChildProcess, on: boolean): void {
    const handles = [w, w.channel, w.stderr] as Array<{ ref?: () => void; unref?: () => void } | null | undefined>;
    for (const h of handles) (on ? h?.ref : h?.unref)?.call(h);
  }

  /** Idle: let the process exit without waiting for the child, and end it after idleMs. */
  function settle(): void {
    if (pending.size || !worker) return;
    const w = worker;
    hold(w, false);
    idleTimer = setTimeout(() => {
      if (worker === w && !pending.size) {
        worker = null;
        w.kill('SIGKILL');
      }
    }, idleMs).unref();
  }

  return {
    read(bytes, o, onItems) {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      const w = (worker ??= start());
      hold(w, true);
      const id = nextId++;
      const deadline = (o.parseLimits?.deadlineMs ?? DEFAULT_PARSE_LIMITS.deadlineMs) + graceMs;
      return new Promise<ReadResult>((resolve) => {
        // The child checks its deadline between slices; this is for a parse stuck inside one.
        const timer = setTimeout(() => fail(w, `parsing did not finish within ${Math.round(deadline / 1000)} s`, id), deadline);
        pending.set(id, { onItems, resolve, timer });
        w.send({ id, bytes, options: o } satisfies ReadRequest, (e) => {
          if (e) fail(w, `parser unreachable: ${e.message.slice(0, 120)}`);
        });
      });
    },
    async close() {
      if (idleTimer) clearTimeout(idleTimer);
      if (worker) fail(worker, 'feed reader closed');
    },
  };
}
