// Migrations: from an empty database to the current version, re-run as a no-op, and refuse a newer schema.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../src/store/migrate.ts';
import { migrations } from '../src/store/migrations/index.ts';
import { openDatabase } from '../src/store/db.ts';
import { OperatorError } from '../src/core/errors.ts';

describe('migrations', () => {
  it('GIVEN an empty database THEN every migration runs and user_version is the last', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(migrations.length);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['vendors', 'chips', 'catalog_names', 'stories', 'story_vendors']));
  });

  it('GIVEN a migrated database THEN re-running changes nothing', () => {
    const db = new Database(':memory:');
    migrate(db);
    const before = db.prepare(`SELECT sql FROM sqlite_master ORDER BY name`).pluck().all();
    migrate(db);
    migrate(db);
    expect(db.prepare(`SELECT sql FROM sqlite_master ORDER BY name`).pluck().all()).toEqual(before);
  });

  it('GIVEN data at version 1 THEN later migrations keep it', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 1));
    db.prepare(`INSERT INTO vendors (slug, name_en, name_zh, role, doc) VALUES ('x', 'X', 'X', 'designer', '{}')`).run();
    migrate(db);
    expect(db.prepare(`SELECT slug FROM vendors`).pluck().all()).toEqual(['x']);
  });

  it('GIVEN a failing migration THEN it rolls back whole and the version stays', () => {
    const db = new Database(':memory:');
    const bad = [
      ...migrations.slice(0, 1),
      { version: 2, name: 'bad', up: (d: Database.Database) => d.exec(`CREATE TABLE half (x); SELECT * FROM missing_table;`) },
    ];
    expect(() => migrate(db, bad)).toThrow(/missing_table/);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'half'`).pluck().get()).toBe(0);
  });

  it('GIVEN a database from a newer chipwatch THEN it refuses to run, saying what to do, and changes nothing', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${migrations.length + 1}`);
    expect(() => migrate(db)).toThrow(
      new OperatorError('DB_NEWER_SCHEMA', `the database was written by a newer chipwatch (schema ${migrations.length + 1}, this one knows ${migrations.length}); upgrade chipwatch or point CHIPWATCH_DB elsewhere`),
    );
    expect(db.prepare(`SELECT count(*) FROM sqlite_master`).pluck().get()).toBe(0);
  });

  it('GIVEN a file path THEN the database is WAL with foreign keys on', () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'cw-')), 'sub', 'x.db');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });

  it('GIVEN stories indexed by id (version 4) THEN version 5 re-keys the search index by publication time, keeping every story findable', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 4));
    db.prepare(`INSERT INTO clusters (id, first_published_at, last_published_at, story_count) VALUES (1, 0, 0, 3)`).run();
    const add = db.prepare(
      `INSERT INTO stories (id, source_id, outlet, url, title, summary, lang, published_at, first_seen_at, relevance, weight, provenance, cluster_id)
       VALUES (?, 's', 'O', ?, ?, '', 'en', ?, 0, 1, 1, 'trade', 1)`,
    );
    const fts = db.prepare(`INSERT INTO stories_fts (rowid, title, summary) VALUES (?, ?, '')`);
    // Ids in arrival order, not publication order; two stories in one second.
    const rows: Array<[number, number, string]> = [
      [1, Date.parse('2026-03-01T00:00:00.250Z'), 'Biren wafer news'],
      [2, Date.parse('2025-01-01T00:00:00Z'), 'Older wafer news'],
      [3, Date.parse('2026-03-01T00:00:00.750Z'), 'Same second wafer news'],
    ];
    for (const [id, at, title] of rows) {
      add.run(id, `https://m.example/${id}`, title, at);
      fts.run(id, title);
    }
    migrate(db);
    const keys = db.prepare(`SELECT id, search_key FROM stories ORDER BY search_key`).all() as Array<{ id: number; search_key: number }>;
    expect(keys.map((k) => k.id)).toEqual([2, 1, 3]);
    expect(keys[1]!.search_key).toBe(Math.floor(rows[0]![1] / 1000) * 65_536);
    expect(keys[2]!.search_key).toBe(keys[1]!.search_key + 1);
    const found = db.prepare(`SELECT s.id FROM stories_fts f JOIN stories s ON s.search_key = f.rowid WHERE stories_fts MATCH 'wafer' ORDER BY f.rowid DESC`).pluck().all();
    expect(found).toEqual([3, 1, 2]);
  });

  it('GIVEN chip tags without a time (version 6) THEN version 7 copies each story\'s publication time and a chip\'s newest stories come first from its key', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 6));
    db.prepare(`INSERT INTO clusters (id, first_published_at, last_published_at, story_count) VALUES (1, 0, 0, 3)`).run();
    const add = db.prepare(
      `INSERT INTO stories (id, source_id, outlet, url, title, summary, lang, published_at, first_seen_at, relevance, weight, provenance, cluster_id)
       VALUES (?, 's', 'O', ?, 't', '', 'en', ?, 0, 1, 1, 'trade', 1)`,
    );
    // Ids in arrival order, not publication order.
    const at = { 1: Date.parse('2026-03-01T00:00:00Z'), 2: Date.parse('2025-01-01T00:00:00Z'), 3: Date.parse('2026-06-01T00:00:00Z') };
    for (const [id, t] of Object.entries(at)) add.run(Number(id), `https://m.example/${id}`, t);
    const tag = db.prepare(`INSERT INTO story_chips (chip_slug, story_id) VALUES (?, ?)`);
    for (const [chip, id] of [['ascend-910c', 1], ['ascend-910c', 2], ['ascend-910c', 3], ['h20', 2]] as const) tag.run(chip, id);
    migrate(db);
    expect(db.prepare(`SELECT chip_slug, story_id, published_at FROM story_chips ORDER BY chip_slug, story_id`).all()).toEqual([
      { chip_slug: 'ascend-910c', story_id: 1, published_at: at[1] },
      { chip_slug: 'ascend-910c', story_id: 2, published_at: at[2] },
      { chip_slug: 'ascend-910c', story_id: 3, published_at: at[3] },
      { chip_slug: 'h20', story_id: 2, published_at: at[2] },
    ]);
    const newest = `SELECT story_id FROM story_chips WHERE chip_slug = 'ascend-910c' ORDER BY published_at DESC, story_id DESC LIMIT 2`;
    expect(db.prepare(newest).pluck().all()).toEqual([3, 1]);
    // Read from the key in order: no sort step.
    expect(JSON.stringify(db.prepare(`EXPLAIN QUERY PLAN ${newest}`).all())).not.toMatch(/TEMP B-TREE/);
    // The by-story index is back (lookups by story), and deleting a story still removes its tags.
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE tbl_name = 'story_chips' AND type = 'index' AND name NOT LIKE 'sqlite_%'`).pluck().all()).toEqual(['story_chips_by_story']);
    db.prepare(`DELETE FROM stories WHERE id = 2`).run();
    expect(db.prepare(`SELECT chip_slug, story_id FROM story_chips ORDER BY chip_slug, story_id`).all()).toEqual([
      { chip_slug: 'ascend-910c', story_id: 1 },
      { chip_slug: 'ascend-910c', story_id: 3 },
    ]);
  });
});
