// Reads data/vendors.json and data/chips.json, validates them with zod, and writes them into SQLite in one
// transaction, keyed by slug. A hash of the files is kept so an unchanged catalog costs one read at start.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.ts';
import type { Db } from '../store/db.ts';
import { stmt } from '../store/db.ts';
import { nameKey } from '../core/fuzzy.ts';
import { parseDataFile } from '../core/data-file.ts';
import { ChipsFile, VendorsFile, type Chip, type Vendor } from './schema.ts';

export const DATA_DIR = path.join(PROJECT_ROOT, 'data');

export class CatalogError extends Error {
  override readonly name = 'CatalogError';
}

export interface CatalogFiles {
  vendors: Vendor[];
  chips: Chip[];
}

/** Validates the two files and their cross-references (vendor slugs, one flagship per designer). */
export function readCatalog(dir = DATA_DIR): CatalogFiles & { hash: string } {
  const vText = readFileSync(path.join(dir, 'vendors.json'), 'utf8');
  const cText = readFileSync(path.join(dir, 'chips.json'), 'utf8');
  const { vendors } = parseDataFile(vText, 'data/vendors.json', VendorsFile, 'catalog', CatalogError);
  const { chips } = parseDataFile(cText, 'data/chips.json', ChipsFile, 'catalog', CatalogError);
  checkCrossReferences(vendors, chips);
  const hash = createHash('sha256').update(vText).update('\0').update(cText).digest('hex');
  return { vendors, chips, hash };
}

export function checkCrossReferences(vendors: Vendor[], chips: Chip[]): void {
  const problems: string[] = [];
  const vendorSlugs = new Set<string>();
  for (const v of vendors) {
    if (vendorSlugs.has(v.slug)) problems.push(`vendor ${v.slug} appears twice`);
    vendorSlugs.add(v.slug);
  }
  const chipSlugs = new Set<string>();
  for (const c of chips) {
    if (chipSlugs.has(c.slug)) problems.push(`chip ${c.slug} appears twice`);
    if (vendorSlugs.has(c.slug)) problems.push(`chip ${c.slug} has the same slug as a vendor`);
    chipSlugs.add(c.slug);
    if (!vendorSlugs.has(c.vendor)) problems.push(`chip ${c.slug} names unknown vendor ${c.vendor}`);
  }
  for (const c of chips)
    for (const p of c.contains ?? []) if (!chipSlugs.has(p.chip)) problems.push(`${c.slug} is built from unknown chip ${p.chip}`);
  // A designer with chips names exactly one flagship; one tracked before any of its chips (Sophgo) has none.
  for (const v of vendors.filter((x) => x.role === 'designer')) {
    const own = chips.filter((c) => c.vendor === v.slug);
    const n = own.filter((c) => c.flagship).length;
    if (own.length && n !== 1) problems.push(`vendor ${v.slug} has ${n} flagship chips (want exactly 1)`);
  }
  if (chips.filter((c) => c.reference).length < 1) problems.push('no chip is marked as the NVIDIA reference');
  if (problems.length) throw new CatalogError(`The catalog is inconsistent:\n  ${problems.join('\n  ')}`);
}

/** Every name a user or a story may use for a vendor or chip. */
export function namesOf(x: Vendor | Chip): string[] {
  if ('role' in x) return [x.slug, x.name.en, x.name.zh, ...x.aliases.en, ...x.aliases.zh, ...x.aliases.de];
  return [x.slug, x.name.en, ...(x.name.zh ? [x.name.zh] : []), ...x.aliases];
}

export function loadCatalog(db: Db, dir = DATA_DIR): { changed: boolean } {
  const { vendors, chips, hash } = readCatalog(dir);
  const known = stmt<[], { value: string }>(db, `SELECT value FROM catalog_meta WHERE key = 'hash'`).get();
  if (known?.value === hash) return { changed: false };
  db.transaction(() => {
    const upV = stmt(db, `INSERT INTO vendors (slug, name_en, name_zh, role, doc) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(slug) DO UPDATE SET name_en = excluded.name_en, name_zh = excluded.name_zh, role = excluded.role, doc = excluded.doc`);
    const upC = stmt(db, `INSERT INTO chips (slug, vendor_slug, name_en, name_zh, year, flagship, doc) VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(slug) DO UPDATE SET vendor_slug = excluded.vendor_slug, name_en = excluded.name_en, name_zh = excluded.name_zh,
        year = excluded.year, flagship = excluded.flagship, doc = excluded.doc`);
    for (const v of vendors) upV.run(v.slug, v.name.en, v.name.zh, v.role, JSON.stringify(v));
    for (const c of chips) upC.run(c.slug, c.vendor, c.name.en, c.name.zh, c.year.value, c.flagship ? 1 : 0, JSON.stringify(c));
    // Rows no longer in the files go (chips first: they reference vendors).
    const chipSlugs = JSON.stringify(chips.map((c) => c.slug));
    const vendorSlugs = JSON.stringify(vendors.map((v) => v.slug));
    stmt(db, `DELETE FROM chips WHERE slug NOT IN (SELECT value FROM json_each(?))`).run(chipSlugs);
    stmt(db, `DELETE FROM vendors WHERE slug NOT IN (SELECT value FROM json_each(?))`).run(vendorSlugs);
    stmt(db, `DELETE FROM catalog_names`).run();
    const addName = stmt(db, `INSERT OR IGNORE INTO catalog_names (key, kind, slug) VALUES (?, ?, ?)`);
    for (const v of vendors) for (const n of namesOf(v)) if (nameKey(n)) addName.run(nameKey(n), 'vendor', v.slug);
    for (const c of chips) for (const n of namesOf(c)) if (nameKey(n)) addName.run(nameKey(n), 'chip', c.slug);
    stmt(db, `INSERT INTO catalog_meta (key, value) VALUES ('hash', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(hash);
  })();
  catalogCache.delete(db);
  memoCache.delete(db);
  return { changed: true };
}

// Parsed records per connection: the catalog is small and read on every /chip, so parse it once.
const catalogCache = new WeakMap<Db, { vendors: Map<string, Vendor>; chips: Map<string, Chip> }>();

export function catalogOf(db: Db): { vendors: Map<string, Vendor>; chips: Map<string, Chip> } {
  let c = catalogCache.get(db);
  if (!c) {
    const vendors = new Map<string, Vendor>();
    const chips = new Map<string, Chip>();
    for (const r of stmt<[], { doc: string }>(db, `SELECT doc FROM vendors ORDER BY slug`).all()) {
      const v = JSON.parse(r.doc) as Vendor;
      vendors.set(v.slug, v);
    }
    for (const r of stmt<[], { doc: string }>(db, `SELECT doc FROM chips ORDER BY vendor_slug, year DESC, slug`).all()) {
      const ch = JSON.parse(r.doc) as Chip;
      chips.set(ch.slug, ch);
    }
    catalogCache.set(db, (c = { vendors, chips }));
  }
  return c;
}

// Values computed from the catalog alone (a chip's reply card): built once per catalog load. They are
// frozen, since every caller shares them.
const memoCache = new WeakMap<Db, Map<string, unknown>>();

export function memoForCatalog<T extends object>(db: Db, key: string, build: () => T): T {
  let m = memoCache.get(db);
  if (!m) memoCache.set(db, (m = new Map()));
  let v = m.get(key) as T | undefined;
  if (v === undefined) m.set(key, (v = deepFreeze(build())));
  return v;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
