// Text folding for the full-text index, and turning what a user typed into a safe FTS5 query.
// The index (stories_fts, unicode61) sees Latin text as words; each run of Chinese characters is written
// as its overlapping two-character pieces ("华为发布" → "华为 为发 发布"), so any Chinese phrase of two or
// more characters is a phrase of bigrams — "华为" is found, and "昇腾芯片" only where those characters
// are adjacent. Common traditional characters are folded to simplified first (華為 = 华为). This avoids a trigram index over all text (which cannot find two-character words).
// User text is never FTS syntax: each word becomes a quoted string, so `"`, NEAR, AND, *, - are text.
import { UserError } from '../core/errors.ts';
import { toSimplified } from './search-hanzi.ts';

const HAN_RUN = /\p{Script=Han}+/gu;

function bigrams(run: string): string {
  const cs = [...run];
  if (cs.length < 2) return run;
  const out: string[] = [];
  for (let i = 0; i + 1 < cs.length; i++) out.push(cs[i]! + cs[i + 1]!);
  return out.join(' ');
}

/** Title or summary as the index stores it (and as query terms are folded, so both agree). */
export function foldForIndex(text: string): string {
  return toSimplified(text.normalize('NFKC')).replace(HAN_RUN, (run) => ` ${bigrams(run)} `);
}

/** At most this many words of a query are used (a query is a few words, not a paragraph). */
export const MAX_QUERY_TERMS = 8;

/**
 * An FTS5 MATCH expression for `input`, every word a quoted phrase (all must match), or null when
 * nothing searchable is left (only punctuation). Throws a UserError for a one-character Chinese word,
 * which the bigram index cannot find.
 */
export function ftsQuery(input: string): string | null {
  const words = input.normalize('NFKC').split(/\s+/).filter(Boolean).slice(0, MAX_QUERY_TERMS);
  const phrases: string[] = [];
  for (const w of words) {
    if (!/[\p{L}\p{N}]/u.test(w)) continue; // "-", "*", "\"": nothing a word index could hold
    for (const run of w.match(HAN_RUN) ?? []) {
      if ([...run].length === 1 && !/[\p{Script=Latin}\p{N}]/u.test(w))
        throw new UserError('BAD_QUERY', `"${w}" is too short to search: use Chinese words of at least two characters (e.g. 华为, 芯片).`, undefined, {
          message: { key: 'search.tooShort', values: { word: w } },
        });
    }
    const folded = foldForIndex(w).trim().replace(/\s+/g, ' ');
    phrases.push(`"${folded.replace(/"/g, '""')}"`);
  }
  return phrases.length ? phrases.join(' ') : null;
}
