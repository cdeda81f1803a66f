// Compiles the catalog's vendor and chip names for tagging, once per catalog (cached like catalogOf, and
// rebuilt when the catalog is reloaded), so tagging a story costs one tokenising pass and hash lookups.
//   - Latin names: a story's Latin-letter/digit words are looked up, one to six adjacent words at a time,
//     by nameKey (case, spaces and hyphens ignored: "Ascend 910C" = "ascend-910c" = "Ascend910C"),
//     longest first. Whole words only, so "Meta" is not MetaX and "Arm" is not in "warm"; a word next to
//     Chinese characters still counts ("华为Huawei", "Huawei-Chips"); a German genitive "s" is allowed
//     ("Alibabas", "Huaweis"). Weak names ("Ascend") must be capitalised.
//   - Chinese names: substring alternation, longest first (阿里巴巴 before 阿里), with a Latin/digit
//     boundary after names that end in a model number (昇腾910 is not 昇腾910C).
import type { Db } from '../store/db.ts';
import { catalogOf } from '../catalog/load.ts';
import type { Chip, Vendor } from '../catalog/schema.ts';
import { nameKey } from '../core/fuzzy.ts';
import { CHINA_TERMS, CHIP_TERMS, CHIP_UNIT_NAMES, CJK_NOT_FOLLOWED_BY, HAN_VARIANTS, PARENT_NAMES, WEAK_VENDOR_NAMES } from './tag-terms.ts';

export interface NameEntry {
  kind: 'vendor' | 'chip';
  slug: string;
  /** The vendor this name points to (a chip's maker). */
  vendor: string;
  /**
   * weak: counts only with chip context or another mention of the same vendor (ambiguous words).
   * needs-vendor: a chip name that is an ordinary word or place ("Huashan", 华山): counts only when its
   * vendor is named too.
   */
  strength: 'strong' | 'weak' | 'needs-vendor';
  /** A conglomerate's name for its chip unit (CHIP_UNIT_NAMES): chip context by itself. */
  unit?: boolean;
  /** A foundry's name (catalog role "foundry"): named as the maker of a chip, it is a subject too (tag.ts). */
  foundry?: boolean;
}

export interface Matchers {
  /** nameKey(name) → entries. */
  latinNames: Map<string, NameEntry[]>;
  /** The most words any Latin name has. */
  maxLatinWords: number;
  /** Latin names that count only when capitalised (nameKey form). */
  capitalisedOnly: Set<string>;
  /** The first word of every Latin name, lower-cased: any other word cannot start a name. */
  firstWords: Set<string>;
  cjk: RegExp | null;
  cjkNames: Map<string, NameEntry[]>;
  chipTerms: TermMatcher[];
  chinaTerms: TermMatcher[];
}

/** A term list as one regex (g flag); `wordStart`: matches count only at word starts (word-start.ts checks). */
export interface TermMatcher {
  re: RegExp;
  wordStart: boolean;
}

const HAN = /\p{Script=Han}/u;
const LATIN_BOUNDARY_AFTER = '(?![\\p{Script=Latin}\\p{N}])';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "Alibaba Group (T-Head)" → ["Alibaba Group", "T-Head"]; "Huawei (HiSilicon, Ascend)" → 3 names. */
function splitName(n: string): string[] {
  return n
    .normalize('NFKC')
    .split(/[(),，、]/)
    .map((x) => x.trim())
    .filter((x) => x.length >= 2);
}

/** A short model code ("910C", "H20", "P800", "XPU-R"): only trusted with chip context or its vendor. */
function isModelCode(name: string): boolean {
  return name.length <= 6 && /\d/.test(name) && !/\s/.test(name);
}

function vendorNames(v: Vendor): string[] {
  return [...splitName(v.name.en), ...splitName(v.name.zh), ...v.aliases.en, ...v.aliases.zh, ...v.aliases.de];
}

function chipNames(c: Chip): string[] {
  return [...splitName(c.name.en), ...(c.name.zh ? splitName(c.name.zh) : []), ...c.aliases];
}

function chipStrength(name: string, vendorAliases: string[]): NameEntry['strength'] {
  if (isModelCode(name)) return 'weak';
  const key = nameKey(name);
  // A name with no digits that does not contain its vendor's name is an ordinary word or place.
  if (!/\d/.test(name) && !vendorAliases.some((a) => key.includes(nameKey(a)))) return 'needs-vendor';
  return 'strong';
}

function termRegex(terms: readonly string[], wordStart: boolean, wordEnd: boolean): TermMatcher {
  const alt = [...terms].sort((a, b) => b.length - a.length).join('|');
  // The word-start condition is checked per candidate match, not as a lookbehind (see word-start.ts).
  return { re: new RegExp(`(?:${alt})${wordEnd ? '(?![\\p{L}\\p{N}])' : ''}`, 'giu'), wordStart };
}

