// Matching term lists "at the start of a word" quickly. A regex that begins with the lookbehind
// (?<![\p{L}\p{N}]) makes V8 test that Unicode-class lookbehind at every position of the text, which
// cost about two thirds of each term scan at ingest. Instead the term regex is compiled without it, and
// each candidate match is checked here: a candidate that does not begin a word is dropped and the search
// resumes one code point later, so the matches are exactly those of the regex with the lookbehind.

/** The lookbehind this module replaces (kept for regexes that use it inside an alternation). */
export const WORD_START = '(?<![\\p{L}\\p{N}])';

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/iu; // the flags of the regexes it serves

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Is the code point before `i` (a surrogate pair counted as one) not one that `excluded` matches? */
export function notPrecededBy(excluded: RegExp, text: string, i: number): boolean {
  if (i === 0) return true;
  const from = i >= 2 && isLow(text.charCodeAt(i - 1)) && isHigh(text.charCodeAt(i - 2)) ? i - 2 : i - 1;
  return !excluded.test(text.slice(from, i));
}

/** Is `i` not preceded by a letter or digit? */
export function atWordStart(text: string, i: number): boolean {
  return notPrecededBy(LETTER_OR_DIGIT, text, i);
}

/** The index one code point after `i` (how a /u regex search steps). */
function nextCodePoint(text: string, i: number): number {
  return i + 1 < text.length && isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? i + 2 : i + 1;
}

/**
 * The matches of `re` that begin a word, left to right, without overlap: what
 * `text.matchAll(new RegExp(WORD_START + re.source, re.flags))` yields. `re` must have the g flag.
 */
export function matchAllAtWordStarts(re: RegExp, text: string): Generator<RegExpExecArray> {
  return matchAllNotPrecededBy(re, LETTER_OR_DIGIT, text);
}

/**
 * The matches of `re` (g flag) not preceded by a character of the class `excluded` (a non-global /u regex
 * of one character class): what a leading (?<!class) lookbehind in `re` would give, without the cost.
 */
export function* matchAllNotPrecededBy(re: RegExp, excluded: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (;;) {
    const m = re.exec(text);
    if (!m) return;
    if (!notPrecededBy(excluded, text, m.index)) {
      re.lastIndex = nextCodePoint(text, m.index);
      continue;
    }
    // An empty match would not move lastIndex: step past it as matchAll does.
    if (m[0].length === 0) re.lastIndex = nextCodePoint(text, m.index);
    yield m;
  }
}

/** Does `re` (g flag) match anywhere at a word start in `text`? */
export function testAtWordStart(re: RegExp, text: string): boolean {
  return !matchAllAtWordStarts(re, text).next().done;
}
