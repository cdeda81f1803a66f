// Real-time fan-out: each poll cycle, the stories ingested since a real-time channel's cursor (stories.id)
// that match it become ONE message (a burst is listed together), minus clusters already posted to that
// channel. Queuing the post, recording the clusters and moving the cursor happen in one transaction.
import type { App } from '../app.ts';
import type { Service } from '../core/adapter.ts';
import type { Platform } from '../core/context.ts';
import { stmt } from '../store/db.ts';
import { listSubscriptions, maxStoryId } from './subscriptions.ts';
import { loadStories, postedClusters, recordPosted } from './stories.ts';
import { BURST_TOP, burstMessage } from './messages.ts';
import { enqueue } from './outbox.ts';
import { periodic } from './loop.ts';

/** Real-time posts only stories published within this long before they are seen. */
export const REALTIME_MAX_AGE_MS = 48 * 3600_000;

export interface RealtimeFanout extends Service {
  /** One poll cycle at app.now(); returns the number of posts queued. */
  tick(): number;
}

export function createRealtimeFanout(app: App, o: { platforms: readonly Platform[]; pollMs: number; onQueued?: () => void }): RealtimeFanout {
  const db = app.db;

  function tick(): number {
    const nowMs = app.now().getTime();
    const upTo = maxStoryId(db);
    const subs = listSubscriptions(db, `mode = 'realtime' AND paused_reason IS NULL AND realtime_cursor < ? AND platform IN (SELECT value FROM json_each(?))`, [upTo, JSON.stringify(o.platforms)]);
    if (!subs.length) return 0;
    const batch = loadStories(db, Math.min(...subs.map((s) => s.realtimeCursor)), upTo, nowMs);
    let queued = 0;
    db.transaction(() => {
      for (const s of subs) {
        // Old items that arrive late (a seed file, a backfill, a feed republishing its archive) are not news.
        const sel = batch.select(s, s.realtimeCursor, postedClusters(db, s.id, batch.minClusterId), BURST_TOP, 'newest', true, nowMs - REALTIME_MAX_AGE_MS);
        if (sel.total) {
          const ok = enqueue(db, { target: s.target, subscriptionId: s.id, purpose: `realtime ${s.id} ${s.realtimeCursor}-${upTo}`, reply: burstMessage(db, sel, s, s.digestTz, s.lang), nowMs });
          if (ok) {
            recordPosted(db, s.id, sel.clusterIds!, nowMs);
            queued++;
          }
        }
        stmt(db, `UPDATE subscriptions SET realtime_cursor = ? WHERE id = ?`).run(upTo, s.id);
      }
    })();
    if (queued) o.onQueued?.();
    return queued;
  }

  const loop = periodic(
    () => (tick(), o.pollMs),
    (e) => app.log.error({ err: e, code: 'REALTIME_TICK_FAILED' }, 'real-time fan-out failed'),
    o.pollMs,
  );
  return { name: 'realtime-fanout', tick, async start() { loop.start(); }, stop: () => loop.stop() };
}
