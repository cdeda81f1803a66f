// Resolves what a user typed ("alibaba", "寒武纪", "Ascend 910C", "huawei 910c") to one vendor or chip.
// Case, width, spaces, hyphens and dots are ignored; a vendor name in front of a chip name is allowed;
// a miss answers with the nearest names, and an ambiguous name lists its candidates.
import type { Db } from '../store/db.ts';
import { stmt } from '../store/db.ts';
import { nameKey, nearest } from '../core/fuzzy.ts';
import { UserError } from '../core/errors.ts';
import { catalogOf } from './load.ts';
import type { Chip, Vendor } from './schema.ts';

export type Entity = { kind: 'vendor'; vendor: Vendor } | { kind: 'chip'; chip: Chip; vendor: Vendor };

interface NameRow {
  kind: 'vendor' | 'chip';
  slug: string;
}

function lookup(db: Db, key: string): NameRow[] {
  return stmt<[string], NameRow>(db, `SELECT kind, slug FROM catalog_names WHERE key = ?`).all(key);
}

function toEntity(db: Db, row: NameRow): Entity {
  const { vendors, chips } = catalogOf(db);
  if (row.kind === 'vendor') return { kind: 'vendor', vendor: vendors.get(row.slug)! };
  const chip = chips.get(row.slug)!;
  return { kind: 'chip', chip, vendor: vendors.get(chip.vendor)! };
}

function label(db: Db, row: NameRow): string {
  const { vendors, chips } = catalogOf(db);
  if (row.kind === 'vendor') return vendors.get(row.slug)!.name.en;
  const c = chips.get(row.slug)!;
  return `${c.name.en} (${vendors.get(c.vendor)!.name.en})`;
}

/** Candidates for `input`, without throwing: exact matches first, then vendor-prefixed chip names. */
export function findEntities(db: Db, input: string): NameRow[] {
  const key = nameKey(input);
  if (!key) return [];
  const exact = lookup(db, key);
  if (exact.length) return dedupe(exact);
  // "huawei 910c", "昇腾910C": a vendor name followed by a chip name of that vendor.
  const { vendors, chips } = catalogOf(db);
  const hits: NameRow[] = [];
  for (const v of vendors.values()) {
    for (const alias of [v.slug, v.name.en, v.name.zh, ...v.aliases.en, ...v.aliases.zh, ...v.aliases.de]) {
      const a = nameKey(alias);
      if (a && key.length > a.length && key.startsWith(a)) {
        for (const r of lookup(db, key.slice(a.length))) {
          if (r.kind === 'chip' && chips.get(r.slug)?.vendor === v.slug) hits.push(r);
        }
      }
    }
  }
  return dedupe(hits);
}

function dedupe(rows: NameRow[]): NameRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = `${r.kind}:${r.slug}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The names nearest to `input`, as labels for "Did you mean …". */
export function suggest(db: Db, input: string, limit = 3): string[] {
  const { vendors, chips } = catalogOf(db);
  const all: { key: string; row: NameRow }[] = [];
  for (const v of vendors.values())
    for (const n of [v.slug, v.name.en, v.name.zh, ...v.aliases.en, ...v.aliases.zh]) all.push({ key: nameKey(n), row: { kind: 'vendor', slug: v.slug } });
  for (const c of chips.values()) for (const n of [c.slug, c.name.en, ...(c.name.zh ? [c.name.zh] : []), ...c.aliases]) all.push({ key: nameKey(n), row: { kind: 'chip', slug: c.slug } });
  const out: string[] = [];
  for (const hit of nearest(input, all, (x) => x.key, 20)) {
    const l = label(db, hit.row);
    if (!out.includes(l)) out.push(l);
    if (out.length >= limit) break;
  }
  return out;
}

/** Exactly one vendor or chip, or a UserError that says what was meant or what the candidates are. */
export function resolveEntity(db: Db, input: string): Entity {
  const rows = findEntities(db, input);
  // A name that is both a vendor's and a chip's (rare) means the vendor.
  const vendorsHit = rows.filter((r) => r.kind === 'vendor');
  if (vendorsHit.length === 1) return toEntity(db, vendorsHit[0]!);
  if (rows.length === 1) return toEntity(db, rows[0]!);
  if (rows.length > 1) {
    const names = rows.map((r) => label(db, r));
    throw new UserError('AMBIGUOUS', `"${clip(input)}" could mean ${names.join(', ')}. Be more specific.`);
  }
  const near = suggest(db, input);
  throw new UserError(
    'NOT_FOUND',
    `No vendor or chip named "${clip(input)}".${near.length ? ` Did you mean ${near.join(', ')}?` : ''}`,
    'Try /chip with a vendor (alibaba, huawei, 寒武纪) or a chip (ascend 910c, h20).',
  );
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
