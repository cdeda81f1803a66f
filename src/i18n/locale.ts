// The languages chipwatch answers in, and how a platform's locale tag ("zh-Hans", "de-AT", "en-US") maps to
// one of them. Which tag wins is decided once, in pickLang: the caller's own locale, then the server's
// (Discord's guild_locale), then the channel's setting, then English.

export const LANGS = ['en', 'zh-CN', 'zh-TW', 'de'] as const;
export type Lang = (typeof LANGS)[number];

/**
 * One of our languages for a BCP 47-ish tag, or null when we have none for it. Traditional script or a
 * Traditional-writing region (Taiwan, Hong Kong, Macau) → zh-TW; any other Chinese → zh-CN.
 * Discord sends "zh-CN"/"zh-TW", Slack "zh-CN"/"zh-TW", browsers "zh-Hant-HK"; underscores appear too.
 */
export function langOfTag(tag: string | null | undefined): Lang | null {
  if (!tag) return null;
  const parts = tag.trim().replace(/_/g, '-').toLowerCase().split('-');
  const primary = parts[0];
  if (primary === 'en') return 'en';
  if (primary === 'de') return 'de';
  if (primary === 'zh') {
    const rest = parts.slice(1);
    if (rest.includes('hant') || rest.some((p) => p === 'tw' || p === 'hk' || p === 'mo')) return 'zh-TW';
    return 'zh-CN';
  }
  return null;
}

/** The first of the tags (most specific first) that we speak; English when none. */
export function pickLang(...tags: (string | null | undefined)[]): Lang {
  for (const tag of tags) {
    const l = langOfTag(tag);
    if (l) return l;
  }
  return 'en';
}

export function isLang(s: unknown): s is Lang {
  return typeof s === 'string' && (LANGS as readonly string[]).includes(s);
}
