// The word-start matcher that replaced (?<![\p{L}\p{N}]) lookbehinds in the tagging, topic and figure
// regexes for speed: it must find exactly the matches the lookbehind regex finds, including next to
// Chinese characters, accented and astral letters, and at the ends of the text.
import { describe, expect, it } from 'vitest';
import { matchAllAtWordStarts, matchAllNotPrecededBy, testAtWordStart, WORD_START } from '../src/news/word-start.ts';

const TEXTS = [
  'Export controls hit China; xexport controls do not.',
  'chips, Chips and microchips; 7nm and 17nm; "chip" at the end chip',
  'échip 𝐀chip 𝟏chip 华为chip chip华为 -chip _chip',
  'Huawei-Chips, Speicherchips, KI-Chip, Chipfabrik',
  '',
  'chip',
  'a\uD835chip \uDC00chip',
];

const withLookbehind = (source: string, flags: string) => new RegExp(`${WORD_START}(?:${source})`, flags);

describe('matchAllAtWordStarts', () => {
  for (const [source, flags] of [
    ['chips?', 'giu'],
    ['export (?:controls?|curbs?)|china', 'giu'],
    ['\\d+\\s?nm', 'giu'],
    ['chip(?![\\p{L}\\p{N}])', 'giu'],
  ] as const) {
    it(`gives the lookbehind regex's matches for /${source}/`, () => {
      for (const text of TEXTS) {
        const expected = [...text.matchAll(withLookbehind(source, flags))].map((m) => [m.index, m[0]]);
        const actual = [...matchAllAtWordStarts(new RegExp(source, flags), text)].map((m) => [m.index, m[0]]);
        expect(actual, text).toEqual(expected);
        expect(testAtWordStart(new RegExp(source, flags), text), text).toBe(expected.length > 0);
      }
    });
  }

  it('finds a match that follows a rejected candidate inside the same word run', () => {
    // "xchip chip": the candidate at 1 is inside a word; the one at 6 begins one.
    expect([...matchAllAtWordStarts(/chip/giu, 'xchip chip')].map((m) => m.index)).toEqual([6]);
  });
});

describe('matchAllNotPrecededBy', () => {
  it('gives the matches of a regex with the same leading negative lookbehind', () => {
    const texts = ['A123 $5.5 billion, 1.234,5 Mio 40% 7nm', 'é12 𝐀12 .5 ,7 x910C 910C', '营收55亿美元，同比增长40%'];
    for (const text of texts) {
      const expected = [...text.matchAll(/(?<![\p{Script=Latin}\d.,])(\d+(?:[.,]\d+)?)/giu)].map((m) => [m.index, m[0]]);
      const actual = [...matchAllNotPrecededBy(/(\d+(?:[.,]\d+)?)/giu, /[\p{Script=Latin}\d.,]/iu, text)].map((m) => [m.index, m[0]]);
      expect(actual, text).toEqual(expected);
    }
  });
});
