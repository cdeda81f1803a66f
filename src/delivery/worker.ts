// The outbox worker: sends each channel's oldest pending post through that platform's Poster, with the
// post's idempotency key, paced per channel (ChannelPacer) and a few sends in flight across channels.
// Outcomes: sent; transient → retry later with backoff + jitter, never before retry-after; permanent →
// the post fails and the channel's subscription is paused with the reason.
// Each row is claimed (outbox.claim) before it is sent and its outcome recorded only by the claimer, so two
// workers never send the same row at once. A send whose outcome is unknown (the claimer died mid-send, or a
// time-out / 5xx that may have posted) makes the row "uncertain": the next send passes `uncertainSince` to
// the poster, which settles it the platform's way (README "Delivery guarantees"), and the way it was
// settled is recorded and logged; 'unchecked' (possibly doubled) is a warning.
import type { App } from '../app.ts';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Poster, PostResult, Service } from '../core/adapter.ts';
import type { Platform } from '../core/context.ts';
import { ChannelPacer, PLATFORM_GLOBAL_LIMITS, PLATFORM_RATE_LIMITS, type RateLimit } from './rate-limit.ts';
import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from './backoff.ts';
import { abandonedCount, channelHead, channelHeads, claim, markFailed, markRetry, markSent, payloadOf, renewClaims, type OutboxHead } from './outbox.ts';
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
  /** How long stop() waits for in-flight sends before abandoning them (they stay claimed, then uncertain). */
  stopGraceMs?: number;
  /** This worker's id in the outbox's claims (default host:pid:random). */
  claimer?: string;
  /** How long a claim lasts unless renewed; renewed every third of it while the send is in flight. A row
   * whose claimer died is taken over this long after its last renewal. */
  claimMs?: number;
}

/** Default claim: a few times the slowest send we allow (Discord REST and Slack time out at 10-15 s). */
export const DEFAULT_CLAIM_MS = 30_000;

export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
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
  const claimer = o.claimer ?? workerId();
  const claimMs = o.claimMs ?? DEFAULT_CLAIM_MS;
  let lastRenew = 0;
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

  function record(row: OutboxHead, result: PostResult, uncertainSince: number | null): void {
    if (closed) return; // stopped while this send was in flight: the row stays claimed, then uncertain.
    const t = now();
    if (result.ok) {
      // A poster that does not say how it settled an uncertain post resent it blindly: possibly doubled.
      const resolution = uncertainSince === null ? null : (result.resolution ?? 'unchecked');
      markSent(app.db, row.id, claimer, t, resolution);
      if (resolution) {
        const fields = { code: resolution === 'unchecked' ? 'DELIVERY_POSSIBLY_DOUBLED' : 'DELIVERY_UNCERTAIN_SETTLED', platform: row.target.platform, channel: row.target.channelId, key: row.key, resolution, uncertainForMs: t - uncertainSince! };
        if (resolution === 'unchecked') app.log.warn(fields, 'uncertain post sent again without a way to check the channel: it may appear twice');
        else app.log.info(fields, 'uncertain post settled');
      }
      return;
    }
    if (result.kind === 'permanent' || row.attempts + 1 >= maxAttempts) {
      const reason = result.kind === 'permanent' ? result.error : `kept failing after ${row.attempts + 1} attempts: ${result.error}`;
      app.db.transaction(() => {
        markFailed(app.db, row.id, claimer, reason);
        if (row.subscriptionId !== null) pauseSubscription(app.db, row.subscriptionId, reason, t);
      })();
      app.log.warn({ code: 'DELIVERY_PAUSED', platform: row.target.platform, channel: row.target.channelId, reason }, 'delivery failed permanently; subscription paused');
      return;
    }
    if (result.retryAfterMs !== undefined) pacer.block(row.target.platform, row.target.channelId, t + result.retryAfterMs);
    // A 429 was refused before posting; a time-out, 5xx or network error may have posted all the same.
    const maybePosted = result.retryAfterMs === undefined;
    markRetry(app.db, row.id, claimer, result.error, t + retryDelay(row.attempts + 1, backoff, result.retryAfterMs), maybePosted);
  }

  function send(row: OutboxHead): void {
    const key = channelKey(row);
    const poster = posters.get(row.target.platform)!;
    const c = claim(app.db, row.id, claimer, now(), claimMs);
    const p = (async () => {
      if (!c) return; // another worker has it, or it was cancelled (unsubscribed, paused) since the heads were read
      const reply = payloadOf(app.db, row.id, claimer);
      if (!reply) return;
      const uncertainSince = c.uncertainSince;
      if (uncertainSince !== null) app.log.info({ code: 'DELIVERY_UNCERTAIN', platform: row.target.platform, channel: row.target.channelId, key: row.key, since: uncertainSince }, 'resending a post whose earlier send may have reached the platform');
      let result: PostResult;
      try {
        result = await poster.post(row.target, reply, row.key, { nowMs: now(), ...(uncertainSince !== null ? { uncertainSince } : {}) });
      } catch (e) {
        // An adapter should map its errors to PostResult; a throw is treated as retryable.
        result = { ok: false, kind: 'transient', error: `poster threw: ${(e as Error).message}` };
      }
      // The send counts against the window from when it FINISHED: the platform stamped it somewhere
      // between start and answer, so this is the safe end (one send per channel is in flight at a time).
      pacer.took(row.target.platform, row.target.channelId, now());
      try {
        record(row, result, uncertainSince);
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
    if (inFlight.size && t - lastRenew >= claimMs / 3) {
      renewClaims(app.db, claimer, t, claimMs);
      lastRenew = t;
    }
    wakeAt = Math.min(wakeAt, t + claimMs / 3);
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
      // Claimed by a worker that may still be sending it: wait for its claim to lapse (or the row to move on).
      const claimedUntil = row.status === 'sending' ? (row.claimExpiresAt ?? 0) : 0;
      const ready = Math.max(row.nextAttemptAt, claimedUntil, pacer.readyAt(row.target.platform, row.target.channelId, t));
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
      const abandoned = abandonedCount(app.db, now());
      if (abandoned) app.log.warn({ code: 'DELIVERY_UNCERTAIN_FOUND', posts: abandoned }, 'posts left mid-send by a stopped or crashed worker: each is settled before it is sent again');
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
