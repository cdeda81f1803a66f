// The pure half of ingesting one feed body, wherever it came from (a poll, a file): gunzip if the bytes
// are gzip, decode (decode.ts), parse (parse.ts), normalise (normalize.ts). No database: feed-ingest.ts
// hands the result to the store side.
import { decodeFeedBytes } from './decode.ts';
import { gunzipCapped, isGzip } from './fetch-decompress.ts';
import { DEFAULT_FETCH_LIMITS } from './fetch.ts';
import { parseFeed, type ParseLimits, type ParsedFeed } from './parse.ts';
import { normalizeItems } from './normalize.ts';
import type { Lang } from './schema.ts';
import type { NormalizedItem } from './types.ts';

export interface ReadOptions {
  /** The feed's URL (final, after redirects): relative links resolve against it. */
  feedUrl: string;
  contentType?: string | null;
  /** The source's language, or 'auto' to guess per item. */
  lang: Lang | 'auto';
  /** First-seen time, unix ms. */
  now: number;
  parseLimits?: Partial<ParseLimits>;
  maxDecodedBytes?: number;
}

export type ReadResult =
  | { ok: true; format: ParsedFeed['format']; encoding: string; items: NormalizedItem[]; parsed: number; skipped: Record<string, number>; warnings: string[] }
  | { ok: false; reason: string; encoding?: string };

export async function readFeed(bytes: Buffer, o: ReadOptions): Promise<ReadResult> {
  let body = bytes;
  if (isGzip(body)) {
    const max = o.maxDecodedBytes ?? DEFAULT_FETCH_LIMITS.maxDecodedBytes;
    try {
      body = gunzipCapped(body, max);
    } catch (e) {
      return { ok: false, reason: e instanceof RangeError ? `decompressed body larger than ${Math.round(max / 1048576)} MiB` : 'corrupt gzip body' };
    }
  }
  const decoded = decodeFeedBytes(body, { contentType: o.contentType ?? null, ...(o.lang !== 'auto' ? { lang: o.lang } : {}) });
  const parsed = await parseFeed(decoded.text, o.feedUrl, o.parseLimits);
  if (!parsed.ok) return { ok: false, reason: parsed.reason, encoding: decoded.encoding };
  // Relative links resolve against the feed's URL; a file has none, so its home page link stands in.
  const home = parsed.feed.link && /^https?:\/\//i.test(parsed.feed.link) ? parsed.feed.link : null;
  const base = /^https?:/i.test(o.feedUrl) || !home ? o.feedUrl : home;
  const { items, skipped } = normalizeItems(parsed.feed.items, { feedUrl: base, lang: o.lang, now: o.now });
  const warnings = [...(decoded.note ? [decoded.note] : []), ...parsed.feed.warnings];
  return { ok: true, format: parsed.feed.format, encoding: decoded.encoding, items, parsed: parsed.feed.items.length, skipped, warnings };
}

/** "3 no link, 1 no title or summary" */
export function describeSkipped(skipped: Record<string, number>): string {
  return Object.entries(skipped)
    .map(([why, n]) => `${n} ${why}`)
    .join(', ');
}
