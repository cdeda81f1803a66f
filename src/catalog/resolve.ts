// Resolves what a user typed ("alibaba", "寒武纪", "Ascend 910C", "huawei 910c") to one vendor or chip.
// Case, width, spaces, hyphens and dots are ignored; a vendor name in front of a chip name is allowed;
// a part of a name resolves when only one entity has it ("ppu", "s4000", "zhenwu m890"); several
// matches are offered as choices; a miss answers with the nearest names (a typo is never silently
// taken for a different model: "910e" must not become "910c").
import type { Db } from '../store/db.ts';
import { stmt } from '../store/db.ts';
import { nameKey, nearest } from '../core/fuzzy.ts';
import { UserError } from '../core/errors.ts';
import { catalogOf, memoForCatalog } from './load.ts';
import type { Chip, Vendor } from './schema.ts';

export type Entity = { kind: 'vendor'; vendor: Vendor } | { kind: 'chip'; chip: Chip; vendor: Vendor };

export interface NameRow {
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
  const { chips } = catalogOf(db);
  const hits: NameRow[] = [];
  for (const p of nameIndex(db).prefixes) {
    if (key.length > p.key.length && key.startsWith(p.key)) {
      for (const r of lookup(db, key.slice(p.key.length))) {
        if (r.kind === 'chip' && chips.get(r.slug)?.vendor === p.vendor) hits.push(r);
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

/** The entities nearest to `input` by spelling, best first. */
function nearestRows(db: Db, input: string, limit = 3): NameRow[] {
  const index = nameIndex(db);
  const all: { key: string; row: NameRow }[] = [
    ...index.vendors.flatMap((v) => v.keys.map((key) => ({ key, row: { kind: 'vendor' as const, slug: v.slug } }))),
    ...index.chips.flatMap((c) => c.keys.map((key) => ({ key, row: { kind: 'chip' as const, slug: c.slug } }))),
  ];
  return dedupe(nearest(input, all, (x) => x.key, 20).map((h) => h.row)).slice(0, limit);
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

/** Every name's key, per entity: computed once per catalog load, since normalising them is the cost. */
interface NameIndex {
  vendors: { slug: string; keys: string[] }[];
  chips: { slug: string; vendor: string; keys: string[] }[];
  /** Vendor names a query may start with ("huawei", "昇腾"), longest first. */
  prefixes: { key: string; vendor: string }[];
}

function nameIndex(db: Db): NameIndex {
  return memoForCatalog(db, 'name-index', () => {
    const { vendors, chips } = catalogOf(db);
    const keysOf = (names: (string | null)[]) => [...new Set(names.filter((n): n is string => !!n).map(nameKey).filter(Boolean))];
    const vs = [...vendors.values()].map((v) => ({ slug: v.slug, keys: keysOf([v.slug, v.name.en, v.name.zh, ...v.aliases.en, ...v.aliases.zh]) }));
    // German forms ("Huaweis") may stand in front of a model too.
    const withDe = [...vendors.values()].map((v) => ({ slug: v.slug, keys: keysOf([v.slug, v.name.en, v.name.zh, ...v.aliases.en, ...v.aliases.zh, ...v.aliases.de]) }));
    return {
      vendors: vs,
      chips: [...chips.values()].map((c) => ({ slug: c.slug, vendor: c.vendor, keys: keysOf([c.slug, c.name.en, c.name.zh, ...c.aliases]) })),
      prefixes: withDe.flatMap((v) => v.keys.map((key) => ({ key, vendor: v.slug }))).sort((a, b) => b.key.length - a.key.length),
    };
  });
}

/** Names shorter than this never match as a part of a longer name ("h2" is not "h20"). */
const MIN_PART = 3;
/** At most this many choices are offered. */
export const MAX_CHOICES = 6;

/**
 * Entities one of whose names contains `key` (after an optional vendor name in front, which then
 * limits the search to that vendor's chips). A chip whose name starts with the part ranks first.
 */
function partialMatches(db: Db, key: string): NameRow[] {
  const index = nameIndex(db);
  const tries: { part: string; vendor?: string }[] = [{ part: key }];
  for (const p of index.prefixes) if (key.length > p.key.length && key.startsWith(p.key)) tries.push({ part: key.slice(p.key.length), vendor: p.vendor });
  const starts: NameRow[] = [];
  const inside: NameRow[] = [];
  for (const t of tries) {
    if ([...t.part].length < MIN_PART) continue;
    for (const c of index.chips) {
      if (t.vendor && c.vendor !== t.vendor) continue;
      if (c.keys.some((k) => k.startsWith(t.part))) starts.push({ kind: 'chip', slug: c.slug });
      else if (c.keys.some((k) => k.includes(t.part))) inside.push({ kind: 'chip', slug: c.slug });
    }
    if (!t.vendor) for (const v of index.vendors) if (v.keys.some((k) => k.startsWith(t.part))) starts.push({ kind: 'vendor', slug: v.slug });
  }
  return dedupe([...starts, ...inside]);
}

/** What a query names: one entity, or choices (ambiguous) or the nearest names (a miss). */
export type Resolution =
  | { kind: 'one'; entity: Entity }
  | { kind: 'choices'; rows: NameRow[]; labels: string[] }
  | { kind: 'nearest'; rows: NameRow[]; labels: string[] };

export function resolveQuery(db: Db, input: string): Resolution {
  let rows = findEntities(db, input);
  // A name that is both a vendor's and a chip's (rare) means the vendor.
  const vendorsHit = rows.filter((r) => r.kind === 'vendor');
  if (vendorsHit.length === 1) return { kind: 'one', entity: toEntity(db, vendorsHit[0]!) };
  if (!rows.length) {
    rows = partialMatches(db, nameKey(input));
    // "moore thread", "alibab": the start of one vendor's name, whose chips match only through it.
    const vs = rows.filter((r) => r.kind === 'vendor');
    const { chips } = catalogOf(db);
    if (vs.length === 1 && rows.every((r) => r.kind === 'vendor' || chips.get(r.slug)?.vendor === vs[0]!.slug)) rows = vs;
  }
  if (rows.length === 1) return { kind: 'one', entity: toEntity(db, rows[0]!) };
  if (rows.length > 1) {
    const shown = rows.slice(0, MAX_CHOICES);
    return { kind: 'choices', rows: shown, labels: shown.map((r) => label(db, r)) };
  }
  const near = nearestRows(db, input);
  return { kind: 'nearest', rows: near, labels: near.map((r) => label(db, r)) };
}

/** Exactly one vendor or chip, or a UserError that says what was meant or what the candidates are. */
export function resolveEntity(db: Db, input: string): Entity {
  const r = resolveQuery(db, input);
  if (r.kind === 'one') return r.entity;
  // The last argument carries the same text as catalog keys, for readers of other languages (src/i18n).
  if (r.kind === 'choices')
    throw new UserError('AMBIGUOUS', `"${clip(input)}" could mean ${r.labels.join(', ')}. Be more specific.`, undefined, {
      message: { key: 'error.ambiguous', values: { query: clip(input), labels: r.labels.join(', ') } },
    });
  const near = r.labels;
  throw new UserError(
    'NOT_FOUND',
    `No vendor or chip named "${clip(input)}".${near.length ? ` Did you mean ${near.join(', ')}?` : ''}`,
    'Try /chip with a vendor (alibaba, huawei, 寒武纪) or a chip (ascend 910c, h20).',
    {
      message: near.length ? { key: 'error.notFoundNear', values: { query: clip(input), near: near.join(', ') } } : { key: 'error.notFound', values: { query: clip(input) } },
      hint: { key: 'error.notFoundHint' },
    },
  );
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
