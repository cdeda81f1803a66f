// The message catalog (src/i18n/messages): every language has exactly English's keys, each message
// parses as ICU and names the same arguments, every key is used by the code, the generated zh-TW files
// are what the generator makes today, and no English is left in a translation except an allowed word.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { CATALOGS, t } from '../src/i18n/t.ts';
import { LANGS, langOfTag, pickLang } from '../src/i18n/locale.ts';
import { formatDate, formatNumber } from '../src/i18n/intl.ts';
import { buildZhTw } from '../src/cli/make-zh-tw.ts';

const root = path.resolve(import.meta.dirname, '..');
const en = CATALOGS.en;
const keys = Object.keys(en).sort();

type Node = { type: number; value?: string; options?: Record<string, { value: Node[] }> };

function walk(nodes: Node[], visit: (n: Node) => void): void {
  for (const n of nodes) {
    visit(n);
    for (const o of Object.values(n.options ?? {})) walk(o.value, visit);
  }
}

function hasPound(nodes: Node[]): boolean {
  let found = false;
  walk(nodes, (n) => {
    if (n.type === 7) found = true;
  });
  return found;
}

/** The arguments a message shows (plain, number, date); a plural/select chooser alone is not shown. */
function argumentsOf(message: string, lang: string): string[] {
  const args = new Set<string>();
  walk(new IntlMessageFormat(message, lang, undefined, { ignoreTag: true }).getAst() as Node[], (n) => {
    if (n.type >= 1 && n.type <= 4 && n.value) args.add(n.value);
    // "#" inside a plural shows the plural's number.
    if (n.type === 6 && n.value && Object.values(n.options ?? {}).some((o) => hasPound(o.value))) args.add(n.value);
  });
  return [...args].sort();
}

function literalText(message: string, lang: string): string {
  let text = '';
  walk(new IntlMessageFormat(message, lang, undefined, { ignoreTag: true }).getAst() as Node[], (n) => {
    if (n.type === 0) text += ` ${n.value}`;
  });
  return text;
}

describe.each(LANGS.filter((l) => l !== 'en'))('%s catalog', (lang) => {
  const catalog = CATALOGS[lang];

  it('has exactly the English keys', () => {
    expect(Object.keys(catalog).sort()).toEqual(keys);
  });

  // Chinese has no plural forms, so a translation may leave out English's {n, plural, …} chooser.
  it.each(keys)('%s parses and shows the same arguments as English', (key) => {
    expect(argumentsOf(catalog[key]!, lang)).toEqual(argumentsOf(en[key]!, 'en'));
  });

  // Words a translation may keep in English: product names, units, option syntax and the bot's name,
  // and German words spelled as in English (System, Option, Status, Chip, Training, Feed).
  const ALLOWED = /\b(chipwatch|NVIDIA|FP16|BF16|INT8|TDP|HBM|TFLOPS|TOPS|PNG|yes|no|days|alibaba|huawei|ascend|h20|help|chip|Chips?|Status|Node|US|Entity|List|Training|vs|Feeds?|Ref|System|Option|Slack|Discord|Shanghai|Benchmarks|all|IANA|UTC)\b/gi;
  it('leaves no English words beyond the allowed ones', () => {
    const left = keys.flatMap((key) => {
      // Command names (/news) and option syntax (days:7) are typed as they are.
      // Command lines with their typed words (/unsubscribe all), quoted input ("export controls") and option syntax (days:7) stay as typed.
      const text = literalText(catalog[key]!, lang).replace(/\/[a-z]+(?: [a-z0-9:,.-]+)*/g, '').replace(/"[^"]*"/g, '').replace(/\b[A-Z][a-z]+\/[A-Za-z_]+/g, '').replace(/\b[a-z]+:\S*/g, '');
      const words = text.replace(ALLOWED, '').match(/\b[A-Za-z]{3,}\b/g) ?? [];
      // German shares many words with English: only flag a German word that is the English message's own.
      const english = new Set(literalText(en[key]!, 'en').match(/\b[A-Za-z]{3,}\b/g) ?? []);
      return words.filter((w) => english.has(w)).map((w) => `${key}: ${w}`);
    });
    expect(left).toEqual([]);
  });
});

