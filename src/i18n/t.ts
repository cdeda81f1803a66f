// t(lang, key, values): one message from the catalog, in the reader's language. The catalog is one plain
// JSON file per language under messages/ (ICU MessageFormat: {name}, {n, plural, one {…} other {…}},
// {x, select, …}), so translators edit text, not code. FormatJS's intl-messageformat does the formatting:
// it is the ICU implementation the Unicode/ECMA-402 people keep, handles CLDR plural rules for every
// locale (German one/other, Chinese other only) and needs no global set-up, unlike i18next's instance.
// A parsed message is cached per language and key: parsing costs ~20 µs, formatting ~1 µs.
// A key missing in a language falls back to English (tests/i18n-catalog.test.ts fails on any such gap).
import { IntlMessageFormat } from 'intl-messageformat';
import en from './messages/en.json' with { type: 'json' };
import zhCN from './messages/zh-CN.json' with { type: 'json' };
import zhTW from './messages/zh-TW.json' with { type: 'json' };
import de from './messages/de.json' with { type: 'json' };
import type { Lang } from './locale.ts';

export type MessageKey = keyof typeof en;
export type MessageValues = Record<string, string | number>;

export const CATALOGS: Record<Lang, Record<string, string>> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW, de };

/**
 * A message ready to format. Most messages are text with plain {arguments}: those become a list of parts
 * joined on each call (what IntlMessageFormat does for them, without its per-call part objects — a /chip
 * card formats ~60 messages, and this keeps English /chip as fast as before the catalog). Messages with
 * plurals, selects or number/date styles keep the IntlMessageFormat.
 */
type Compiled = { parts: (string | { arg: string })[] } | IntlMessageFormat;

/** Parsed messages per language, then per key (a two-level map: no key string built per call). */
const cache = new Map<Lang, Map<string, Compiled>>();

type AstNode = { type: number; value?: string };

function compile(lang: Lang, key: MessageKey): Compiled {
  const own = CATALOGS[lang][key];
  // A key no catalog has (a topic id added without its label) shows as itself rather than failing.
  const source = own ?? en[key] ?? key;
  // ignoreTag: usage lines show "<name…>", which is text here, not markup.
  const f = new IntlMessageFormat(source, own === undefined ? 'en' : lang, undefined, { ignoreTag: true });
  const ast = f.getAst() as AstNode[];
  // Types 0 and 1 are literal text and a plain argument (@formatjs/icu-messageformat-parser TYPE).
  if (ast.every((n) => n.type === 0 || n.type === 1)) return { parts: ast.map((n) => (n.type === 0 ? n.value! : { arg: n.value! })) };
  return f;
}

export function t(lang: Lang, key: MessageKey, values?: MessageValues): string {
  let byKey = cache.get(lang);
  if (!byKey) cache.set(lang, (byKey = new Map()));
  let c = byKey.get(key);
  if (!c) byKey.set(key, (c = compile(lang, key)));
  if (c instanceof IntlMessageFormat) return c.format(values) as string;
  let out = '';
  for (const p of c.parts) {
    if (typeof p === 'string') out += p;
    else {
      // As IntlMessageFormat: a missing value is an error (a bug in the caller), a value is shown as String(v).
      if (!values || !(p.arg in values)) throw new Error(`message ${key} (${lang}) needs a value for {${p.arg}}`);
      out += String(values[p.arg]);
    }
  }
  return out;
}
