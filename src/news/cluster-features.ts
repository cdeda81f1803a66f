// What two reports of the same event share, in any language: figures (normalised: "$5.5 billion",
// "55亿", "5,5 Milliarden" → 5.5e9; "40%", "40 Prozent" → 40%), model codes ("910C", "H20", "S4000"), and,
// within one language, title words (Chinese: character bigrams). cluster.ts compares these.
import type { Lang } from './schema.ts';
import { LEAD_CHARS } from './tag-terms.ts';
import { toSimplified } from './search-hanzi.ts';
import { matchAllNotPrecededBy } from './word-start.ts';

export interface StoryFeatures {
  /** Normalised figures and model codes, e.g. "n5.5e9", "p40", "nm7", "c910c". */
  figures: string[];
  /** Title words (en/de: words of 3+ letters minus stop words; zh: bigrams), keyed by language. */
  words: Partial<Record<Lang, string[]>>;
}

const SCALE: Record<string, number> = {
  thousand: 1e3, k: 1e3, tausend: 1e3, 千: 1e3, 万: 1e4, 萬: 1e4, million: 1e6, millions: 1e6, m: 1e6, mn: 1e6, mio: 1e6, millionen: 1e6,
  billion: 1e9, billions: 1e9, bn: 1e9, b: 1e9, milliarde: 1e9, milliarden: 1e9, mrd: 1e9, 亿: 1e8, 億: 1e8, 万亿: 1e12, 萬億: 1e12,
  trillion: 1e12, billionen: 1e12, 兆: 1e12,
};
const PERCENT = new Set(['%', '％', 'percent', 'per cent', 'prozent', '個百分點']);
const NM = new Set(['nm', 'nanometer', 'nanometre', '纳米', '奈米']);

// A figure does not continue a word, a model code or another number: checked per match
// (word-start.ts), which is much cheaper than the lookbehind (?<![\p{Script=Latin}\d.,]) at every position.
const NOT_AFTER = /[\p{Script=Latin}\d.,]/iu;
const NUMBER_RE =
  /(\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)\s?(万亿|萬億|thousand|tausend|millions?|millionen|mio\.?|mn|billions?|bn|milliarden?|mrd\.?|trillion|billionen|per ?cent|prozent|nanomet(?:er|re)|nm|[kmb](?![\p{L}])|千|万|萬|亿|億|兆|%|％|纳米|奈米)?/giu;

/** 1,234.5 (en/zh) or 1.234,5 (de) → number. */
function parseNumber(raw: string, lang: Lang): number {
  let s = raw;
  if (lang === 'de') s = s.replace(/\.(?=\d{3}\b)/g, '').replace(',', '.');
  else s = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  return Number(s);
}

function sig(n: number): string {
  return Number(n.toPrecision(3)).toExponential();
}

function figuresOf(text: string, lang: Lang): string[] {
  const out = new Set<string>();
  for (const m of matchAllNotPrecededBy(NUMBER_RE, NOT_AFTER, text)) {
    const n = parseNumber(m[1]!, lang);
    if (!Number.isFinite(n)) continue;
    const unit = (m[2] ?? '').toLowerCase().replace(/\.$/, '');
    // Outlets round percentages differently (82.14% / 82 percent): whole percent points.
    if (PERCENT.has(unit)) out.add(`p${Math.round(n)}`);
    else if (NM.has(unit)) out.add(`nm${n}`);
    else if (unit && SCALE[unit] !== undefined) out.add(`n${sig(n * SCALE[unit]!)}`);
    // A bare number: years and small counts are shared by unrelated stories.
    else if (n >= 100 && !(Number.isInteger(n) && n >= 1990 && n <= 2040)) out.add(`n${sig(n)}`);
  }
  // Model codes: letters and digits together ("910C", "H20", "MLU590", "S4000"); not "Q3" or "5G".
  for (const token of text.match(/[A-Za-z0-9][A-Za-z0-9-]*/g) ?? []) {
    if (token.length < 3 || token.length > 12 || !/\d/.test(token) || !/[A-Za-z]/.test(token)) continue;
    const code = token.toLowerCase().replace(/-/g, '');
    if (/^q[1-4]$|^\d+(g|k|nm|x|s|th|st|nd|rd)$|^20\d\d/.test(code) || code.length < 3) continue;
    out.add(`c${code}`);
  }
  return [...out];
}

const STOP = new Set(
  (
    'the and for with from that this into over amid after says said will its their new news about than more has have was are ' +
    'der die das und mit für von den dem des ein eine einer auf ist im zu bei nach über wird sich auch als wie nicht neue neuer neues'
  ).split(' '),
);

function wordsOf(title: string, lang: Lang): string[] {
  const t = toSimplified(title.normalize('NFKC').toLowerCase());
  if (lang === 'zh') {
    const out = new Set<string>();
    for (const run of t.match(/\p{Script=Han}+/gu) ?? []) {
      const cs = [...run];
      for (let i = 0; i + 1 < cs.length; i++) out.add(cs[i]! + cs[i + 1]!);
    }
    return [...out];
  }
  return [...new Set((t.match(/[\p{L}\p{N}]{3,}/gu) ?? []).filter((w) => !STOP.has(w)).map((w) => (lang === 'en' ? w.replace(/s$/, '') : w)))];
}

export function featuresOf(title: string, summary: string, lang: Lang): StoryFeatures {
  // The lead's figures are the story's; deep in a long summary they are mostly background.
  const text = `${title}\n${summary.slice(0, 2 * LEAD_CHARS)}`.normalize('NFKC');
  return { figures: figuresOf(text, lang), words: { [lang]: wordsOf(title, lang) } };
}
