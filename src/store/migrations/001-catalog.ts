// Vendors and chips from data/, plus the name index /chip resolves against.
import type { Migration } from '../migrate.ts';

export const m001Catalog: Migration = {
  version: 1,
  name: 'catalog',
  up(db) {
    db.exec(`
      CREATE TABLE vendors (
        slug TEXT PRIMARY KEY,
        name_en TEXT NOT NULL,
        name_zh TEXT NOT NULL,
        role TEXT NOT NULL,
        doc TEXT NOT NULL            -- the validated JSON record from data/vendors.json
      ) STRICT;
      CREATE TABLE chips (
        slug TEXT PRIMARY KEY,
        vendor_slug TEXT NOT NULL REFERENCES vendors(slug) ON DELETE CASCADE,
        name_en TEXT NOT NULL,
        name_zh TEXT,
        year INTEGER,
        flagship INTEGER NOT NULL DEFAULT 0,
        doc TEXT NOT NULL            -- the validated JSON record from data/chips.json
      ) STRICT;
      CREATE INDEX chips_by_vendor ON chips(vendor_slug, year);
      -- Every name a user may type, folded by nameKey(): slugs, names, aliases in en/zh/de.
      CREATE TABLE catalog_names (
        key TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('vendor', 'chip')),
        slug TEXT NOT NULL,
        PRIMARY KEY (key, kind, slug)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE catalog_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
