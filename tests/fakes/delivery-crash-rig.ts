// An in-process "crash" for the delivery crash tests, on a fake clock: worker A sends through a poster
// that, after `cleanSends` clean sends, stops answering — the first `postedBeforeCrash` of the stuck sends
// reach the platform first (the platform took the post, the worker never learned it), the rest never
// leave. A is then stopped without waiting (its claimed rows stay 'sending', as after SIGKILL), the clock
// jumps, and worker B — a new process as far as the outbox can tell — settles and finishes everything.
import type { App } from '../../src/app.ts';
import type { Poster, PostResult } from '../../src/core/adapter.ts';
import type { PostTarget } from '../../src/core/adapter.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { openDatabase } from '../../src/store/db.ts';
import { enqueue, uncertainCounts, type UncertainCounts } from '../../src/delivery/outbox.ts';
import { createOutboxWorker } from '../../src/delivery/worker.ts';
import { reply } from '../../src/core/reply.ts';

export interface ClockApp extends App {
  clock: { ms: number };
}

/** An App on an in-memory database (no catalog: these tests post plain replies) and a settable clock. */
export function clockApp(startMs = Date.parse('2026-12-01T10:00:00Z')): ClockApp {
  const clock = { ms: startMs };
  return { config: loadConfig({ CHIPWATCH_DB: ':memory:', LOG_LEVEL: 'silent' }), db: openDatabase(':memory:'), log: createLogger('silent'), commands: [], now: () => new Date(clock.ms), clock };
}

/** Queues `posts` posts round-robin over `channels`; returns their keys in order. */
export function queuePosts(app: ClockApp, targets: PostTarget[], posts: number, tag: string, subscriptionId: number | null = null): string[] {
  app.db.transaction(() => {
    for (let i = 0; i < posts; i++) enqueue(app.db, { target: targets[i % targets.length]!, subscriptionId, purpose: `${tag} ${i}`, reply: reply(`${tag} post ${i}`), nowMs: app.clock.ms });
  })();
  return app.db.prepare(`SELECT idempotency_key FROM outbox WHERE purpose LIKE ? ORDER BY id`).pluck().all(`${tag} %`) as string[];
}

export interface CrashOutcome {
  /** Rows left 'sending' by the dead worker. */
  leftSending: number;
  counts: UncertainCounts;
  resolutions: Record<string, number>;
}

/** Runs worker A until it "dies" mid-batch, jumps the clock by `downMs`, runs worker B to the end. */
export async function crashAndRestart(app: ClockApp, poster: Poster, o: { cleanSends: number; postedBeforeCrash: number; downMs: number; concurrency?: number }): Promise<CrashOutcome> {
  const concurrency = o.concurrency ?? 8;
  let calls = 0;
  let stuck = 0;
  let landed = 0;
  let allStuck: () => void = () => {};
  const crashed = new Promise<void>((r) => (allStuck = r));
  const dying: Poster = {
    platform: poster.platform,
    async post(target, r, key, attempt): Promise<PostResult> {
      if (calls++ < o.cleanSends) return poster.post(target, r, key, attempt);
      // The platform has these; their answers are never recorded. The crash comes once they have landed.
      if (stuck++ < o.postedBeforeCrash) await poster.post(target, r, key, attempt);
      if (++landed >= concurrency) allStuck();
      return new Promise<PostResult>(() => {}); // the process is gone
    },
  };
  const common = { limits: { [poster.platform]: null }, globalLimits: { [poster.platform]: null }, concurrency, idleMs: 20, claimMs: 30_000, backoff: { baseMs: 10, maxMs: 50 } };
  const a = createOutboxWorker(app, { ...common, posters: [dying], claimer: 'worker-A', stopGraceMs: 0 });
  await a.start();
  await crashed;
  await a.stop();
  const leftSending = app.db.prepare(`SELECT count(*) FROM outbox WHERE status = 'sending'`).pluck().get() as number;
  app.clock.ms += o.downMs;
  const b = createOutboxWorker(app, { ...common, posters: [poster], claimer: 'worker-B' });
  await b.start();
  await b.drained();
  await b.stop();
  const resolutions = Object.fromEntries((app.db.prepare(`SELECT resolution, count(*) AS n FROM outbox WHERE resolution IS NOT NULL GROUP BY resolution`).all() as { resolution: string; n: number }[]).map((r) => [r.resolution, r.n]));
  return { leftSending, counts: uncertainCounts(app.db, null), resolutions };
}
