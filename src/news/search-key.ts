// The full-text index's rowid for a story (stories.search_key): its publication second × 65,536 plus a
// free slot in that second. FTS5 walks its matches in rowid order cheaply, so with this key "newest first"
// among full-text matches is that walk, exact by publication time, however the stories arrived (a feed
// added late brings old stories with new ids; a large feed is stored batch by batch). Seconds, not
// milliseconds, keep every key below 2^53, where JavaScript numbers stay exact.
import type { Db } from '../store/db.ts';
import { stmt } from '../store/db.ts';

export const SLOTS_PER_SECOND = 65_536;

/** The first key of the second `publishedAt` (unix ms) falls in. */
export function searchKeyBase(publishedAt: number): number {
  return Math.floor(publishedAt / 1000) * SLOTS_PER_SECOND;
}

/**
 * The next free key for a story published at `publishedAt`: after the keys already given in its second
 * (stories of one second keep their arrival order), or in a later second if that one is full.
 */
export function nextSearchKey(db: Db, publishedAt: number): number {
  const lastIn = stmt<[number, number], number | null>(db, `SELECT max(search_key) FROM stories WHERE search_key BETWEEN ? AND ?`).pluck();
  for (let base = searchKeyBase(publishedAt); ; base += SLOTS_PER_SECOND) {
    const last = lastIn.get(base, base + SLOTS_PER_SECOND - 1) ?? null;
    if (last === null) return base;
    if (last < base + SLOTS_PER_SECOND - 1) return last + 1;
  }
}
