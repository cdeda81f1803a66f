// Building digests: for each due channel, the clusters of stories ingested since its previous digest
// (stories.id > digest_cursor), filtered by its vendors, topics and exclude words, minus clusters already
// posted there, ranked and rendered. `buildDigests` does a whole batch with one read of the stories; the
// scheduler commits the results and /digest preview shows one without committing.
import type { Db } from '../store/db.ts';
import type { Subscription } from './subscriptions.ts';
import { maxStoryId } from './subscriptions.ts';
import { loadStories, postedClustersOf } from './stories.ts';
import { DIGEST_TOP, digestMessage, type DigestMessage } from './messages.ts';
import { localDay } from './schedule.ts';

/**
 * A daily digest is about recent news: a story published longer ago than this (a backfill, the seed
 * news of a fresh install, a feed that republishes its archive) is left out even if it arrived today.
 */
export const DIGEST_MAX_AGE_MS = 7 * 24 * 3600_000;

export interface BuiltDigest {
  sub: Subscription;
  /** The local day this digest is for. */
  day: string;
  /** Null: a quiet day and the channel chose silence. */
  message: DigestMessage | null;
  /** The digest covers stories up to this id; the cursor moves here. */
  upTo: number;
}

/** Digests for many channels, each for the local day of its scheduled instant (`dayOf`). */
export function buildDigests(db: Db, subs: Subscription[], nowMs: number, dayOf: (s: Subscription) => string = (s) => localDay(s.nextDigestAt ?? nowMs, s.digestTz)): BuiltDigest[] {
  if (!subs.length) return [];
  const upTo = maxStoryId(db);
  let from = Infinity;
  for (const s of subs) from = Math.min(from, s.digestCursor);
  const batch = loadStories(db, from, upTo, nowMs);
  const posted = postedClustersOf(db, subs.map((s) => s.id), batch.minClusterId);
  // Channels with the same filter share one walk over their stories (see StoryBatch.selectMany).
  const groups = new Map<string, Subscription[]>();
  for (const s of subs) {
    const k = `${s.allVendors ? '*' : s.vendors.join(',')}|${s.topics.join(',')}|${s.exclude.join('\u0001')}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(s);
  }
  const built = new Map<number, BuiltDigest>();
  for (const g of groups.values()) {
    const sels = batch.selectMany(g[0]!, g.map((s) => ({ cursor: s.digestCursor, posted: posted.get(s.id) ?? new Set<number>() })), DIGEST_TOP, 'score', false, nowMs - DIGEST_MAX_AGE_MS);
    g.forEach((s, i) => {
      const day = dayOf(s);
      built.set(s.id, { sub: s, day, message: digestMessage(db, sels[i]!, s, day, s.digestTz, s.quietDay, s.lang), upTo });
    });
  }
  return subs.map((s) => built.get(s.id)!);
}

/** What the channel's next digest would post if it went out now (nothing is written). */
export function previewDigest(db: Db, sub: Subscription, nowMs: number): BuiltDigest {
  return buildDigests(db, [sub], nowMs)[0]!;
}
