// Parsing what users type into /subscribe, /unsubscribe and /digest: vendor lists ("huawei cambricon",
// "moore threads, 寒武纪", "all"), topic lists and exclude words. Bad input is a UserError that says what
// would work (nearest vendor names, the topic list, a zone like Europe/Berlin).
import type { Db } from '../store/db.ts';
import { UserError } from '../core/errors.ts';
import { nameKey, nearest } from '../core/fuzzy.ts';
import { findEntities } from '../catalog/resolve.ts';
import { catalogOf } from '../catalog/load.ts';
import { TOPICS, TOPIC_IDS } from '../news/topics.ts';
import { canonicalZone, formatLocalTime, parseLocalTime, zoneSuggestions } from './schedule.ts';

export type VendorList = { all: true; notes: string[] } | { all: false; vendors: string[]; notes: string[] };

const ALL = new Set(['all', 'everything', '*', '全部', 'alle']);

/**
 * Vendors from free text. Words are matched greedily, longest phrase first, so "moore threads" is one
 * vendor; a chip name means its vendor ("ascend 910c" → Huawei), said in a note.
 */
export function parseVendorList(db: Db, text: string): VendorList {
  const words = text.split(/[\s,，、;]+/).filter(Boolean);
  if (words.length === 1 && ALL.has(words[0]!.toLowerCase())) return { all: true, notes: [] };
  const { vendors, chips } = catalogOf(db);
  const out: string[] = [];
  const notes: string[] = [];
  let i = 0;
  while (i < words.length) {
    let matched = 0;
    for (let j = words.length; j > i && !matched; j--) {
      const phrase = words.slice(i, j).join(' ');
      const rows = findEntities(db, phrase);
      const v = rows.find((r) => r.kind === 'vendor');
      const chipVendors = [...new Set(rows.filter((r) => r.kind === 'chip').map((r) => chips.get(r.slug)?.vendor))];
      const slug = v?.slug ?? (chipVendors.length === 1 ? chipVendors[0] : undefined);
      if (!slug) continue;
      if (!v) notes.push(`"${phrase}" is a chip; following its maker, ${vendors.get(slug)?.name.en ?? slug}.`);
      if (!out.includes(slug)) out.push(slug);
      matched = j - i;
    }
    if (!matched) {
      const w = words[i]!;
      if (ALL.has(w.toLowerCase())) throw new UserError('BAD_OPTION', 'Use "all" on its own to follow every vendor.');
      // Nearest vendor names only (suggest() also offers chips, which /subscribe maps to vendors anyway).
      const keyed = [...vendors.values()].flatMap((x) => [x.slug, x.name.en, x.name.zh, ...x.aliases.en, ...x.aliases.zh].map((n) => ({ key: nameKey(n), v: x })));
      const near = [...new Set(nearest(w, keyed, (k) => k.key, 10).map((k) => k.v.name.en))].slice(0, 3);
      const names = [...vendors.values()].map((x) => x.slug).join(', ');
      throw new UserError('NOT_FOUND', `No vendor named "${w.slice(0, 40)}".${near.length ? ` Did you mean ${near.join(', ')}?` : ''}`, `Vendors: ${names}, or all.`);
    }
    i += matched;
  }
  return { all: false, vendors: out, notes };
}

/** "launch, export-controls" → topic ids; unknown ones get the nearest id and the full list. */
export function parseTopics(text: string): string[] {
  const out: string[] = [];
  for (const w of text.toLowerCase().split(/[\s,，、;]+/).filter(Boolean)) {
    const t = TOPICS.find((x) => x.id === w || x.label.toLowerCase() === w);
    if (!t) {
      const near = nearest(w, TOPIC_IDS, (x) => x, 1)[0];
      throw new UserError('BAD_OPTION', `No topic "${w.slice(0, 40)}".${near ? ` Did you mean ${near}?` : ''}`, `Topics: ${TOPIC_IDS.join(', ')}.`);
    }
    if (!out.includes(t.id)) out.push(t.id);
  }
  return out;
}

/** Exclude words: comma-separated (spaces allowed inside a phrase when quoted), lower-cased; "none" clears. */
export function parseExclude(text: string): string[] {
  if (/^\s*(none|-)\s*$/i.test(text)) return [];
  const parts = text.includes(',') ? text.split(/[,，、]+/) : text.split(/\s+/);
  const out = [...new Set(parts.map((p) => p.normalize('NFKC').trim().toLowerCase()).filter((p) => p.length >= 2))];
  if (out.length > 20) throw new UserError('BAD_OPTION', 'At most 20 exclude words.');
  return out;
}

export function parseDigestTime(text: string): string {
  const t = parseLocalTime(text);
  if (!t) throw new UserError('BAD_OPTION', `"${text.slice(0, 20)}" is not a time: use 24-hour HH:MM, e.g. time:09:00 or time:18:30.`);
  return formatLocalTime(t);
}

export function parseZone(text: string): string {
  const z = canonicalZone(text);
  if (!z) {
    const near = zoneSuggestions(text);
    throw new UserError('BAD_OPTION', `"${text.slice(0, 40)}" is not a time zone.${near.length ? ` Did you mean ${near.join(', ')}?` : ''}`, 'Use an IANA zone like Europe/Berlin, America/New_York, Asia/Shanghai or UTC.');
  }
  return z;
}
