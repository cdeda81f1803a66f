// The store side of ingestion: normalised items in; tagged, deduplicated, clustered and indexed stories
// out. One synchronous transaction per batch (the feed poller, `ingest --file` and the seed loader all
// come through here). An item already stored — same canonical URL, or same GUID from the same source —
// is a duplicate, across polls and restarts (UNIQUE indexes; INSERT … ON CONFLICT DO NOTHING).
import type { App } from '../app.ts';
import { stmt } from '../store/db.ts';
import type { ItemOrigin, NormalizedItem } from './types.ts';
import { matchersOf } from './tag-matchers.ts';
import { tagStory } from './tag.ts';
import { provenanceOf, topicsOf } from './topic-rules.ts';
import { featuresOf } from './cluster-features.ts';
import { addToCluster, findCluster, flushClusters, newCluster, newClusterCache, type ClusterProbe } from './cluster.ts';
import { foldForIndex } from './search-text.ts';
import { nextSearchKey } from './search-key.ts';

export interface IngestResult {
  added: number;
  duplicates: number;
  /** Below CHIPWATCH_MIN_RELEVANCE (or not in a supported language, or without URL or title). */
  dropped: number;
}

const FUTURE_SLACK_MS = 24 * 3600_000;

export interface IngestOptions {
  /** Overrides CHIPWATCH_MIN_RELEVANCE (the seed, picked by a person, passes 0). */
  minRelevance?: number;
}

export function ingestItems(app: App, origin: ItemOrigin, items: NormalizedItem[], opts: IngestOptions = {}): IngestResult {
  const db = app.db;
  const m = matchersOf(db);
  const minRelevance = opts.minRelevance ?? app.config.CHIPWATCH_MIN_RELEVANCE;
  const now = app.now().getTime();
  const result: IngestResult = { added: 0, duplicates: 0, dropped: 0 };
  // A date that is missing or more than a day ahead (a wrong time zone or year) would pin the story to
  // the top of "newest first" forever: it becomes first-seen, flagged as estimated.
  const dated = items.map((it) =>
    Number.isFinite(it.publishedAt) && it.publishedAt <= now + FUTURE_SLACK_MS ? it : { ...it, publishedAt: now, publishedEstimated: true },
  );
  // Oldest first, so within a batch story ids (delivery's cursor) follow publication order.
  const ordered = dated.sort((a, b) => a.publishedAt - b.publishedAt);
  const known = stmt<[string, string, string | null], { id: number }>(
    db,
    `SELECT id FROM stories WHERE url = ? UNION ALL SELECT id FROM stories WHERE source_id = ? AND guid = ? LIMIT 1`,
  );
  const insert = stmt(
    db,
    `INSERT INTO stories (source_id, outlet, guid, url, title, summary, lang, published_at, published_estimated, first_seen_at,
       relevance, weight, provenance, cluster_id, search_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
  );
  const addVendor = stmt(db, `INSERT OR IGNORE INTO story_vendors (vendor_slug, published_at, story_id, cluster_id) VALUES (?, ?, ?, ?)`);
  const addChip = stmt(db, `INSERT OR IGNORE INTO story_chips (chip_slug, published_at, story_id) VALUES (?, ?, ?)`);
  const addTopic = stmt(db, `INSERT OR IGNORE INTO story_topics (topic, published_at, story_id) VALUES (?, ?, ?)`);
  const addFts = stmt(db, `INSERT INTO stories_fts (rowid, title, summary) VALUES (?, ?, ?)`);
  const dropEmptyCluster = stmt(db, `DELETE FROM clusters WHERE id = ? AND story_count = 0`);

  const clusters = newClusterCache();
  db.transaction(() => {
    for (const it of ordered) {
      if (known.get(it.url, origin.sourceId, it.guid)) {
        result.duplicates++;
        continue;
      }
      if ((it.lang !== 'en' && it.lang !== 'zh' && it.lang !== 'de') || !it.url || !it.title) {
        result.dropped++;
        continue;
      }
      const tags = tagStory(m, it.title, it.summary);
      if (tags.relevance < minRelevance || (minRelevance > 0 && !tags.vendors.length && !tags.chipContext)) {
        result.dropped++;
        continue;
      }
      const topics = topicsOf(it.title, it.summary);
      const probe: ClusterProbe = {
        vendors: tags.vendors,
        chips: tags.chips,
        topics,
        features: featuresOf(it.title, it.summary, it.lang),
        lang: it.lang,
        publishedAt: it.publishedAt,
      };
      const found = findCluster(db, clusters, probe);
      const clusterId = found ?? newCluster(db, it.publishedAt);
      const searchKey = nextSearchKey(db, it.publishedAt);
      const r = insert.run(
        origin.sourceId,
        origin.outlet,
        it.guid,
        it.url,
        it.title,
        it.summary,
        it.lang,
        it.publishedAt,
        it.publishedEstimated ? 1 : 0,
        now,
        tags.relevance,
        origin.weight,
        provenanceOf(origin, it.url, it.title, it.summary),
        clusterId,
        searchKey,
      );
      if (r.changes === 0) {
        // Same URL/GUID twice within this batch: the first one stands.
        if (found === null) dropEmptyCluster.run(clusterId);
        result.duplicates++;
        continue;
      }
      const id = Number(r.lastInsertRowid);
      for (const v of tags.vendors) addVendor.run(v, it.publishedAt, id, clusterId);
      for (const c of tags.chips) addChip.run(c, it.publishedAt, id);
      for (const t of topics) addTopic.run(t, it.publishedAt, id);
      addFts.run(searchKey, foldForIndex(it.title), foldForIndex(it.summary));
      addToCluster(db, clusters, clusterId, id, probe, origin.outlet);
      result.added++;
    }
    flushClusters(db, clusters);
  })();
  return result;
}
