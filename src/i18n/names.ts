// Vendor and chip names as a reader of each language knows them: the catalog's Chinese name for Chinese
// readers (平头哥, 昇腾910C; in Traditional characters for zh-TW, from the generated zh-TW-derived.json),
// the English name otherwise. Product names are not translated for German readers.
import derived from './messages/zh-TW-derived.json' with { type: 'json' };
import type { Lang } from './locale.ts';

const TRADITIONAL: Record<string, string> = derived.names;

export interface Named {
  name: { en: string; zh: string | null };
}

/** The Chinese name in the reader's script; null for non-Chinese readers or when the catalog has none. */
export function zhName(lang: Lang, n: Named): string | null {
  const zh = n.name.zh;
  if (!zh || (lang !== 'zh-CN' && lang !== 'zh-TW')) return null;
  return lang === 'zh-TW' ? (TRADITIONAL[zh] ?? zh) : zh;
}

/** The name to show in running text and labels. */
export function nameIn(lang: Lang, n: Named): string {
  return zhName(lang, n) ?? n.name.en;
}

/** A command's description in Traditional Chinese (generated from its zh-CN text), if there is one. */
export function zhTwDescription(command: string): string | undefined {
  return (derived.commands as Record<string, string>)[command];
}
