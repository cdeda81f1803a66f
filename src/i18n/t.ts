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

const cache = new Map<string, IntlMessageFormat>();

function formatter(lang: Lang, key: MessageKey): IntlMessageFormat {
  const id = `${lang}\u0000${key}`;
  let f = cache.get(id);
  if (!f) {
    const own = CATALOGS[lang][key];
    const source = own ?? en[key];
    // ignoreTag: usage lines show "<name…>", which is text here, not markup.
    f = new IntlMessageFormat(source, own === undefined ? 'en' : lang, undefined, { ignoreTag: true });
    cache.set(id, f);
  }
  return f;
}

export function t(lang: Lang, key: MessageKey, values?: MessageValues): string {
  return formatter(lang, key).format(values) as string;
}
