// Extraction accuracy against the expected outputs other feed parsers ship with their tests (gofeed,
// rss-parser, feed-rs: ../shared/corpus/expected/PAIRS.tsv, or a subset in tests/fixtures/extraction/).
// Each feed goes through the real ingest path, in this thread (decode → parse → normalise: readFeed, as
// `chipwatch ingest --file` and the reader do); each expected item is brought into chipwatch's documented
// form first, and then the two are compared field by field.
//
// Normalisations applied to the EXPECTED side (what chipwatch documents it does to every item):
//   - items: an item without an http(s) link (its link, else an http(s) id) or without a title and a
//     summary is not a story (chipwatch skips it), so it is not compared; the rest align in feed order;
//   - title and summary: plain text (tags, script/style bodies and comments dropped, entities decoded,
//     control and zero-width characters removed, whitespace folded), capped at 300 / 1,000 characters;
//     a summary equal to the title is empty; a title missing falls back to the summary's first 120;
//   - summary/content: ours passes if it matches the expected summary, description or content (projects
//     differ in which one they call what), whitespace ignored (block boundaries become spaces here);
//   - rss-parser only: its expected text of raw (unescaped) HTML lists an element's own text before its
//     children's (xml2js), so its summaries are compared as the same characters in any order;
//   - link: canonical URL, a relative one resolved as feedparser does (the item's xml:base, else the
//     feed's home page link, else the feed URL), fragment and tracking parameters removed; FeedBurner
//     tracking links are replaced by the feed's feedburner:origLink elements (chipwatch stores those);
//   - date: published, else updated; before 1995 or more than a day after "now" means none (first-seen is
//     stored); compared to the second;
//   - id: trimmed, capped at 500; an RDF item's rdf:about is its id (rss-parser lists it apart); where
//     feed-rs generated an id (a hex hash not in the feed) its test says nothing about ids: not compared.
import { readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { readFeed } from './feed-read.ts';
import { canonicalUrl } from './normalize-url.ts';
import { capText, htmlToText } from './normalize-text.ts';
import { SUMMARY_MAX, TITLE_MAX } from './normalize.ts';
import type { NormalizedItem } from './types.ts';

export const FIELDS = ['title', 'link', 'summary', 'date', 'id'] as const;
export type Field = (typeof FIELDS)[number];

export interface Pair {
  /** The feed file, relative to the corpus root ("feeds/gofeed/…"). */
  feed: string;
  /** The expected-output file, relative to the corpus root ("expected/gofeed/…"). */
  expected: string;
}

/** One expected item in chipwatch's form; undefined = the project's test does not say. */
interface ExpectedItem {
  title?: string;
  link?: string | null;
  /** Candidate texts (summary, description, content); empty when none has text. */
  summaries: string[];
  /** Unix ms, null = no usable date (first-seen expected). */
  date?: number | null;
  id?: string | null;
}

export interface Difference {
  feed: string;
  item: number;
  field: Field | 'items';
  expected: string;
  got: string;
}

export interface ExtractionReport {
  pairs: number;
  /** Pairs whose feed chipwatch rejected (with the reason). */
  rejected: Array<{ feed: string; reason: string }>;
  /** Expected items that are not stories by chipwatch's rules (not compared). */
  notStories: number;
  /** Of those, how many had no http(s) link (most of gofeed's single-feature item tests). */
  noLink: number;
  itemsCompared: number;
  fields: Record<Field, { compared: number; passed: number }>;
  differences: Difference[];
}

const NOW = Date.UTC(2026, 11, 1);
/** Feeds are read as if fetched from here, so relative links resolve the same on both sides. */
export const EVAL_BASE = 'http://corpus.invalid/';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
const plainTitle = (s: string | undefined) => (s === undefined ? undefined : capText(htmlToText(s), TITLE_MAX));
const plainSummary = (s: string | undefined) => (s === undefined ? '' : capText(htmlToText(s), SUMMARY_MAX));
/** feed-rs says whether a text is plain or HTML; plain text keeps "<" as written. */
function feedRsText(t: unknown, max: number): string | undefined {
  if (!isObj(t)) return undefined;
  const body = str(t.content) ?? str(t.body);
  if (body === undefined) return undefined;
  return /html/.test(str(t.content_type) ?? '') ? capText(htmlToText(body), max) : capText(fold(body), max);
}

function dateOf(...vs: unknown[]): number | null {
  for (const v of vs) {
    const s = str(v);
    if (!s) continue;
    const t = new Date(s).getTime();
    if (Number.isNaN(t)) continue;
    return t >= Date.UTC(1995, 0, 1) && t <= NOW + 24 * 3600_000 ? Math.floor(t / 1000) * 1000 : null;
  }
  return null;
}

function firstLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  const ls = links.filter(isObj);
  const pick = ls.find((l) => l.rel === 'alternate') ?? ls.find((l) => !l.rel) ?? ls.find((l) => l.rel === 'self');
  return str(pick?.href);
}

