// Parsing what users type into /subscribe, /unsubscribe and /digest: vendor lists ("huawei cambricon",
// "moore threads, 寒武纪", "all"), topic lists and exclude words. Bad input is a UserError that says what
// would work (nearest vendor names, the topic list, a zone like Europe/Berlin).
import type { Db } from '../store/db.ts';
import { UserError, type CatalogText } from '../core/errors.ts';
import { t as msg } from '../i18n/t.ts';
import { nameKey, nearest } from '../core/fuzzy.ts';
import { findEntities } from '../catalog/resolve.ts';
import { catalogOf } from '../catalog/load.ts';
import { TOPICS, TOPIC_IDS } from '../news/topics.ts';
import { canonicalZone, formatLocalTime, parseLocalTime, zoneSuggestions } from './schedule.ts';

/** `notes` in English; `noteTexts` the same from the message catalog, for readers of other languages. */
export type VendorList = { all: true; notes: string[]; noteTexts: CatalogText[] } | { all: false; vendors: string[]; notes: string[]; noteTexts: CatalogText[] };

/** A refusal in English with its catalog key beside it (the dispatcher shows it in the reader's language). */
function refusal(code: 'BAD_OPTION' | 'NOT_FOUND', message: CatalogText, hint?: CatalogText): UserError {
  return new UserError(code, msg('en', message.key, message.values), hint ? msg('en', hint.key, hint.values) : undefined, { message, ...(hint ? { hint } : {}) });
}

const ALL = new Set(['all', 'everything', '*', '全部', 'alle']);

/**
 * Vendors from free text. Words are matched greedily, longest phrase first, so "moore threads" is one
 * vendor; a chip name means its vendor ("ascend 910c" → Huawei), said in a note.
 */
export function parseVendorList(db: Db, text: string): VendorList {
  const words = text.split(/[\s,，、;]+/).filter(Boolean);
  if (words.length === 1 && ALL.has(words[0]!.toLowerCase())) return { all: true, notes: [], noteTexts: [] };
  const { vendors, chips } = catalogOf(db);
  const out: string[] = [];
  const notes: string[] = [];
  const noteTexts: CatalogText[] = [];
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
      if (!v) {
        const note: CatalogText = { key: 'parse.chipMeansMaker', values: { phrase, vendor: vendors.get(slug)?.name.en ?? slug } };
        notes.push(msg('en', note.key, note.values));
        noteTexts.push(note);
      }
      if (!out.includes(slug)) out.push(slug);
      matched = j - i;
    }
    if (!matched) {
      const w = words[i]!;
      if (ALL.has(w.toLowerCase())) throw refusal('BAD_OPTION', { key: 'parse.allAlone' });
      // Nearest vendor names only (suggest() also offers chips, which /subscribe maps to vendors anyway).
      const keyed = [...vendors.values()].flatMap((x) => [x.slug, x.name.en, x.name.zh, ...x.aliases.en, ...x.aliases.zh].map((n) => ({ key: nameKey(n), v: x })));
      const near = [...new Set(nearest(w, keyed, (k) => k.key, 10).map((k) => k.v.name.en))].slice(0, 3);
      const names = [...vendors.values()].map((x) => x.slug).join(', ');
      throw refusal(
        'NOT_FOUND',
        near.length ? { key: 'parse.noVendorNear', values: { name: w.slice(0, 40), near: near.join(', ') } } : { key: 'parse.noVendor', values: { name: w.slice(0, 40) } },
        { key: 'parse.vendorsHint', values: { names } },
      );
    }
    i += matched;
  }
  return { all: false, vendors: out, notes, noteTexts };
}

/** "launch, export-controls" → topic ids; unknown ones get the nearest id and the full list. */
export function parseTopics(text: string): string[] {
  const out: string[] = [];
  for (const w of text.toLowerCase().split(/[\s,，、;]+/).filter(Boolean)) {
    const t = TOPICS.find((x) => x.id === w || x.label.toLowerCase() === w);
    if (!t) {
      const near = nearest(w, TOPIC_IDS, (x) => x, 1)[0];
      throw refusal(
        'BAD_OPTION',
        near ? { key: 'parse.noTopicNear', values: { topic: w.slice(0, 40), near } } : { key: 'parse.noTopic', values: { topic: w.slice(0, 40) } },
        { key: 'parse.topicsHint', values: { topics: TOPIC_IDS.join(', ') } },
      );
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
  if (out.length > 20) throw refusal('BAD_OPTION', { key: 'parse.tooManyExcludes', values: { max: '20' } });
  return out;
}

export function parseDigestTime(text: string): string {
  const t = parseLocalTime(text);
  if (!t) throw refusal('BAD_OPTION', { key: 'parse.badTime', values: { text: text.slice(0, 20) } });
  return formatLocalTime(t);
}

export function parseZone(text: string): string {
  const z = canonicalZone(text);
  if (!z) {
    const near = zoneSuggestions(text);
    throw refusal(
      'BAD_OPTION',
      near.length ? { key: 'parse.badZoneNear', values: { text: text.slice(0, 40), near: near.join(', ') } } : { key: 'parse.badZone', values: { text: text.slice(0, 40) } },
      { key: 'parse.zoneHint' },
    );
  }
  return z;
}
