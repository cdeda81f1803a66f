// News: feed sources and their health, stories (one row per canonical URL / GUID), the vendors, chips and
// topics each story is tagged with, story clusters (one event covered by many outlets), and full-text
// search. stories.id grows with ingestion, so "everything after id N" is a cheap cursor for delivery.
// Full-text search is one contentless FTS5 table (unicode61 words, English stems via porter) fed with
// text folded by src/news/search-text.ts: Latin words stay words, and every run of Chinese characters is
// written as overlapping two-character tokens, so "华为" (2 chars) and "昇腾芯片" (a phrase of bigrams) are found
// without a second, trigram index over all (mostly English) text. rowid = stories.id.
import type { Migration } from '../migrate.ts';

export const m002News: Migration = {
  version: 2,
  name: 'news',
  up(db) {
    db.exec(`
      CREATE TABLE feed_sources (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        feed_url TEXT NOT NULL,
        lang TEXT NOT NULL,
        kind TEXT NOT NULL,
        weight REAL NOT NULL,
        poll_minutes INTEGER NOT NULL,
        enabled INTEGER NOT NULL,
        etag TEXT,
        last_modified TEXT,
        last_success_at INTEGER,          -- unix ms
        last_error TEXT,
        last_error_at INTEGER,
        consecutive_failures INTEGER NOT NULL DEFAULT 0,
        next_poll_at INTEGER NOT NULL DEFAULT 0,
        items_seen INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE clusters (
        id INTEGER PRIMARY KEY,
        first_story_id INTEGER,           -- the first report
        first_published_at INTEGER NOT NULL,
        last_published_at INTEGER NOT NULL,
        story_count INTEGER NOT NULL DEFAULT 0,
        -- What later reports are compared with (src/news/cluster.ts): JSON {v: vendors, c: chips,
        -- f: figures and product codes, w: title words, o: outlets}.
        features TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX clusters_by_time ON clusters(last_published_at);

      CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        source_id TEXT NOT NULL,          -- feed_sources.id, or 'seed' / 'file:<name>'
        outlet TEXT NOT NULL,
        guid TEXT,
        url TEXT NOT NULL,                -- canonical URL
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        lang TEXT NOT NULL CHECK (lang IN ('en', 'zh', 'de')),
        published_at INTEGER NOT NULL,    -- unix ms
        published_estimated INTEGER NOT NULL DEFAULT 0,  -- 1: no date in the feed, first-seen used
        first_seen_at INTEGER NOT NULL,
        relevance REAL NOT NULL,          -- 0..1
        weight REAL NOT NULL,             -- the outlet's weight at ingest
        provenance TEXT NOT NULL CHECK (provenance IN ('official', 'trade', 'unnamed-sources')),
        cluster_id INTEGER NOT NULL REFERENCES clusters(id)
      ) STRICT;
      CREATE UNIQUE INDEX stories_by_url ON stories(url);
      CREATE UNIQUE INDEX stories_by_guid ON stories(source_id, guid) WHERE guid IS NOT NULL;
      CREATE INDEX stories_by_published ON stories(published_at);
      CREATE INDEX stories_by_cluster ON stories(cluster_id, published_at);

      CREATE TABLE story_vendors (
        vendor_slug TEXT NOT NULL,
        published_at INTEGER NOT NULL,    -- copied from stories: newest-first per vendor without a join
        story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        -- copied from stories: clustering finds a vendor's recent clusters from this key alone
        cluster_id INTEGER,
        PRIMARY KEY (vendor_slug, published_at, story_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX story_vendors_by_story ON story_vendors(story_id);

      CREATE TABLE story_chips (
        chip_slug TEXT NOT NULL,
        story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        PRIMARY KEY (chip_slug, story_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX story_chips_by_story ON story_chips(story_id);

      CREATE TABLE story_topics (
        topic TEXT NOT NULL,
        published_at INTEGER NOT NULL,
        story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        PRIMARY KEY (topic, published_at, story_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX story_topics_by_story ON story_topics(story_id);

      -- Title and summary as folded by src/news/search-text.ts; contentless, so rows are deleted by rowid.
      CREATE VIRTUAL TABLE stories_fts USING fts5(
        title, summary,
        content = '', contentless_delete = 1,
        tokenize = 'porter unicode61 remove_diacritics 2'
      );

      -- Small key/value state of the news store (e.g. the hash of the last loaded data/news-seed.json).
      CREATE TABLE news_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