/** The expected items of one file, in each project's own format, before chipwatch's normalisation. */
type RawExpected = ExpectedItem & { rawLink?: string; base?: string };

/** The feed's home page link as the project read it: relative item links resolve against it. */
function homeLink(project: string, doc: unknown): string | undefined {
  if (!isObj(doc)) return undefined;
  if (project === 'rss-parser') return isObj(doc.feed) ? str(doc.feed.link) : undefined;
  const home = str(doc.link) ?? firstLink(doc.links) ?? str(doc.home_page_url);
  // A relative home link ("/blog/") resolves against the feed's self link, as feedparser resolves it.
  const self = Array.isArray(doc.links) ? str(doc.links.filter(isObj).find((l) => l.rel === 'self')?.href) : undefined;
  if (home && self && !/^https?:/i.test(home)) {
    try {
      return new URL(home, self).href;
    } catch {
      return home;
    }
  }
  return home;
}

/**
 * Differences whose cause is known to be on the expected side, with the reason (printed beside them).
 * Keyed by feed path and field.
 */
const KNOWN: Array<{ feed: string; field: Field; reason: string }> = [
  {
    feed: 'feeds/rss-parser/test/input/reddit-atom.rss',
    field: 'summary',
    reason: "rss-parser's expected text lost the text inside the description's raw HTML elements (xml2js mixed content: \"submitted byto\"); chipwatch keeps the whole text",
  },
];

export function knownReason(d: Difference): string | undefined {
  return KNOWN.find((k) => k.feed === d.feed && k.field === d.field)?.reason;
}

function expectedItems(project: string, doc: unknown, feedText: string): RawExpected[] {
  if (project === 'rss-parser') {
    const items = isObj(doc) && isObj(doc.feed) && Array.isArray(doc.feed.items) ? doc.feed.items : [];
    return items.filter(isObj).map((it) => ({
      title: plainTitle(str(it.title)),
      rawLink: str(it.link),
      summaries: [str(it.contentSnippet), str(it.summary), str(it.content), str(it['content:encoded'])].map(plainSummary),
      date: dateOf(it.isoDate, it.pubDate),
      id: str(it.guid) ?? str(it.id) ?? str(it['rdf:about']) ?? null,
    }));
  }
  if (project === 'feed-rs') {
    const items = isObj(doc) && Array.isArray(doc.entries) ? doc.entries : [];
    return items.filter(isObj).map((it) => {
      const id = str(it.id);
      const generated = !!id && /^[0-9a-f]{16,32}$/.test(id) && !feedText.includes(id);
      return {
        title: feedRsText(it.title, TITLE_MAX),
        rawLink: firstLink(it.links),
        summaries: [feedRsText(it.summary, SUMMARY_MAX) ?? '', feedRsText(it.content, SUMMARY_MAX) ?? ''],
        date: dateOf(it.published, it.updated),
        id: generated ? undefined : (id ?? null),
        base: str(it.base),
      };
    });
  }
  // gofeed: its parser-level outputs (RSS items, Atom entries, JSON Feed items) and translator outputs.
  const items = isObj(doc) ? (Array.isArray(doc.items) ? doc.items : Array.isArray(doc.entries) ? doc.entries : []) : [];
  return items.filter(isObj).map((it) => {
    const guid = isObj(it.guid) ? str(it.guid.value) : str(it.guid);
    const content = isObj(it.content) ? str(it.content.value) : str(it.content);
    const summary = isObj(it.summary) ? str(it.summary.value) : str(it.summary);
    return {
      title: plainTitle(isObj(it.title) ? str(it.title.value) : str(it.title)),
      rawLink: str(it.link) ?? firstLink(it.links) ?? str(it.url) ?? str(it.external_url),
      summaries: [summary, str(it.description), content, str(it.content_text), str(it.content_html)].map(plainSummary),
      date: dateOf(it.publishedParsed, it.published, it.pubDateParsed, it.pubDate, it.date_published, it.updatedParsed, it.updated, it.date_modified),
      id: guid ?? str(it.id) ?? null,
    };
  });
}

