// Raw parsed items → NormalizedItem: the contract with the store side (src/news/types.ts). Items that
// cannot become a story (no usable http(s) link, no title and no summary) are counted with a reason
// rather than stored half-empty.
import type { RawItem } from './parse.ts';
import type { NormalizedItem } from './types.ts';
import type { Lang } from './schema.ts';
import { canonicalUrl } from './normalize-url.ts';
import { capText, htmlToText } from './normalize-text.ts';
import { guessLang } from './normalize-lang.ts';

export const TITLE_MAX = 300;
export const SUMMARY_MAX = 1000;
/** Dates further ahead than this are a feed's mistake (or a trick to stay on top): first-seen is used. */
const FUTURE_SLACK_MS = 24 * 3600_000;
/** Before the web had feeds: a broken date, not an old story. */
const EARLIEST = Date.UTC(1995, 0, 1);

export interface NormalizeContext {
  /** Where relative links resolve (the feed's final URL). */
  feedUrl: string;
  /** The source's language; 'auto' guesses per item (file ingest without --lang). */
  lang: Lang | 'auto';
  /** First-seen time, unix ms. */
  now: number;
}

export interface Normalized {
  items: NormalizedItem[];
  /** Reason → count, for items that could not become stories. */
  skipped: Record<string, number>;
}

export function normalizeItem(raw: RawItem, ctx: NormalizeContext): NormalizedItem | string {
  const guid = raw.guid?.trim() || null;
  // feedparser already resolved xml:base and the feed URL; resolving again is harmless and covers JSON.
  const url = (raw.link && canonicalUrl(raw.link, ctx.feedUrl)) || (guid && /^https?:\/\//i.test(guid) ? canonicalUrl(guid) : null);
  if (!url) return raw.link ? 'link is not an http(s) URL' : 'no link';
  const summary = capText(htmlToText(raw.summary), SUMMARY_MAX);
  let title = capText(htmlToText(raw.title), TITLE_MAX);
  if (!title) title = capText(summary, 120);
  if (!title) return 'no title or summary';
  const t = raw.date?.getTime();
  const usable = t !== undefined && !Number.isNaN(t) && t >= EARLIEST && t <= ctx.now + FUTURE_SLACK_MS;
  return {
    guid,
    url,
    title,
    summary: summary === title ? '' : summary,
    publishedAt: usable ? t : ctx.now,
    publishedEstimated: !usable,
    lang: ctx.lang === 'auto' ? guessLang(`${title} ${summary}`) : ctx.lang,
  };
}

export function normalizeItems(raw: readonly RawItem[], ctx: NormalizeContext): Normalized {
  const items: NormalizedItem[] = [];
  const skipped: Record<string, number> = {};
  for (const r of raw) {
    const n = normalizeItem(r, ctx);
    if (typeof n === 'string') skipped[n] = (skipped[n] ?? 0) + 1;
    else items.push(n);
  }
  return { items, skipped };
}
