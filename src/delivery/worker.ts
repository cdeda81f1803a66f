// The outbox worker: sends each channel's oldest pending post through that platform's Poster, with the
// post's idempotency key, paced per channel (ChannelPacer) and a few sends in flight across channels.
// Outcomes: sent; transient → retry later with backoff + jitter, never before retry-after; permanent →
// the post fails and the channel's subscription is paused with the reason. Delivery is at-least-once from
// here (a crash after the platform accepted but before we recorded it resends), and exactly-once as seen
// in the channel because the platform dedupes the key (Discord: nonce + enforce_nonce).
import type { App } from '../app.ts';
import type { Poster, PostResult, Service } from '../core/adapter.ts';
import type { Platform } from '../core/context.ts';
import { ChannelPacer, PLATFORM_GLOBAL_LIMITS, PLATFORM_RATE_LIMITS, type RateLimit } from './rate-limit.ts';
import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from './backoff.ts';
import { channelHead, channelHeads, markFailed, markRetry, markSent, payloadOf, type OutboxHead } from './outbox.ts';
import { pauseSubscription } from './subscriptions.ts';

export interface OutboxWorkerOptions {
  posters: readonly Poster[];
  /** Per-channel pacing by platform; defaults to PLATFORM_RATE_LIMITS. */
  limits?: Partial<Record<Platform, RateLimit | null>>;
  /** Whole-platform pacing; defaults to PLATFORM_GLOBAL_LIMITS. */
  globalLimits?: Partial<Record<Platform, RateLimit | null>>;
  backoff?: BackoffPolicy;
  /** Sends in flight at once (each to a different channel). */
  concurrency?: number;
  /** How often to look for new rows when nothing wakes the worker. */
  idleMs?: number;
  /** Transient failures in a row before the post is given up and the channel paused. */
  maxAttempts?: number;
  /** How long stop() waits for in-flight sends before abandoning them (they stay pending: resent later). */
  stopGraceMs?: number;
}

export interface OutboxWorker extends Service {
  /** Something was queued: look now instead of at the next idle tick. */
  wake(): void;
  /** Resolves when nothing is pending and nothing is in flight (tests, the crash child, benchmarks). */
  drained(): Promise<void>;
}

const HEADS = 1000;

