// The pure half of ingesting one feed body, wherever it came from (a poll, a file): gunzip if the bytes
// are gzip, decode (decode.ts), parse (parse.ts), normalise (normalize.ts). No database: feed-ingest.ts
// hands the result to the store side. It runs in a worker thread in the bot (feed-reader.ts), and the
// items can be taken in batches as they are read, so storing overlaps parsing.
import { decodeFeedBytes } from './decode.ts';
import { gunzipCapped, isGzip } from './fetch-decompress.ts';
import { DEFAULT_FETCH_LIMITS } from './fetch-limits.ts';
import { parseFeed, type ItemSink, type ParseLimits, type ParsedFeed } from './parse.ts';
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
  | {
      ok: true;
      format: ParsedFeed['format'];
      encoding: string;
      /** The normalised items, unless `onItems` took them (then empty). */
      items: NormalizedItem[];
      parsed: number;
      skipped: Record<string, number>;
      warnings: string[];
    }
  | { ok: false; reason: string; encoding?: string };

/** Takes normalised items in batches while the feed is still being read. */
export type ItemBatchSink = (items: NormalizedItem[]) => void;

/** Items handed on together: one store transaction each, large enough that its fixed cost is small. */
export const BATCH_ITEMS = 250;

/**
 * Reads one feed body. With `onItems`, the items go there in batches of about BATCH_ITEMS as they are
 * read (the last batch before this resolves), and the result's `items` is empty.
 */
export async function readFeed(bytes: Buffer, o: ReadOptions, onItems?: ItemBatchSink): Promise<ReadResult> {
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
  const items: NormalizedItem[] = [];
  const skipped: Record<string, number> = {};
  const normalize: ItemSink = (raw, feedLink) => {
    // Relative links resolve against the feed's URL; a file has none, so its home page link stands in.
    const home = feedLink && /^https?:\/\//i.test(feedLink) ? feedLink : null;
    const base = /^https?:/i.test(o.feedUrl) || !home ? o.feedUrl : home;
    const n = normalizeItems(raw, { feedUrl: base, lang: o.lang, now: o.now });
    for (const [why, count] of Object.entries(n.skipped)) skipped[why] = (skipped[why] ?? 0) + count;
    for (const it of n.items) items.push(it);
    if (onItems && items.length >= BATCH_ITEMS) onItems(items.splice(0));
  };
  const parsed = await parseFeed(decoded.text, o.feedUrl, o.parseLimits, normalize);
  if (!parsed.ok) return { ok: false, reason: parsed.reason, encoding: decoded.encoding };
  if (onItems && items.length) onItems(items.splice(0));
  const warnings = [...(decoded.note ? [decoded.note] : []), ...parsed.feed.warnings];
  return { ok: true, format: parsed.feed.format, encoding: decoded.encoding, items, parsed: parsed.feed.count, skipped, warnings };
}

/** "3 no link, 1 no title or summary" */
export function describeSkipped(skipped: Record<string, number>): string {
  return Object.entries(skipped)
    .map(([why, n]) => `${n} ${why}`)
    .join(', ');
}
