// The digest scheduler: each tick finds the channels whose next digest instant has passed, builds their
// digests in one batch, and for each, in ONE transaction, queues the post in the outbox, records the
// clusters shown, moves the digest cursor, marks the local day done and plans the next instant. A digest
// missed while the bot was down goes out once on restart if it is less than CHIPWATCH_DIGEST_CATCHUP_HOURS
// late; later than that it is skipped (and logged), never sent twice: the outbox key is (channel, day).
import type { App } from '../app.ts';
import type { Service } from '../core/adapter.ts';
import type { Platform } from '../core/context.ts';
import { stmt } from '../store/db.ts';
import { listSubscriptions, type Subscription } from './subscriptions.ts';
import { buildDigests, type BuiltDigest } from './digest.ts';
import { enqueue, pruneOutbox } from './outbox.ts';
import { recordPosted } from './stories.ts';
import { localDay, nextDigestAt } from './schedule.ts';
import { periodic } from './loop.ts';

const BATCH = 2_000;
const DAY = 24 * 3600_000;

export interface TickResult {
  queued: number;
  quiet: number;
  skipped: number;
}

export interface DigestScheduler extends Service {
  /** One pass at app.now(); tests drive this with a fake clock. */
  tick(): TickResult;
}

export function digestPurpose(subId: number, day: string): string {
  return `digest ${subId} ${day}`;
}

export function createDigestScheduler(app: App, o: { platforms: readonly Platform[]; onQueued?: () => void; maxSleepMs?: number }): DigestScheduler {
  const db = app.db;
  const catchupMs = app.config.CHIPWATCH_DIGEST_CATCHUP_HOURS * 3600_000;
  let lastPrune = 0;

  function due(nowMs: number): Subscription[] {
    return listSubscriptions(
      db,
      `next_digest_at <= ? AND mode = 'digest' AND digest_on = 1 AND paused_reason IS NULL AND platform IN (SELECT value FROM json_each(?))`,
      [nowMs, JSON.stringify(o.platforms)],
      BATCH,
    );
  }

  function commit(d: BuiltDigest, nowMs: number): boolean {
    const s = d.sub;
    let queued = false;
    if (d.message) {
      queued = enqueue(db, { target: s.target, subscriptionId: s.id, purpose: digestPurpose(s.id, d.day), reply: d.message.reply, nowMs });
      if (queued) recordPosted(db, s.id, d.message.shown.map((c) => c.clusterId), nowMs);
    }
    const next = nextDigestAt(s.digestTime, s.digestTz, Math.max(nowMs, s.nextDigestAt ?? nowMs), d.day);
    stmt(db, `UPDATE subscriptions SET last_digest_day = ?, digest_cursor = ?, next_digest_at = ? WHERE id = ?`).run(d.day, d.upTo, next, s.id);
    return queued;
  }

  function tick(): TickResult {
    const nowMs = app.now().getTime();
    const r: TickResult = { queued: 0, quiet: 0, skipped: 0 };
    for (;;) {
      const subs = due(nowMs);
      if (!subs.length) break;
      const build: Subscription[] = [];
      db.transaction(() => {
        for (const s of subs) {
          const at = s.nextDigestAt!;
          const day = localDay(at, s.digestTz);
          if ((s.lastDigestDay && s.lastDigestDay >= day) || nowMs - at > catchupMs) {
            // Already done for that day, or missed by more than the catch-up window: plan the next one.
            if (nowMs - at > catchupMs) {
              r.skipped++;
              app.log.info({ code: 'DIGEST_MISSED', subscription: s.id, day, lateHours: Math.round((nowMs - at) / 3600_000) }, 'digest missed beyond the catch-up window; skipped');
            }
            stmt(db, `UPDATE subscriptions SET next_digest_at = ? WHERE id = ?`).run(nextDigestAt(s.digestTime, s.digestTz, nowMs, s.lastDigestDay), s.id);
          } else build.push(s);
        }
      })();
      const built = buildDigests(db, build, nowMs);
      db.transaction(() => {
        for (const d of built) {
          if (commit(d, nowMs)) r.queued++;
          else r.quiet++;
        }
      })();
      if (subs.length < BATCH) break;
    }
    if (nowMs - lastPrune > DAY / 4) {
      lastPrune = nowMs;
      pruneOutbox(db, nowMs - 14 * DAY);
      stmt(db, `DELETE FROM posted_clusters WHERE posted_at < ?`).run(nowMs - 60 * DAY);
    }
    if (r.queued) o.onQueued?.();
    return r;
  }

  /** Sleep until the soonest digest, at most maxSleepMs (settings changed by commands are seen then). */
  function untilNext(): number {
    const next = stmt<[], { m: number | null }>(db, `SELECT min(next_digest_at) AS m FROM subscriptions WHERE mode = 'digest' AND digest_on = 1 AND paused_reason IS NULL`).get()?.m;
    return next == null ? Infinity : next - app.now().getTime();
  }

  const loop = periodic(
    () => {
      tick();
      return untilNext();
    },
    (e) => app.log.error({ err: e, code: 'DIGEST_TICK_FAILED' }, 'digest scheduler tick failed'),
    o.maxSleepMs ?? 30_000,
  );

  return {
    name: 'digest-scheduler',
    tick,
    async start() {
      loop.start();
    },
    stop: () => loop.stop(),
  };
}