describe('every key is used by the code', () => {
  const sources: string[] = [];
  const collect = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) collect(p);
      else if (p.endsWith('.ts') && !p.endsWith('make-zh-tw.ts')) sources.push(readFileSync(p, 'utf8'));
    }
  };
  collect(path.join(root, 'src'));
  collect(path.join(root, 'commands'));
  const code = sources.join('\n');

  it.each(keys)('%s', (key) => {
    // A literal 'group.name', or a key built from its group: `figure.${f}`.
    const literal = code.includes(`'${key}'`);
    const group = key.slice(0, key.lastIndexOf('.') + 1);
    const built = code.includes(`\`${group}\${`);
    expect(literal || built, `${key} is not used: remove it from every catalog or use it`).toBe(true);
  });
});

describe('zh-TW is generated from zh-CN', () => {
  it('the committed zh-TW.json and zh-TW-derived.json are what `npx tsx src/cli/make-zh-tw.ts` makes now', () => {
    const out = buildZhTw();
    expect(readFileSync(path.join(root, 'src/i18n/messages/zh-TW.json'), 'utf8')).toBe(out.messages);
    expect(readFileSync(path.join(root, 'src/i18n/messages/zh-TW-derived.json'), 'utf8')).toBe(out.derived);
  });

  it('uses Taiwan terms, not mainland ones', () => {
    const all = Object.values(CATALOGS['zh-TW']).join('\n') + readFileSync(path.join(root, 'src/i18n/messages/zh-TW-derived.json'), 'utf8');
    expect(all).toContain('晶片');
    expect(all).toContain('輝達');
    for (const mainland of ['芯片', '英偉達', '内存', '內存', '服務器', '臺積電']) expect(all).not.toContain(mainland);
  });
});

describe('which language', () => {
  it.each([
    ['zh-CN', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh_CN', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-TW', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['zh-Hant-HK', 'zh-TW'],
    ['de', 'de'],
    ['de-AT', 'de'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
  ])('%s → %s', (tag, want) => expect(langOfTag(tag)).toBe(want));

  it('a language chipwatch does not speak falls through to the next tag, then English', () => {
    expect(langOfTag('fr')).toBeNull();
    expect(pickLang('fr', 'de')).toBe('de');
    expect(pickLang('zh-TW', 'de')).toBe('zh-TW');
    expect(pickLang('fr', undefined)).toBe('en');
    expect(pickLang()).toBe('en');
  });
});

describe('formats', () => {
  it('dates read as the reader writes them; English keeps ISO', () => {
    expect(formatDate('zh-CN', '2025-09-18')).toBe('2025年9月18日');
    expect(formatDate('zh-TW', '2025-09-18')).toBe('2025年9月18日');
    expect(formatDate('de', '2025-09-18')).toBe('18.09.2025');
    expect(formatDate('en', '2025-09-18')).toBe('2025-09-18');
    expect(formatDate('de', '2025-09')).toBe('September 2025');
    expect(formatDate('zh-CN', '2019')).toBe('2019年');
  });

  it('numbers use the reader’s separators', () => {
    expect(formatNumber('de', 1234.5)).toBe('1.234,5');
    expect(formatNumber('en', 1234.5)).toBe('1,234.5');
    expect(formatNumber('zh-CN', 1234.5)).toBe('1,234.5');
  });

  it('plurals follow each language’s rules', () => {
    expect(t('en', 'vendor.text', { title: 'X', n: 1 })).toBe('X: 1 chip tracked.');
    expect(t('en', 'vendor.text', { title: 'X', n: 3 })).toBe('X: 3 chips tracked.');
    expect(t('de', 'vendor.text', { title: 'X', n: 1 })).toBe('X: 1 Chip erfasst.');
    expect(t('zh-CN', 'vendor.text', { title: 'X', n: 3 })).toBe('X：收录 3 款芯片。');
  });
});
