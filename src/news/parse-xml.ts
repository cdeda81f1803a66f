// feedparser 2.6.0 wrapped as an async function over decoded text. feedparser is a stream built on sax;
// sax never expands DTD entities (internal or external), so a billion-laughs file yields its literal
// "&lol9;" text, and nothing is fetched. The text is written in slices so a huge feed yields to the event
// loop, and the item cap and the deadline are checked between slices; a sink gets each slice's items.
import type FeedParser from 'feedparser';
import { BoundedFeedParser } from './feedparser-ext.ts';
import { toRaw } from './parse-xml-item.ts';
import { capField, type ItemSink, type ParseLimits, type ParseResult, type RawItem } from './parse.ts';

const SLICE = 64 * 1024;

/**
 * feedparser's sax stream is built with position tracking on (line/column counted for every character,
 * a third of the parse on a large feed), and feedparser keeps every parsed item node on its channel
 * node until the document ends (only for its meta, which skips items). We read neither: sax errors are
 * reported by their first line, which carries no position, and items arrive through 'data'. Both are
 * reached through the instance (feedparser offers no option), guarded so a changed internal is ignored.
 */
type Internals = { stream?: { _parser?: { trackPosition?: unknown } }; stack?: unknown };

function skipPositionTracking(fp: FeedParser): void {
  const parser = (fp as unknown as Internals).stream?._parser;
  if (parser && typeof parser.trackPosition === 'boolean') parser.trackPosition = false;
}

/** The keys feedparser's handleMeta ignores: the items it stacks on the channel/feed node. */
const ITEM_KEY = /^(item|entry)$|:(item|entry)$/;

function releaseEmittedItems(fp: FeedParser): void {
  const stack = (fp as unknown as Internals).stack;
  if (!Array.isArray(stack)) return;
  for (const node of stack) {
    if (!node || typeof node !== 'object') continue;
    for (const key of Object.keys(node)) if (ITEM_KEY.test(key)) delete (node as Record<string, unknown>)[key];
  }
}

/**
 * An internal DTD subset whose entities refer to other entities is the shape of an expansion bomb
 * ("billion laughs"). sax would not expand it anyway, but such a document is hostile, not a feed: say so.
 */
function entityBomb(text: string): boolean {
  const head = text.slice(0, 65_536);
  const start = head.search(/<!DOCTYPE[^>[]*\[/i);
  if (start < 0) return false;
  const subset = head.slice(start, head.indexOf(']', start) + 1 || undefined);
  return /<!ENTITY\s+[^%\s]\S*\s+(["'])[^"']*&[A-Za-z_][\w.-]*;/i.test(subset);
}

export async function parseXmlFeed(text: string, l: ParseLimits, sink?: ItemSink): Promise<ParseResult> {
  if (entityBomb(text)) return { ok: false, reason: 'refused: nested DTD entity declarations (an entity-expansion bomb)' };
  const started = Date.now();
  // No `feedurl`: with it feedparser also rewrites every relative URL inside item HTML, which costs a third
  // of the parse and is thrown away (we keep plain text). Links it leaves relative are resolved against the
  // feed URL when normalising; xml:base in the document is still applied here.
  // Text is capped while it is read (a little over the field cap, which capField then applies exactly).
  const fp = new BoundedFeedParser({ normalize: true, addmeta: false, resume_saxerror: true }, l.maxFieldChars + 1);
  skipPositionTracking(fp);
  const items: RawItem[] = [];
  const warnings: string[] = [];
  let count = 0;
  let over = 0;
  let fatal: Error | null = null;
  let ended = false;

  fp.on('data', (item: FeedParser.Item) => {
    if (count < l.maxItems) {
      items.push(toRaw(item, fp.meta?.['#type'] ?? 'rss', l.maxFieldChars));
      count++;
    } else over++;
  });
  const feedLink = () => {
    const link = (fp.meta as Partial<FeedParser.Meta> | undefined)?.link;
    return typeof link === 'string' && link ? link : null;
  };
  const flush = () => {
    if (sink && items.length) sink(items.splice(0), feedLink());
  };
  const done = new Promise<void>((resolve) => {
    fp.on('end', () => {
      ended = true;
      resolve();
    });
    fp.on('error', (e: Error) => {
      fatal ??= e;
      resolve();
    });
  });

  let stoppedEarly = false;
  // One native UTF-8 encode up front: feedparser's stream would otherwise convert every string slice
  // to a Buffer itself (sax decodes it back with a StringDecoder, which also handles split characters).
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length && !fatal; i += SLICE) {
    fp.write(bytes.subarray(i, i + SLICE));
    fp.capSaxBuffers();
    releaseEmittedItems(fp);
    flush();
    if (over > 0) {
      stoppedEarly = true;
      warnings.push(`more than ${l.maxItems} items; the rest were ignored`);
      break;
    }
    if (Date.now() - started > l.deadlineMs) {
      stoppedEarly = true;
      warnings.push(`parsing stopped after ${l.deadlineMs / 1000} s`);
      break;
    }
    if (i + SLICE < bytes.length) await new Promise<void>((r) => setImmediate(r));
  }
  if (!fatal && !stoppedEarly) fp.end();
  if (!stoppedEarly) {
    // Safety net: feedparser always ends or errors after end(), but a hang must be impossible.
    await Promise.race([done, new Promise<void>((r) => setTimeout(r, 1_000).unref())]);
  }
  flush();
  const meta = fp.meta as Partial<FeedParser.Meta> | undefined;
  const type = meta?.['#type'];
  const saxErrors = ((fp as unknown as { errors?: Error[] }).errors ?? []).filter((e) => e !== fatal);
  if (saxErrors.length) warnings.push(`ill-formed XML, recovered (${saxErrors.length} error${saxErrors.length > 1 ? 's' : ''}; first: ${firstLine(saxErrors[0]!)})`);

  if (!type) return { ok: false, reason: fatal && !/^not a feed$/i.test(firstLine(fatal)) ? `not a feed (${firstLine(fatal)})` : 'not a feed (no RSS, Atom or RDF root)' };
  if (fatal && !count) return { ok: false, reason: `unreadable feed: ${firstLine(fatal)}` };
  if (fatal) warnings.push(`stopped early: ${firstLine(fatal)}`);
  if (!ended && !fatal && !stoppedEarly) warnings.push('parser did not finish');
  return { ok: true, feed: { format: type, title: capField(meta?.title, 300), link: feedLink(), items, count, warnings } };
}

function firstLine(e: Error): string {
  return String(e.message ?? e).split('\n')[0]!.slice(0, 100);
}
