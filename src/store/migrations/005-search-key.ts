// Full-text results in publication order: the FTS rowid becomes stories.search_key (src/news/search-key.ts:
// publication second × 65,536 + slot) instead of the story id, which follows arrival order. Existing
// stories get keys in publication order, and the contentless index is rebuilt from stories' own text,
// folded as at ingest.
import type { Migration } from '../migrate.ts';
import { foldForIndex } from '../../news/search-text.ts';
import { searchKeyBase } from '../../news/search-key.ts';

export const m005SearchKey: Migration = {
  version: 5,
  name: 'search-key',
  up(db) {
    db.exec(`
      ALTER TABLE stories ADD COLUMN search_key INTEGER;
      DROP TABLE stories_fts;
      -- Title and summary as folded by src/news/search-text.ts; rowid = stories.search_key. Contentless, so
      -- rows are deleted by that key.
      CREATE VIRTUAL TABLE stories_fts USING fts5(
        title, summary,
        content = '', contentless_delete = 1,
        tokenize = 'porter unicode61 remove_diacritics 2'
      );
    `);
    const setKey = db.prepare(`UPDATE stories SET search_key = ? WHERE id = ?`);
    const addFts = db.prepare(`INSERT INTO stories_fts (rowid, title, summary) VALUES (?, ?, ?)`);
    // In pages (better-sqlite3 cannot write while a read is being iterated; a large store does not fit in memory).
    const page = db.prepare(
      `SELECT id, published_at, title, summary FROM stories WHERE (published_at, id) > (?, ?) ORDER BY published_at, id LIMIT 5000`,
    );
    let key = Number.NEGATIVE_INFINITY;
    let after = [Number.MIN_SAFE_INTEGER, 0];
    for (;;) {
      const rows = page.all(...after) as Array<{ id: number; published_at: number; title: string; summary: string }>;
      for (const r of rows) {
        // Publication order, so each key is its second's next slot (or, past a full second, the next free one).
        key = Math.max(searchKeyBase(r.published_at), key + 1);
        setKey.run(key, r.id);
        addFts.run(key, foldForIndex(r.title), foldForIndex(r.summary));
      }
      if (rows.length < 5000) break;
      const last = rows[rows.length - 1]!;
      after = [last.published_at, last.id];
    }
    db.exec(`CREATE UNIQUE INDEX stories_by_search_key ON stories(search_key)`);
  },
};
