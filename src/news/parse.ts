// Parses decoded feed text into raw items: JSON Feed through our small mapper, everything else (RSS
// 0.9x/1.0/2.0, Atom 0.3/1.0, RDF) through feedparser. An ill-formed feed yields what could be read plus
// warnings; a feed that yields nothing is a clear `{ ok: false, reason }`. Never throws.
import { parseXmlFeed } from './parse-xml.ts';
import { parseJsonFeed } from './parse-json.ts';

export interface RawItem {
  guid: string | null;
  /** As the feed gave it, with xml:base applied; may still be relative (normalising resolves it). */
  link: string | null;
  /** May contain HTML and entities; normalising makes it plain text. */
  title: string;
  summary: string;
  date: Date | null;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string;
  /** The site's home page as the feed gives it (a base for relative links when the feed URL is not http). */
  link: string | null;
  /** The items read, unless a sink took them as they came (then empty). */
  items: RawItem[];
  /** How many items were read (returned or handed to the sink). */
  count: number;
  /** Recovered problems (ill-formed XML, items over the cap), for the source's record. */
  warnings: string[];
}

export type ParseResult = { ok: true; feed: ParsedFeed } | { ok: false; reason: string };

/**
 * Takes items as they are read, so normalising and storing can start before a large feed is parsed to
 * the end. `feedLink` is the feed's home page link as far as it has been read (it precedes the items).
 */
export type ItemSink = (items: RawItem[], feedLink: string | null) => void;

export interface ParseLimits {
  /** Items beyond this are ignored (a warning says so). */
  maxItems: number;
  /** Parsing stops here; what was read so far is kept. */
  deadlineMs: number;
  /** Per-field cap applied while reading (XML: as text streams in), before normalising caps further. */
  maxFieldChars: number;
  /** A JSON Feed longer than this is refused before JSON.parse, which holds all of it at once. */
  maxJsonChars: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxItems: 5_000, deadlineMs: 15_000, maxFieldChars: 20_000, maxJsonChars: 8 * 1024 * 1024 };

/** Does this look like an HTML page rather than a feed (for a clearer rejection reason)? */
function looksLikeHtml(head: string): boolean {
  return /^(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(head);
}

/** With a `sink`, items go to it (XML: after each slice read) and the result's `items` is empty. */
export async function parseFeed(text: string, feedUrl: string, limits: Partial<ParseLimits> = {}, sink?: ItemSink): Promise<ParseResult> {
  const l = { ...DEFAULT_PARSE_LIMITS, ...limits };
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (!body) return { ok: false, reason: 'empty body' };
  try {
    // A JSON Feed is an object. Anything else that starts like JSON is refused unparsed: JSON.parse of a
    // 23 KB gzip of nested "[" took 1.4 GB.
    if (body.startsWith('[')) return { ok: false, reason: 'JSON but not a JSON Feed (not an object)' };
    if (body.startsWith('{')) {
      const r = parseJsonFeed(body, feedUrl, l);
      if (r.ok && sink && r.feed.items.length) sink(r.feed.items.splice(0), r.feed.link);
      return r;
    }
    const r = await parseXmlFeed(body, l, sink);
    if (!r.ok && looksLikeHtml(body.slice(0, 2048))) return { ok: false, reason: 'not a feed (an HTML page)' };
    return r;
  } catch (e) {
    // A parser bug must cost one feed, never the poller.
    return { ok: false, reason: `parser failed: ${String((e as Error)?.message ?? e).slice(0, 120)}` };
  }
}

/** Cuts a field read from a feed to the reading cap. */
export function capField(s: unknown, max: number): string {
  if (typeof s !== 'string') return '';
  return s.length > max ? s.slice(0, max) : s;
}