export function createOutboxWorker(app: App, o: OutboxWorkerOptions): OutboxWorker {
  const posters = new Map(o.posters.map((p) => [p.platform, p]));
  const platforms = [...posters.keys()];
  const pacer = new ChannelPacer({ ...PLATFORM_RATE_LIMITS, ...o.limits }, { ...PLATFORM_GLOBAL_LIMITS, ...o.globalLimits });
  const backoff = o.backoff ?? DEFAULT_BACKOFF;
  const concurrency = o.concurrency ?? 8;
  const idleMs = o.idleMs ?? 1_000;
  const maxAttempts = o.maxAttempts ?? 12;
  const now = () => app.now().getTime();
  const inFlight = new Map<string, Promise<void>>(); // channel key → send
  let stopping = false;
  let closed = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  let drainWaiters: (() => void)[] = [];
  let lastSweep = 0;
  // Each channel's oldest pending post, kept in memory: a full scan (GROUP BY over every pending row) runs
  // only when something new was queued or every idleMs; after a send only that channel is re-read.
  const heads = new Map<string, OutboxHead>();
  let stale = true;
  let lastRefresh = 0;

  const poke = () => wakeUp?.();
  /** Something new may be queued (scheduler, fan-out, tests): rescan. */
  const wake = () => {
    stale = true;
    poke();
  };
  const channelKey = (r: OutboxHead) => `${r.target.platform}\u0000${r.target.workspaceId}\u0000${r.target.channelId}`;

  function record(row: OutboxHead, result: PostResult): void {
    if (closed) return; // stopped while this send was in flight: the row stays pending and is resent.
    const t = now();
    if (result.ok) return markSent(app.db, row.id, t);
    if (result.kind === 'permanent' || row.attempts + 1 >= maxAttempts) {
      const reason = result.kind === 'permanent' ? result.error : `kept failing after ${row.attempts + 1} attempts: ${result.error}`;
      app.db.transaction(() => {
        markFailed(app.db, row.id, reason);
        if (row.subscriptionId !== null) pauseSubscription(app.db, row.subscriptionId, reason, t);
      })();
      app.log.warn({ code: 'DELIVERY_PAUSED', platform: row.target.platform, channel: row.target.channelId, reason }, 'delivery failed permanently; subscription paused');
      return;
    }
    if (result.retryAfterMs !== undefined) pacer.block(row.target.platform, row.target.channelId, t + result.retryAfterMs);
    markRetry(app.db, row.id, result.error, t + retryDelay(row.attempts + 1, backoff, result.retryAfterMs));
  }

  function send(row: OutboxHead): void {
    const key = channelKey(row);
    const poster = posters.get(row.target.platform)!;
    const p = (async () => {
      const reply = payloadOf(app.db, row.id);
      if (!reply) return; // cancelled (unsubscribed, paused) since the heads were read
      let result: PostResult;
      try {
        result = await poster.post(row.target, reply, row.key);
      } catch (e) {
        // An adapter should map its errors to PostResult; a throw is treated as retryable.
        result = { ok: false, kind: 'transient', error: `poster threw: ${(e as Error).message}` };
      }
      // The send counts against the window from when it FINISHED: the platform stamped it somewhere
      // between start and answer, so this is the safe end (one send per channel is in flight at a time).
      pacer.took(row.target.platform, row.target.channelId, now());
      try {
        record(row, result);
      } catch (e) {
        if (!closed) app.log.error({ err: e, code: 'OUTBOX_RECORD_FAILED' }, 'could not record a send outcome');
      }
    })().finally(() => {
      inFlight.delete(key);
      if (!closed) {
        const next = channelHead(app.db, row.target);
        if (next) heads.set(key, next);
        else heads.delete(key);
      }
      poke();
    });
    inFlight.set(key, p);
  }

  /** One pass: start every send that is due and allowed; returns when to look again. */
  function pass(): number {
    const t = now();
    if (t - lastSweep > 60_000) {
      pacer.sweep(t);
      lastSweep = t;
    }
    let wakeAt = t + idleMs;
    if (stale || t - lastRefresh >= idleMs || (heads.size === 0 && !inFlight.size)) {
      stale = false;
      lastRefresh = t;
      heads.clear();
      for (const h of channelHeads(app.db, platforms, HEADS)) heads.set(channelKey(h), h);
    }
    if (!heads.size && !inFlight.size) {
      for (const w of drainWaiters) w();
      drainWaiters = [];
    }
    for (const [key, row] of heads) {
      if (inFlight.size >= concurrency) break;
      if (inFlight.has(key)) continue;
      const ready = Math.max(row.nextAttemptAt, pacer.readyAt(row.target.platform, row.target.channelId, t));
      if (ready > t) {
        wakeAt = Math.min(wakeAt, ready);
        continue;
      }
      send(row);
    }
    return wakeAt;
  }

  async function run(): Promise<void> {
    while (!stopping) {
      let wakeAt: number;
      try {
        wakeAt = pass();
      } catch (e) {
        app.log.error({ err: e, code: 'OUTBOX_PASS_FAILED' }, 'outbox pass failed');
        wakeAt = now() + idleMs;
      }
      if (stopping) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, wakeAt - now()));
        wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeUp = undefined;
    }
  }

  return {
    name: 'outbox-worker',
    wake,
    drained() {
      return new Promise<void>((resolve) => {
        drainWaiters.push(resolve);
        wake();
      });
    },
    async start() {
      stopping = false;
      closed = false;
      loop = run();
    },
    async stop() {
      stopping = true;
      wake();
      await loop;
      const grace = new Promise<'abandon'>((r) => setTimeout(() => r('abandon'), o.stopGraceMs ?? 10_000).unref());
      const done = await Promise.race([Promise.all(inFlight.values()).then(() => 'done' as const), grace]);
      if (done === 'abandon') app.log.warn({ inFlight: inFlight.size }, 'outbox: abandoning in-flight sends; they stay queued and are resent (same idempotency key) on restart');
      closed = true;
    },
  };
}
