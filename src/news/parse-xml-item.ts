// One feedparser item → a raw item. feedparser's normalised fields are a start, but it strips tags from
// titles with their text kept (so a <script> body became title text), fills a missing id with the link,
// leaves base64 content encoded, and ignores alternatives that feeds use instead of the core elements.
// So the elements are read here from the raw nodes feedparser keeps on each item ("atom:title",
// "dc:title", "media:group", …), in this order:
//   title:   title, dc:title, media:title (also inside media:group / media:content)
//   summary: summary/description, dc:description, content, media:description; itunes:summary (feedparser)
//   date:    published/pubDate/issued, dc:date, updated/modified, dcterms:issued/created/modified
//   id:      guid / Atom id, else the RDF item's rdf:about; never the link (an id the feed did not give)
// Atom text is plain unless its type says HTML/XHTML: plain text is escaped, so the "<blink>" it may
// contain survives the HTML-to-text step. Base64 (Atom 0.3 mode="base64"; an Atom 1.0 non-text,
// non-XML type) is decoded.
import type FeedParser from 'feedparser';
import { MARKUP_ATTRIBUTE } from './feedparser-ext.ts';
import { capField, type RawItem } from './parse.ts';

type El = { '@'?: Record<string, string>; '#'?: string; [key: string]: unknown };

function el(v: unknown): El | null {
  const first = Array.isArray(v) ? v[0] : v;
  if (typeof first === 'string') return { '#': first };
  return first && typeof first === 'object' ? (first as El) : null;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function isBase64(e: El, atom: boolean): boolean {
  const a = e['@'] ?? {};
  if (a.mode === 'base64') return true;
  const type = (a.type ?? '').toLowerCase();
  // RFC 4287 §4.1.3.3: a MIME type that is neither text/* nor XML means base64 content.
  return atom && type.includes('/') && !type.startsWith('text/') && !/[+/]xml$/.test(type);
}

/** The element's text as HTML (may contain markup and entities), or '' when absent. */
function htmlOf(v: unknown, atom: boolean): string {
  const e = el(v);
  const text = typeof e?.['#'] === 'string' ? e['#'] : '';
  if (!e || !text) return '';
  if (isBase64(e, atom)) {
    const compact = text.replace(/\s+/g, '');
    if (/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return Buffer.from(compact, 'base64').toString('utf8');
  }
  if (!atom || e['@']?.[MARKUP_ATTRIBUTE]) return text;
  // Atom's default and "text" (0.3: "text/plain") are plain text; html/xhtml and */*html are markup.
  const type = (e['@']?.type ?? 'text').toLowerCase();
  return /html|xml/.test(type) ? text : escapeHtml(text);
}

function firstText(item: Record<string, unknown>, keys: string[], atom: boolean): string {
  for (const k of keys) {
    const t = htmlOf(item[k], atom && (k.startsWith('atom:') || !k.includes(':')));
    if (t.trim()) return t;
  }
  return '';
}

/** media:title / media:description directly on the item or inside media:group / media:content. */
function mediaText(item: Record<string, unknown>, name: string): string {
  for (const holder of [item, el(item['media:group']), el(item['media:content'])]) {
    const t = holder && htmlOf((holder as Record<string, unknown>)[`media:${name}`], false);
    if (t && t.trim()) return t;
  }
  return '';
}

function validDate(d: unknown): Date | null {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d : null;
}

function dateOf(v: unknown): Date | null {
  const t = el(v)?.['#'];
  return typeof t === 'string' && t.trim() ? validDate(new Date(t.trim())) : null;
}

/** dcterms dates, under whatever prefix the feed bound the namespace to. */
function dctermsDate(item: Record<string, unknown>): Date | null {
  for (const name of ['issued', 'created', 'date', 'modified']) {
    for (const k of Object.keys(item)) {
      if (k.endsWith(`:${name}`) && !k.startsWith('dc:') && !k.startsWith('atom:') && !k.startsWith('rss:') && !k.startsWith('rdf:')) {
        const d = dateOf(item[k]);
        if (d) return d;
      }
    }
  }
  return null;
}

function idOf(item: Record<string, unknown>, type: string): string | null {
  const raw = el(item[`${type}:guid`]) ?? el(item[`${type}:id`]);
  let id = typeof raw?.['#'] === 'string' ? raw['#'].trim() : '';
  if (!id && type === 'rdf') {
    const about = el(item['rdf:@'])?.about;
    if (typeof about === 'string') id = about.trim();
  }
  return id ? id.slice(0, 500) : null;
}

export function toRaw(fpItem: FeedParser.Item, type: string, max: number): RawItem {
  const item = fpItem as unknown as Record<string, unknown>;
  const atom = type === 'atom';
  // origlink: FeedBurner's original URL, not its tracking redirect.
  // feedparser ignores an RSS <link> that has any attribute (<link uri="at://…">http://…</link>).
  const rssLink = type !== 'atom' ? el(item[`${type}:link`])?.['#']?.trim() : undefined;
  const link = (typeof fpItem.origlink === 'string' && fpItem.origlink) || (typeof fpItem.link === 'string' && fpItem.link) || rssLink || null;
  const title = firstText(item, [`${type}:title`, 'dc:title'], atom) || mediaText(item, 'title');
  // summary is the short form (description / atom:summary); content may be the full article.
  const summary =
    firstText(item, [`${type}:summary`, `${type}:description`, 'dc:description', `${type}:content`, 'content:encoded'], atom) ||
    mediaText(item, 'description') ||
    (typeof fpItem.description === 'string' ? fpItem.description : '');
  const date = validDate(fpItem.pubdate) ?? validDate(fpItem.date) ?? dctermsDate(item);
  return { guid: idOf(item, type), link, title: capField(title, max), summary: capField(summary, max), date };
}