/** FeedBurner's tracking links, replaced in order by the feed's own origLink elements. */
function origLinks(feedText: string): string[] {
  return [...feedText.matchAll(/<feedburner:origLink>\s*([^<\s]+)\s*<\/feedburner:origLink>/gi)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

/** Brings expected items into chipwatch's form and drops those that would not be stories. */
function asStories(items: RawExpected[], feedText: string, home: string | undefined): { stories: ExpectedItem[]; notStories: number; noLink: number } {
  const orig = origLinks(feedText);
  const feedBase = home && /^https?:\/\//i.test(home) ? home : EVAL_BASE;
  const stories: ExpectedItem[] = [];
  let notStories = 0;
  let noLink = 0;
  items.forEach((it, i) => {
    let raw = it.rawLink;
    if (raw && orig.length === items.length) raw = orig[i];
    const id = it.id === undefined ? undefined : it.id?.trim() ? it.id.trim().slice(0, 500) : null;
    const base = it.base && /^https?:\/\//i.test(it.base) ? it.base : feedBase;
    const link = (raw && canonicalUrl(raw, base)) || (id && /^https?:\/\//i.test(id) ? canonicalUrl(id) : null);
    const summaries = it.summaries.filter(Boolean);
    const title = it.title || capText(summaries[0] ?? '', 120);
    if (!link || !title) {
      notStories++;
      if (!link) noLink++;
      return;
    }
    stories.push({ title, link, summaries: summaries.map((s) => (s === title ? '' : s)), date: it.date, id });
  });
  return { stories, notStories, noLink };
}

const squash = (s: string) => s.replace(/\s+/g, '').replace(/…$/, '');

/** Whitespace-blind; when either side was capped, the shorter must begin the longer. */
function sameText(got: string, want: string, anyOrder = false): boolean {
  const g = squash(got);
  const w = squash(want);
  if (g === w) return true;
  if (anyOrder && g.length === w.length && [...g].sort().join('') === [...w].sort().join('')) return true;
  const capped = got.endsWith('…') || want.endsWith('…');
  return capped && g.length > 50 && w.length > 50 && (w.startsWith(g) || g.startsWith(w));
}

function compareItem(feed: string, i: number, want: ExpectedItem, got: NormalizedItem, r: ExtractionReport, anyOrder: boolean): void {
  const check = (field: Field, pass: boolean, expected: string, actual: string) => {
    r.fields[field].compared++;
    if (pass) r.fields[field].passed++;
    else r.differences.push({ feed, item: i, field, expected, got: actual });
  };
  if (want.title !== undefined) check('title', sameText(got.title, want.title), want.title, got.title);
  check('link', got.url === want.link, want.link ?? '', got.url);
  // "Real expected text": only items whose expected side has some summary, description or content.
  const texts = want.summaries.filter(Boolean);
  if (texts.length) check('summary', texts.some((t) => sameText(got.summary, t, anyOrder)), texts[0]!, got.summary);
  if (want.date !== undefined) {
    const gotDate = got.publishedEstimated ? null : Math.floor(got.publishedAt / 1000) * 1000;
    const show = (t: number | null) => (t === null ? '(none: first-seen)' : new Date(t).toISOString());
    check('date', gotDate === want.date, show(want.date), show(gotDate));
  }
  if (want.id !== undefined) check('id', (got.guid ?? null) === want.id, want.id ?? '(none)', got.guid ?? '(none)');
}

export function readPairs(corpusRoot: string, pairsFile = path.join(corpusRoot, 'expected', 'PAIRS.tsv')): Pair[] {
  return readFileSync(pairsFile, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => {
      const [feed, expected] = l.split('\t');
      return { feed: feed!, expected: expected! };
    });
}

/** The project a pair's expectation comes from: the folder after "expected/". */
function projectOf(p: Pair): string {
  return p.expected.split('/')[1] ?? '';
}

export async function evaluateExtraction(corpusRoot: string, pairs: Pair[]): Promise<ExtractionReport> {
  const r: ExtractionReport = {
    pairs: pairs.length,
    rejected: [],
    notStories: 0,
    noLink: 0,
    itemsCompared: 0,
    fields: Object.fromEntries(FIELDS.map((f) => [f, { compared: 0, passed: 0 }])) as ExtractionReport['fields'],
    differences: [],
  };
  for (const p of pairs) {
    const bytes = readFileSync(path.join(corpusRoot, p.feed));
    const feedText = bytes.toString('latin1');
    // rss-parser saved its ISO-8859-1 test's expectation in that charset.
    const expectedBytes = readFileSync(path.join(corpusRoot, p.expected));
    const doc: unknown = JSON.parse(expectedBytes.toString(isUtf8(expectedBytes) ? 'utf8' : 'latin1'));
    const project = projectOf(p);
    const { stories, notStories, noLink } = asStories(expectedItems(project, doc, feedText), feedText, homeLink(project, doc));
    r.notStories += notStories;
    r.noLink += noLink;
    if (!stories.length) continue; // a feed-level test: nothing item-level to compare
    const got = await readFeed(bytes, { feedUrl: EVAL_BASE + p.feed, lang: 'auto', now: NOW });
    if (!got.ok) {
      r.rejected.push({ feed: p.feed, reason: got.reason });
      for (const f of FIELDS) r.fields[f].compared += stories.length;
      continue;
    }
    if (got.items.length !== stories.length) {
      r.differences.push({ feed: p.feed, item: -1, field: 'items', expected: `${stories.length} stories`, got: `${got.items.length} stories` });
    }
    stories.forEach((want, i) => {
      const item = got.items[i];
      r.itemsCompared++;
      if (item) compareItem(p.feed, i, want, item, r, project === 'rss-parser');
      else for (const f of FIELDS) r.fields[f].compared++;
    });
  }
  return r;
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '—');

export function formatExtractionReport(r: ExtractionReport, showDifferences: boolean): string {
  const lines = [
    `Extraction against the parsers' expected outputs: ${r.pairs} pairs, ${r.itemsCompared} items compared (${r.notStories} expected items are not stories by chipwatch's rules, ${r.noLink} of them for want of an http(s) link).`,
    ...FIELDS.map((f) => `  ${f.padEnd(8)} ${pct(r.fields[f].passed, r.fields[f].compared).padStart(6)}  (${r.fields[f].passed} of ${r.fields[f].compared})`),
  ];
  if (r.rejected.length) lines.push(`  rejected feeds: ${r.rejected.length}`, ...r.rejected.map((x) => `    ${x.feed}: ${x.reason}`));
  if (showDifferences && r.differences.length) {
    lines.push('', 'Differences:');
    for (const d of r.differences) {
      const why = d.field === 'items' ? undefined : knownReason(d);
      lines.push(`  ${d.feed}${d.item >= 0 ? ` #${d.item}` : ''} ${d.field}`, `    expected: ${JSON.stringify(d.expected.slice(0, 200))}`, `    got:      ${JSON.stringify(d.got.slice(0, 200))}`);
      if (why) lines.push(`    reason:   ${why}`);
    }
  }
  return lines.join('\n');
}
