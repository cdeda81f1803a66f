// feedparser 2.6.0 with what it gets wrong for us put right where the XML is read, not per feed:
//   - roots it does not recognise although they are feeds: Atom with no namespace (<feed version="0.3">)
//     and RSS under a prefix (<r:rss xmlns:r="http://backend.userland.com/rss2">, elements r:item …);
//   - markup inside a text element (<title>what exactly <em>is</em> good</title>, an Atom title of type
//     application/xhtml+xml): feedparser makes the child an element of its own and the text is lost; here
//     it is kept as markup in the parent's text, as feedparser already does for type="xhtml" (and the
//     element is marked as markup, whatever its type says); text inside such markup is escaped, as
//     serialised XML must be (feedparser appended it decoded: "&lt;blink&gt;" became a tag);
//   - a relative Atom id (<id>relative/link</id> under xml:base) is resolved, as links are;
//   - bounded memory: text is capped WHILE it is read. A text node stops growing at the cap (feedparser
//     would append all of a 23 MB title), and so do sax's own buffers, checked after each slice written
//     (sax checks them only when it tracks positions, which parse-xml.ts turns off for speed).
// These are overrides of feedparser's handlers, which its constructor binds through `this` (subclass
// methods win); each falls back to feedparser's own behaviour when its case does not apply.
import FeedParser from 'feedparser';

/** The parsed-node shape feedparser keeps on its stack. */
interface Node {
  '#name': string;
  '#': string;
  [key: string]: unknown;
}

interface SaxNode {
  name: string;
  prefix: string;
  local: string;
  uri: string;
  attributes: Record<string, unknown>;
}

/** feedparser's handlers and state, which its typings do not declare. */
interface Internals {
  stack: Node[];
  in_xhtml: boolean;
  xhtml: { '#name'?: string; '#'?: string };
  xmlbase: Array<{ '#name': string; '#': string }>;
  meta: { '#type'?: string };
  stream?: { _parser?: Record<string, unknown> };
}

type Handlers = {
  handleOpenTag(node: SaxNode): void;
  handleCloseTag(el: string): void;
  handleText(text: string): void;
};

const ATOM_NS = 'http://www.w3.org/2005/Atom';

/** Set on an element's attributes when its content was collected as markup from child elements. */
export const MARKUP_ATTRIBUTE = 'chipwatch:markup';

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Elements whose content is text (possibly markup): a child element inside one is markup, not data. */
const TEXT_ELEMENTS = new Set(['title', 'description', 'summary', 'content', 'content:encoded', 'dc:title', 'dc:description', 'media:title', 'media:description', 'subtitle', 'tagline']);

/** sax's string buffers (sax 1.4 `buffers`), capped between slices. */
const SAX_BUFFERS = ['comment', 'sgmlDecl', 'textNode', 'tagName', 'doctype', 'procInstName', 'procInstBody', 'entity', 'attribName', 'attribValue', 'cdata', 'script'];

const base = FeedParser.prototype as unknown as Handlers;

export class BoundedFeedParser extends FeedParser {
  /** Characters kept of any one text node or buffer; the rest is skipped as it is read. */
  readonly maxText: number;
  /** The prefix of a prefixed RSS root (<r:rss>): its elements are read as plain RSS elements. */
  private rssPrefix: string | null = null;

  constructor(options: FeedParser.Options, maxText: number) {
    super(options);
    this.maxText = maxText;
  }

  private get fp(): Internals {
    return this as unknown as Internals;
  }

  handleOpenTag(node: SaxNode): void {
    const s = this.fp;
    if (s.stack.length === 0) {
      if (node.local === 'feed' && !node.uri) node = { ...node, uri: ATOM_NS };
      else if (node.local === 'rss' && node.prefix) this.rssPrefix = node.prefix;
    }
    if (this.rssPrefix && node.prefix === this.rssPrefix) node = { ...node, name: node.local, prefix: '', uri: '' };
    const parent = s.stack[0];
    if (!s.in_xhtml && parent && TEXT_ELEMENTS.has(parent['#name'])) {
      // Markup inside a text element: collect it as text until the element closes (feedparser's own
      // xhtml mode, which appends what it collected to the element's text).
      s.in_xhtml = true;
      s.xhtml = { '#name': parent['#name'], '#': '' };
      const attrs = parent['@'];
      if (attrs && typeof attrs === 'object') (attrs as Record<string, string>)[MARKUP_ATTRIBUTE] = '1';
      // In Atom the text before the first child is text, and now part of markup.
      if (s.meta['#type'] === 'atom' && typeof parent['#'] === 'string') parent['#'] = escapeXml(parent['#']);
    }
    base.handleOpenTag.call(this, node);
    this.capXhtml();
  }

  handleCloseTag(el: string): void {
    const s = this.fp;
    if (this.rssPrefix && el.startsWith(`${this.rssPrefix}:`)) el = el.slice(this.rssPrefix.length + 1);
    const n = s.stack[0];
    if (n && !s.in_xhtml && s.meta['#type'] === 'atom' && /(^|:)id$/.test(el) && s.xmlbase.length) {
      const id = (n['#'] ?? '').trim();
      // Only a path is a relative reference here; a bare token ("t3_157kx9b", Reddit's) is an opaque id.
      if (id && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(id) && /[/.#?]/.test(id)) {
        try {
          n['#'] = new URL(id, s.xmlbase[0]!['#']).href;
        } catch {
          // not resolvable: keep it as written
        }
      }
    }
    base.handleCloseTag.call(this, el);
    this.capXhtml();
  }

  handleText(text: string): void {
    const s = this.fp;
    if (s.in_xhtml) text = escapeXml(text);
    const target = s.in_xhtml ? s.xhtml['#'] : s.stack[0]?.['#'];
    if (typeof target === 'string' && target.length + text.length > this.maxText) {
      const room = this.maxText - target.length;
      if (room <= 0) return;
      text = text.slice(0, room);
    }
    base.handleText.call(this, text);
  }

  /** Cuts sax's own buffers back to the cap; called after each slice is written. */
  capSaxBuffers(): void {
    const parser = this.fp.stream?._parser;
    if (!parser) return;
    for (const b of SAX_BUFFERS) {
      const v = parser[b];
      if (typeof v === 'string' && v.length > this.maxText) parser[b] = v.slice(0, this.maxText);
    }
  }

  private capXhtml(): void {
    const x = this.fp.xhtml;
    if (typeof x['#'] === 'string' && x['#'].length > this.maxText) x['#'] = x['#'].slice(0, this.maxText);
  }
}