/** The matchers for a catalog (matchersOf caches them per loaded catalog; the evaluation builds them from the files). */
export function compileMatchers(vendors: Map<string, Vendor>, chips: Map<string, Chip>): Matchers {
  const latinNames = new Map<string, NameEntry[]>();
  const cjkNames = new Map<string, NameEntry[]>();
  const latinForms = new Set<string>();
  const latinWeak = new Set<string>();
  const cjk = new Set<string>();
  const add = (name: string, e: NameEntry) => {
    const n = name.normalize('NFKC').trim();
    if (n.length < 2) return;
    if (HAN.test(n)) {
      // The name as the catalog spells it, and in the other script (昆仑芯 is also written 昆侖芯).
      for (const form of hanForms(n)) {
        const key = cjkKey(form);
        const list = cjkNames.get(key) ?? [];
        if (!list.some((x) => x.kind === e.kind && x.slug === e.slug)) list.push(e);
        cjkNames.set(key, list);
        cjk.add(form);
      }
      return;
    }
    const key = nameKey(n);
    if (key.length < 2) return;
    const list = latinNames.get(key) ?? [];
    const same = list.find((x) => x.kind === e.kind && x.slug === e.slug);
    // The same key from a strong and a weak name: keep the strongest reading.
    if (same) {
      if (e.strength === 'strong') same.strength = 'strong';
    } else list.push(e);
    latinNames.set(key, list);
    latinForms.add(n);
    if (e.strength === 'weak' && e.kind === 'vendor') latinWeak.add(n);
  };
  for (const v of vendors.values())
    for (const n of vendorNames(v))
      add(n, {
        kind: 'vendor',
        slug: v.slug,
        vendor: v.slug,
        strength: PARENT_NAMES.has(n) ? 'needs-vendor' : WEAK_VENDOR_NAMES.has(n) ? 'weak' : 'strong',
        ...(CHIP_UNIT_NAMES.has(n) ? { unit: true } : {}),
        ...(v.role === 'foundry' ? { foundry: true } : {}),
      });
  for (const c of chips.values()) {
    const v = vendors.get(c.vendor);
    const vAliases = v ? vendorNames(v) : [];
    for (const n of chipNames(c)) add(n, { kind: 'chip', slug: c.slug, vendor: c.vendor, strength: chipStrength(n, vAliases) });
  }
  // The bare model number of a chip ("the 970 in 2028", "M300"), trusted only when its vendor is named.
  for (const c of chips.values()) {
    for (const n of chipNames(c)) {
      const code = n.normalize('NFKC').split(/[\s\p{Script=Han}]+/u).pop() ?? '';
      if (/^[A-Za-z]{0,3}\d{3,4}[A-Za-z]{0,3}$/.test(code) && !latinNames.has(nameKey(code)))
        add(code, { kind: 'chip', slug: c.slug, vendor: c.vendor, strength: 'needs-vendor' });
    }
  }
  const byLength = (a: string, b: string) => b.length - a.length;
  const cjkAlt = [...cjk].sort(byLength).map((n) => {
    const tail = /[\p{Script=Latin}\p{N}]$/u.test(n) ? LATIN_BOUNDARY_AFTER : '';
    const not = CJK_NOT_FOLLOWED_BY[n];
    return `${escape(n).replace(/\s+/g, '\\s?')}${tail}${not ? `(?!${not.map(escape).join('|')})` : ''}`;
  });
  let maxLatinWords = 1;
  const firstWords = new Set<string>();
  for (const n of latinForms) {
    const words = n.toLowerCase().split(/[^\p{Script=Latin}\p{N}]+/u).filter(Boolean);
    maxLatinWords = Math.max(maxLatinWords, words.length);
    if (words[0]) firstWords.add(words[0]);
    // The whole name written as one word ("RTX6000D", "Ascend910C").
    firstWords.add(nameKey(n));
  }
  return {
    latinNames,
    maxLatinWords,
    firstWords,
    capitalisedOnly: new Set([...latinWeak].map(nameKey)),
    cjk: cjkAlt.length ? new RegExp(`(?:${cjkAlt.join('|')})`, 'giu') : null,
    cjkNames,
    chipTerms: [termRegex(CHIP_TERMS.en, true, true), termRegex(CHIP_TERMS.de, false, false), termRegex(CHIP_TERMS.zh, false, false)],
    chinaTerms: [termRegex(CHINA_TERMS.en, true, true), termRegex(CHINA_TERMS.de, true, false), termRegex(CHINA_TERMS.zh, false, false)],
  };
}

// Keyed by the catalog object catalogOf returns: a reloaded catalog is a new object, so matchers follow.
const cache = new WeakMap<object, Matchers>();

export function matchersOf(db: Db): Matchers {
  const cat = catalogOf(db);
  let m = cache.get(cat);
  if (!m) cache.set(cat, (m = compileMatchers(cat.vendors, cat.chips)));
  return m;
}

export interface NameHit {
  start: number;
  end: number;
  entries: NameEntry[];
}

