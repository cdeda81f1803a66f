// The latest stories about a vendor or a chip, for /chip's cards: the newest clusters naming it, each
// shown by its lead report about it (the heaviest outlet, the first seen among equals; as /news does,
// never by the date a feed claims), with the other outlets of its cluster.
import type { Db } from '../store/db.ts';
import { stmt } from '../store/db.ts';

export interface StoryLine {
  title: string;
  url: string;
  outlet: string;
  /** ISO 8601 instant. */
  published: string;
  lang: 'en' | 'zh' | 'de';
  /** Other outlets that covered the same story (its cluster). */
  alsoCoveredBy: string[];
}

interface Row {
  title: string;
  url: string;
  outlet: string;
  published_at: number;
  lang: 'en' | 'zh' | 'de';
  cluster_id: number;
  weight: number;
  first_seen_at: number;
}

// Newest first through the tag table's (slug, published_at, story_id) key; a few extra rows cover
// clusters that appear more than once. Only these two fixed strings ever reach the SQL.
const BY_VENDOR = `SELECT s.title, s.url, s.outlet, s.published_at, s.lang, s.cluster_id, s.weight, s.first_seen_at
   FROM story_vendors t JOIN stories s ON s.id = t.story_id
   WHERE t.vendor_slug = ? ORDER BY t.published_at DESC, t.story_id DESC LIMIT ?`;
const BY_CHIP = `SELECT s.title, s.url, s.outlet, s.published_at, s.lang, s.cluster_id, s.weight, s.first_seen_at
   FROM story_chips t JOIN stories s ON s.id = t.story_id
   WHERE t.chip_slug = ? ORDER BY t.published_at DESC, t.story_id DESC LIMIT ?`;

export function latestStoriesForVendor(db: Db, vendorSlug: string, limit: number): StoryLine[] {
  return latestStories(db, BY_VENDOR, vendorSlug, limit);
}

/** Not memoized with the chip's catalog card: stories arrive all the time, the catalog rarely changes. */
export function latestStoriesForChip(db: Db, chipSlug: string, limit: number): StoryLine[] {
  return latestStories(db, BY_CHIP, chipSlug, limit);
}

function latestStories(db: Db, sql: string, slug: string, limit: number): StoryLine[] {
  const rows = stmt<[string, number], Row>(db, sql).all(slug, limit * 8);
  const outlets = stmt<[number], { outlet: string }>(db, `SELECT outlet FROM stories WHERE cluster_id = ? GROUP BY outlet ORDER BY MIN(first_seen_at)`);
  // Clusters in the order of their newest report; each led by its best report among these rows.
  const leads = new Map<number, Row>();
  for (const r of rows) {
    const best = leads.get(r.cluster_id);
    if (!best) {
      if (leads.size >= limit) continue;
      leads.set(r.cluster_id, r);
    } else if (r.weight > best.weight || (r.weight === best.weight && r.first_seen_at < best.first_seen_at)) leads.set(r.cluster_id, r);
  }
  const out: StoryLine[] = [];
  for (const r of leads.values()) {
    out.push({
      title: r.title,
      url: r.url,
      outlet: r.outlet,
      published: new Date(r.published_at).toISOString(),
      lang: r.lang,
      alsoCoveredBy: outlets.all(r.cluster_id).map((o) => o.outlet).filter((o) => o !== r.outlet),
    });
  }
  return out;
}
