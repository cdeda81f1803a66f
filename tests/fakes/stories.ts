// Writes stories straight into the migration-002 tables (stories, clusters, story_vendors, story_topics),
// for delivery tests and benchmarks that must not depend on the feed pipeline being finished.
import type { Db } from '../../src/store/db.ts';

export interface SeedStory {
  title: string;
  vendors: string[];
  topics?: string[];
  publishedAt: number;
  firstSeenAt?: number;
  url?: string;
  outlet?: string;
  summary?: string;
  relevance?: number;
  weight?: number;
  /** Join an existing cluster (another outlet's report of the same event). */
  clusterId?: number;
}

let urlSeq = 0;

export function insertStory(db: Db, s: SeedStory): { id: number; clusterId: number } {
  let clusterId = s.clusterId;
  if (clusterId === undefined) {
    clusterId = Number(db.prepare(`INSERT INTO clusters (first_published_at, last_published_at, story_count) VALUES (?, ?, 0)`).run(s.publishedAt, s.publishedAt).lastInsertRowid);
  }
  const id = Number(
    db
      .prepare(
        `INSERT INTO stories (source_id, outlet, guid, url, title, summary, lang, published_at, published_estimated, first_seen_at, relevance, weight, provenance, cluster_id)
         VALUES ('test', ?, NULL, ?, ?, ?, 'en', ?, 0, ?, ?, ?, 'trade', ?)`,
      )
      .run(s.outlet ?? 'Test Wire', s.url ?? `https://news.example/${++urlSeq}-${Date.now()}`, s.title, s.summary ?? '', s.publishedAt, s.firstSeenAt ?? s.publishedAt, s.relevance ?? 0.8, s.weight ?? 0.7, clusterId).lastInsertRowid,
  );
  db.prepare(`UPDATE clusters SET story_count = story_count + 1, first_story_id = coalesce(first_story_id, ?), last_published_at = max(last_published_at, ?) WHERE id = ?`).run(id, s.publishedAt, clusterId);
  for (const v of s.vendors) db.prepare(`INSERT INTO story_vendors (vendor_slug, published_at, story_id) VALUES (?, ?, ?)`).run(v, s.publishedAt, id);
  for (const t of s.topics ?? []) db.prepare(`INSERT INTO story_topics (topic, published_at, story_id) VALUES (?, ?, ?)`).run(t, s.publishedAt, id);
  return { id, clusterId };
}

export function insertStories(db: Db, list: SeedStory[]): { id: number; clusterId: number }[] {
  return db.transaction(() => list.map((s) => insertStory(db, s)))();
}