const LATIN_OR_NUMBER = /[\p{Script=Latin}\p{N}]/u;
/** What may sit between the words of one name: the separators nameKey ignores. */
const NAME_GAP = /^[\s\-_.·・'’/‐–]{0,2}$/u;
const UPPER = /^\p{Lu}/u;

const isAsciiWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const asciiLower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

/** The code units the Latin-letter/digit character at `i` takes (1 or 2), or 0 if it is something else. */
export function wordCharAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) return isAsciiWordChar(c) ? 1 : 0;
  // Without the regex for the common cases (tests/news-tagging.test.ts checks both ranges against it):
  // Latin-1 and Latin Extended-A/B letters (× and ÷ are not), and CJK ideographs (neither Latin nor numbers).
  if (c >= 0xc0 && c <= 0x24f) return c === 0xd7 || c === 0xf7 ? 0 : 1;
  if (c >= 0x3400 && c <= 0x9fff) return 0;
  const cp = text.codePointAt(i)!;
  return LATIN_OR_NUMBER.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
}

/**
 * The Latin-letter/digit words of `text` ([\p{Script=Latin}\p{N}]+) as start and end offsets: a plain
 * character loop, because matching that Unicode class word by word (and allocating a match per word)
 * was most of a story's tagging time.
 */
function latinWords(text: string): { starts: number[]; ends: number[] } {
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < text.length) {
    let n = wordCharAt(text, i);
    if (!n) {
      i++;
      continue;
    }
    starts.push(i);
    while (n) {
      i += n;
      n = i < text.length ? wordCharAt(text, i) : 0;
    }
    ends.push(i);
  }
  return { starts, ends };
}

/** firstWords' first two characters as numbers (ASCII only): a quick "cannot start a name" test. */
const prefixCache = new WeakMap<Set<string>, Set<number>>();

function firstWordPrefixes(firstWords: Set<string>): Set<number> {
  let p = prefixCache.get(firstWords);
  if (!p) {
    p = new Set();
    for (const w of firstWords) if (w.length >= 2 && w.charCodeAt(0) < 128 && w.charCodeAt(1) < 128) p.add(w.charCodeAt(0) * 128 + w.charCodeAt(1));
    prefixCache.set(firstWords, p);
  }
  return p;
}

/**
 * Can the word at [start, end) not begin a name? Only decided for words of three or more characters
 * whose first two are ASCII (lower-casing and dropping a final "s" keep those two); else false (look it up).
 */
function surelyNotFirstWord(text: string, start: number, end: number, prefixes: Set<number>): boolean {
  if (end - start < 3) return false;
  const a = text.charCodeAt(start);
  const b = text.charCodeAt(start + 1);
  if (a >= 128 || b >= 128) return false;
  return !prefixes.has(asciiLower(a) * 128 + asciiLower(b));
}

/** The catalog names among the Latin words of `text` (NFKC), longest first, left to right. */
export function scanLatin(m: Matchers, text: string): NameHit[] {
  const { starts, ends } = latinWords(text);
  const prefixes = firstWordPrefixes(m.firstWords);
  const hits: NameHit[] = [];
  for (let i = 0; i < starts.length; ) {
    if (surelyNotFirstWord(text, starts[i]!, ends[i]!, prefixes)) {
      i++;
      continue;
    }
    const w0 = text.slice(starts[i], ends[i]).toLowerCase();
    if (!m.firstWords.has(w0) && !(w0.endsWith('s') && m.firstWords.has(w0.slice(0, -1)))) {
      i++;
      continue;
    }
    const keys: string[] = [];
    let key = '';
    for (let n = 0; n < m.maxLatinWords && i + n < starts.length; n++) {
      if (n > 0 && !NAME_GAP.test(text.slice(ends[i + n - 1], starts[i + n]))) break;
      keys.push((key += text.slice(starts[i + n], ends[i + n]).toLowerCase()));
    }
    let matched = 0;
    for (let n = keys.length; n >= 1 && !matched; n--) {
      const k = keys[n - 1]!;
      // Exact, or without a German genitive / plural "s" ("Alibabas", "Huaweis", "Alibaba's").
      for (const form of k.endsWith('s') ? [k, k.slice(0, -1)] : [k]) {
        const entries = m.latinNames.get(form);
        if (!entries) continue;
        if (m.capitalisedOnly.has(form) && !UPPER.test(text.slice(starts[i], ends[i]))) continue;
        hits.push({ start: starts[i]!, end: ends[i + n - 1]!, entries });
        matched = n;
        break;
      }
    }
    i += matched || 1;
  }
  return hits;
}

const TO_TRADITIONAL = new Map(HAN_VARIANTS.map(([s, t]) => [s, t]));
const TO_SIMPLIFIED = new Map(HAN_VARIANTS.map(([s, t]) => [t, s]));

/** A Chinese name in its catalog spelling and fully traditional / fully simplified (HAN_VARIANTS). */
function hanForms(name: string): string[] {
  const convert = (map: Map<string, string>) => [...name].map((ch) => map.get(ch) ?? ch).join('');
  return [...new Set([name, convert(TO_TRADITIONAL), convert(TO_SIMPLIFIED)])];
}

export function cjkEntries(m: Matchers, text: string): NameEntry[] {
  return m.cjkNames.get(cjkKey(text)) ?? [];
}

function cjkKey(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}
