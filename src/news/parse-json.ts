// JSON Feed 1.0/1.1 (https://www.jsonfeed.org/version/1.1/) mapped onto raw items. feedparser reads only
// XML, and the format is small enough that a mapper beats a dependency.
import { capField, type ParseLimits, type ParseResult, type RawItem } from './parse.ts';

type Obj = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

function date(v: unknown): Date | null {
  const s = str(v);
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

function absolute(link: string | null, base: string): string | null {
  if (!link) return null;
  try {
    return new URL(link, base).href;
  } catch {
    return link;
  }
}

/** How deep a JSON Feed nests (feed → items → item → authors → author): far below this. */
const MAX_DEPTH = 32;

/**
 * The nesting depth of JSON text, counted outside strings, stopping once past `max`. JSON.parse builds a
 * nested value's every level (a 23 KB gzip of "[" expands to millions of arrays) before we could look.
 */
function nestingDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

export function parseJsonFeed(text: string, feedUrl: string, l: ParseLimits): ParseResult {
  if (!text.startsWith('{')) return { ok: false, reason: 'JSON but not a JSON Feed (not an object)' };
  if (text.length > l.maxJsonChars) return { ok: false, reason: `JSON Feed larger than ${Math.round(l.maxJsonChars / 1048576)} MiB` };
  if (nestingDeeperThan(text, MAX_DEPTH)) return { ok: false, reason: `JSON nested deeper than ${MAX_DEPTH} levels: not a JSON Feed` };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `invalid JSON (${String((e as Error).message).split('\n')[0]!.slice(0, 80)})` };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { ok: false, reason: 'JSON but not a JSON Feed (not an object)' };
  const feed = doc as Obj;
  const version = str(feed.version);
  if (!version?.startsWith('https://jsonfeed.org/version/') && !Array.isArray(feed.items)) return { ok: false, reason: 'JSON but not a JSON Feed (no version, no items)' };
  if (!Array.isArray(feed.items)) return { ok: false, reason: 'JSON Feed without an items array' };
  const base = str(feed.feed_url) ?? str(feed.home_page_url) ?? feedUrl;
  const items: RawItem[] = [];
  const warnings: string[] = [];
  for (const it of feed.items) {
    if (items.length >= l.maxItems) {
      warnings.push(`more than ${l.maxItems} items; the rest were ignored`);
      break;
    }
    if (!it || typeof it !== 'object') continue;
    const o = it as Obj;
    items.push({
      guid: str(o.id)?.slice(0, 500) ?? (typeof o.id === 'number' ? String(o.id) : null),
      link: absolute(str(o.url) ?? str(o.external_url), base),
      title: capField(str(o.title) ?? '', l.maxFieldChars),
      summary: capField(str(o.summary) ?? str(o.content_text) ?? str(o.content_html) ?? '', l.maxFieldChars),
      date: date(o.date_published) ?? date(o.date_modified),
    });
  }
  return { ok: true, feed: { format: 'json', title: capField(str(feed.title) ?? '', 300), link: str(feed.home_page_url), items, count: items.length, warnings } };
}
