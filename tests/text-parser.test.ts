// The text parser: what Slack and the console send becomes the same options Discord carries.
import { describe, expect, it } from 'vitest';
import { QUOTES, parseArguments, quoteValue, splitCommandLine, tokenize } from '../src/core/text-parser.ts';
import { validateOptions } from '../src/core/dispatcher.ts';
import { defineCommand } from '../src/core/command.ts';
import { choiceOption, integerOption, stringOption, booleanOption } from '../src/core/options.ts';
import { reply } from '../src/core/reply.ts';
import { UserError } from '../src/core/errors.ts';

const d = { en: 'x', 'zh-CN': 'x', de: 'x' };
const news = defineCommand({
  name: 'news',
  description: d,
  options: [
    stringOption('vendor', { description: d, positional: true }),
    stringOption('query', { description: d, positional: 'rest' }),
    choiceOption('lang', { description: d, choices: ['en', 'zh', 'de'] }),
    integerOption('days', { description: d, min: 1, max: 365 }),
    booleanOption('official', { description: d }),
  ],
  permission: 'everyone',
  visibility: 'public',
  handler: () => reply('ok'),
});
const compare = defineCommand({
  name: 'compare',
  description: d,
  options: [
    stringOption('first', { description: d, required: true, positional: true }),
    stringOption('second', { description: d, required: true, positional: true }),
  ],
  permission: 'everyone',
  visibility: 'public',
  handler: () => reply('ok'),
});

function userError(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('tokenize', () => {
  it('GIVEN words, quotes and name:value THEN tokens keep phrases whole', () => {
    expect(tokenize(`huawei "ascend 910c" lang:en query:'a b' “智能 芯片”`)).toEqual([
      { text: 'huawei', quoted: false },
      { text: 'ascend 910c', quoted: true },
      { text: 'en', quoted: false, name: 'lang' },
      { text: 'a b', quoted: true, name: 'query' },
      { text: '智能 芯片', quoted: true },
    ]);
  });
  it('GIVEN an unclosed quote THEN a clear error', () => {
    expect(userError(() => tokenize('"ascend 910c')).message).toMatch(/quote .* not closed/);
  });
  it('GIVEN name: with no value THEN MISSING_OPTION', () => {
    expect(userError(() => tokenize('lang: en')).code).toBe('MISSING_OPTION');
  });
  it('GIVEN a URL THEN it is one word, not an option named https', () => {
    expect(tokenize('https://example.com/a')).toEqual([{ text: 'https://example.com/a', quoted: false }]);
  });
  it('GIVEN empty or blank input THEN no tokens', () => {
    expect(tokenize('   ')).toEqual([]);
  });
});

describe('splitCommandLine', () => {
  it('GIVEN "/Chip  ascend 910c" THEN name chip and the rest', () => {
    expect(splitCommandLine('/Chip  ascend 910c')).toEqual({ name: 'chip', args: 'ascend 910c' });
  });
  it('GIVEN a line without slash THEN still a command', () => {
    expect(splitCommandLine('help')).toEqual({ name: 'help', args: '' });
  });
});

describe('parseArguments + validateOptions', () => {
  it('GIVEN bare words THEN positional then rest', () => {
    expect(parseArguments(news, 'alibaba export ban h20')).toEqual({ vendor: 'alibaba', query: 'export ban h20' });
  });
  it('GIVEN named and typed values THEN validated like Discord options', () => {
    const raw = parseArguments(news, 'huawei days:7 lang:ZH official:yes');
    expect(validateOptions(news, raw)).toEqual({ vendor: 'huawei', days: 7, lang: 'zh', official: true });
    // Discord sends real numbers and booleans: the same result.
    expect(validateOptions(news, { vendor: 'huawei', days: 7, lang: 'zh', official: true })).toEqual({ vendor: 'huawei', days: 7, lang: 'zh', official: true });
  });
  it('GIVEN an unknown option THEN it names it and suggests the nearest, with usage', () => {
    const e = userError(() => parseArguments(news, 'huawei dayz:7'));
    expect(e.code).toBe('UNKNOWN_OPTION');
    expect(e.message).toContain('"dayz"');
    expect(e.message).toContain('days:');
    expect(e.hint).toMatch(/^Usage: \/news/);
  });
  it('GIVEN a wrong type THEN it says what is expected', () => {
    const e = userError(() => validateOptions(news, parseArguments(news, 'days:seven')));
    expect(e.code).toBe('BAD_OPTION');
    expect(e.message).toBe('Option "days" must be a whole number from 1 to 365; "seven" is not.');
    expect(userError(() => validateOptions(news, { days: 7.5 })).code).toBe('BAD_OPTION');
    expect(userError(() => validateOptions(news, { days: 0 })).code).toBe('BAD_OPTION');
    expect(userError(() => validateOptions(news, { lang: 'fr' })).message).toContain('one of en, zh, de');
  });
  it('GIVEN an option twice THEN refused', () => {
    expect(userError(() => parseArguments(news, 'lang:en lang:de')).message).toContain('twice');
  });
  it('GIVEN too many words for fixed positions THEN TOO_MANY_ARGUMENTS names the extra', () => {
    const e = userError(() => parseArguments(compare, 'ascend 910c h20'));
    expect(e.code).toBe('TOO_MANY_ARGUMENTS');
    expect(e.message).toContain('"h20"');
    expect(parseArguments(compare, '"ascend 910c" h20')).toEqual({ first: 'ascend 910c', second: 'h20' });
  });
  it('GIVEN a missing required option THEN MISSING_OPTION with usage', () => {
    const e = userError(() => validateOptions(compare, parseArguments(compare, 'h20')));
    expect(e.code).toBe('MISSING_OPTION');
    expect(e.hint).toBe('Usage: /compare <first> <second>');
  });
  it('GIVEN a named positional THEN bare words fill the next open one', () => {
    expect(parseArguments(compare, 'second:h20 mlu590')).toEqual({ second: 'h20', first: 'mlu590' });
  });
  it('GIVEN full-width or padded text THEN it is normalised', () => {
    expect(validateOptions(news, { vendor: '  ＨＵＡＷＥＩ ' })).toEqual({ vendor: 'HUAWEI' });
  });
  it('GIVEN over-long input THEN refused before parsing', () => {
    expect(userError(() => parseArguments(news, 'x'.repeat(5000))).code).toBe('BAD_OPTION');
  });
});

describe('quoteValue: every quote mark the parser accepts round-trips (buttons carry command lines)', () => {
  const marks = [...new Set([...Object.keys(QUOTES), ...Object.values(QUOTES).join('')])];
  const roundTrips = (v: string) => {
    expect(tokenize(`query:${quoteValue(v)} page:2`), `query:${quoteValue(v)}`).toEqual([
      expect.objectContaining({ name: 'query', text: v }),
      expect.objectContaining({ name: 'page', text: '2' }),
    ]);
    expect(tokenize(quoteValue(v)).map((t) => [t.name, t.text]), quoteValue(v)).toEqual([[undefined, v]]);
  };

  it('knows at least the marks people type (straight, curly, German, French, CJK)', () => {
    expect(marks.sort()).toEqual([...'"\'“”„«»‹›「」『』‘’'].sort());
  });

  it('GIVEN each mark at the start, end, middle, alone, doubled, and beside spaces THEN the value comes back exactly', () => {
    for (const q of marks) {
      for (const v of [q, `${q}${q}`, `${q}Huawei`, `Huawei${q}`, `Hua${q}wei`, `${q}Huawei ascend${q}`, `${q} x`, `x ${q}`, `${q}a${q} ${q}b${q}`, `query:${q}x`]) roundTrips(v);
    }
  });

  it('GIVEN every pair of marks around and inside words (exhaustive) THEN the value comes back exactly', () => {
    for (const a of marks) for (const b of marks) for (const v of [`${a}x${b}`, `${a}x ${b}`, `${a}${b} y`, `x${a} ${b}y`]) roundTrips(v);
  });

  it('GIVEN random mixes of marks, letters and spaces (seeded) THEN the value comes back exactly', () => {
    const alphabet = [...marks, 'a', 'Z', '华', ' ', ':', '/', '\\'];
    let seed = 42;
    const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 3000; n++) {
      const len = 1 + Math.floor(rnd() * 6);
      let v = '';
      for (let k = 0; k < len; k++) v += alphabet[Math.floor(rnd() * alphabet.length)];
      v = v.trim().replace(/\s+/g, ' ');
      if (v) roundTrips(v);
    }
  });

  it('GIVEN a value containing a closing mark of every pair THEN it still parses, with its quote marks as spaces', () => {
    const v = `a"b'c”d’e»f«g›h」i』 j`;
    // Without the space it needs no quotes at all, and comes back exactly.
    roundTrips(v.replace(' ', ''));
    expect(tokenize(`query:${quoteValue(v)}`)).toEqual([expect.objectContaining({ name: 'query', text: 'a b c d e f g h i j' })]);
  });
});
