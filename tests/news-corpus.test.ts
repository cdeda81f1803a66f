// ACCEPTANCE: every file of the shared feed corpus (../shared/corpus/feeds, 2,800+ files from 13 parser
// projects' test suites) goes through the ingest pipeline without throwing or hanging; each is parsed or
// rejected with a recorded reason, and the counts are printed. Then oracles from the corpus: real Chinese
// from a GB2312 feed, Big5, a false UTF-16 prolog, relative links, feedparser's own link expectations,
// and the stored path for a sample through the real ingestItems.
// The corpus is not part of the repository (only this project's CI and its developers have ../shared):
// elsewhere the sweep is reported as skipped, with the reason. With CHIPWATCH_REQUIRE_CORPUS=1 (for this
// project's CI) a missing corpus fails instead. Not CI=true: every CI service sets
// that, and a self-hoster's CI on a fresh clone has no ../shared (issue 10: the test command must pass there).
// CHIPWATCH_CORPUS_DIR points the sweep at another copy (or at none, to try the skip).
import { describe, expect, it, onTestFinished } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.ts';
import { readFeed, type ReadResult } from '../src/news/feed-read.ts';
import { decodeFeedBytes } from '../src/news/decode.ts';
import { ingestFeed } from '../src/news/feed-ingest.ts';
import { createFeedReader } from '../src/news/feed-reader.ts';
import { parseFeed } from '../src/news/parse.ts';
import { canonicalUrl } from '../src/news/normalize-url.ts';
import { testApp } from './helpers/app.ts';

const CORPUS = path.resolve(PROJECT_ROOT, process.env.CHIPWATCH_CORPUS_DIR || '../shared/corpus');
const FEEDS = path.join(CORPUS, 'feeds');
const NOW = Date.UTC(2026, 10, 28);

function walk(dir: string, out: string[] = []): string[] {
  for (const f of readdirSync(dir).sort()) {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** feedparser's tests pretend an HTTP header in a comment: "Header: Content-type: …". */
function pretendContentType(bytes: Buffer): string | null {
  const m = /^\s*Header:\s*Content-type:\s*(.+)$/im.exec(bytes.subarray(0, 1024).toString('latin1'));
  return m ? m[1]!.trim() : null;
}

const feedUrlOf = (file: string) => `https://corpus.example/${path.relative(FEEDS, file).split(path.sep).map(encodeURIComponent).join('/')}`;

async function read(file: string): Promise<ReadResult> {
  const bytes = readFileSync(file);
  return readFeed(bytes, { feedUrl: feedUrlOf(file), contentType: pretendContentType(bytes), lang: 'en', now: NOW });
}

// The project's CI always has shared/ beside the clone, so there a missing corpus fails instead of skipping.
const SWEEP = existsSync(FEEDS) || process.env.CHIPWATCH_REQUIRE_CORPUS === '1';

if (!SWEEP)
  describe('the shared feed corpus, absent', () => {
    it('is skipped, and says why', (ctx) => {
      ctx.skip(`${CORPUS} not present: peer-corpus sweep skipped (it runs in this project's CI and wherever ../shared/corpus exists)`);
    });
  });

describe.runIf(SWEEP)('the shared feed corpus', () => {
  it('ingests every file: parsed or rejected with a reason, never a throw or a hang', { timeout: 180_000 }, async () => {
    const files = walk(FEEDS);
    expect(files.length).toBeGreaterThan(2800);
    let parsed = 0;
    let withStories = 0;
    let stories = 0;
    const rejected = new Map<string, number>();
    const slowest: [string, number] = ['', 0];
    for (const f of files) {
      const t = Date.now();
      const r = await read(f).catch((e: unknown) => {
        throw new Error(`${f} threw: ${String(e)}`);
      });
      const ms = Date.now() - t;
      if (ms > slowest[1]) [slowest[0], slowest[1]] = [path.relative(FEEDS, f), ms];
      if (r.ok) {
        parsed++;
        if (r.items.length) withStories++;
        stories += r.items.length;
      } else {
        expect(r.reason, f).toMatch(/\S/);
        const k = r.reason.replace(/\s*\(.*$/, '');
        rejected.set(k, (rejected.get(k) ?? 0) + 1);
      }
    }
    const nRejected = [...rejected.values()].reduce((a, b) => a + b, 0);
    console.log(
      `corpus: ${files.length} files → ${parsed} parsed (${withStories} with stories, ${stories} stories), ${nRejected} rejected: ` +
        [...rejected].map(([k, n]) => `${k} ×${n}`).join(', ') +
        `; slowest ${slowest[0]} ${slowest[1]} ms`,
    );
    expect(parsed + nRejected).toBe(files.length);
    // The measured floor for feedparser on this corpus (notes §2): ≥216 files with title+link items.
    expect(withStories).toBeGreaterThanOrEqual(216);
    expect(slowest[1]).toBeLessThan(10_000);
  });

  it('reads the GB2312 forum feed kc0011.rss as real Chinese', async () => {
    const r = await read(path.join(FEEDS, 'RSParser/Tests/RSParserTests/Resources/kc0011.rss'));
    if (!r.ok) throw new Error(r.reason);
    expect(r.encoding).toBe('gb18030');
    expect(r.items).toHaveLength(20);
    expect(r.items[0]!.title).toBe('建国35周年纪念，华表，和平鸽');
    for (const it of r.items) {
      expect(it.title).toMatch(/\p{Script=Han}/u);
      expect(it.title).not.toContain('\uFFFD');
    }
  });

  it('decodes Big5, declared and (for a Chinese source) undeclared', () => {
    const declared = decodeFeedBytes(readFileSync(path.join(FEEDS, 'feedparser/tests/encoding/big5.xml')));
    expect(declared.encoding).toBe('big5');
    const bytes = readFileSync(path.join(FEEDS, 'feedparser/tests/illformed/chardet/big5.xml'));
    const undeclared = decodeFeedBytes(bytes, { lang: 'zh' });
    expect(undeclared.text).toMatch(/\p{Script=Han}/u);
    expect(undeclared.text).not.toContain('\uFFFD');
  });

  it('reads all 877 items of the UTF-8 feed that claims to be UTF-16', async () => {
    const r = await read(path.join(FEEDS, 'rssant/tests/feedlib/testdata/encoding/chardet/utf-8.not-utf-16.xml'));
    if (!r.ok) throw new Error(r.reason);
    expect(r.encoding).toBe('utf-8');
    expect(r.parsed).toBe(877);
    expect(r.items).toHaveLength(877);
  });

  it('reads the Windows-1251 and ISO-8859-1 captures by their declarations', async () => {
    const ru = await read(path.join(FEEDS, 'miniflux-v2/internal/reader/parser/testdata/encoding_WINDOWS-1251.xml'));
    if (!ru.ok) throw new Error(ru.reason);
    expect(ru.encoding).toBe('windows-1251');
    expect(ru.items.map((i) => i.title).join(' ')).toMatch(/\p{Script=Cyrillic}/u);
    const r = await read(path.join(FEEDS, 'rss-parser/test/input/encoding.rss'));
    if (!r.ok) throw new Error(r.reason);
    expect(r.items.map((i) => i.title + i.summary).join(' ')).not.toContain('\uFFFD');
  });

  it('resolves relative links: TPM with an empty xml:base against the feed URL', async () => {
    const file = path.join(FEEDS, 'node-feedparser/test/feeds/tpm-with-empty-base.atom');
    const r = await read(file);
    if (!r.ok) throw new Error(r.reason);
    expect(r.items.length).toBeGreaterThan(5);
    for (const it of r.items) expect(it.url).toMatch(/^https?:\/\/[^/]+\/\S/);
    expect(r.items.some((i) => i.url.includes('/livewire/'))).toBe(true);
  });

  it("meets feedparser's own expectations for entries[0]['link'] in its tests", async () => {
    const manifest = readFileSync(path.join(CORPUS, 'MANIFEST.tsv'), 'utf8').split('\n');
    let checked = 0;
    const misses: string[] = [];
    for (const line of manifest) {
      const [rel, , , , , , , , expect_] = line.split('\t');
      const m = /entries\[0\]\['link'\] == (?:entries\[1\]\['link'\] == )?'([^']+)'/.exec(expect_ ?? '');
      if (!rel || !m || m[1]!.includes('127.0.0.1')) continue; // docuri tests assume feedparser's own test server
      // The raw parse: some of these entries have no title, so they would not become stories.
      const file = path.join(CORPUS, rel);
      const r = await parseFeed(decodeFeedBytes(readFileSync(file)).text, feedUrlOf(file));
      if (!r.ok) throw new Error(`${rel}: ${r.reason}`);
      const got = canonicalUrl(r.feed.items[0]?.link ?? '');
      if (got !== new URL(m[1]!).href) misses.push(`${rel}: ${got}`);
      checked++;
    }
    // Python feedparser also reads a link's text when it has no href (invalid Atom); node-feedparser does
    // not, and such an entry is skipped as "no link". These two files test exactly that leniency.
    expect(misses).toEqual(['feeds/feedparser/tests/wellformed/atom/entry_link_no_href_link_priority.xml: null', 'feeds/feedparser/tests/wellformed/atom10/entry_link_no_href_link_priority.xml: null']);
    expect(checked).toBeGreaterThanOrEqual(15);
  });

  it('stores a sample of real captures through the worker-thread reader and the real ingestItems (all stories kept at relevance 0)', async () => {
    const app = testApp({ env: { CHIPWATCH_MIN_RELEVANCE: '0' } });
    const reader = createFeedReader();
    onTestFinished(() => reader.close());
    const sample = ['RSParser/Tests/RSParserTests/Resources/kc0011.rss', 'node-feedparser/test/feeds/tpm-with-empty-base.atom', 'feedjira/spec/sample_feeds/PaulDixExplainsNothing.xml'];
    for (const rel of sample) {
      const file = path.join(FEEDS, rel);
      const origin = { sourceId: `file:${path.basename(file)}`, outlet: path.basename(file), kind: 'trade' as const, weight: 0.5 };
      const first = await ingestFeed(app, origin, readFileSync(file), { feedUrl: feedUrlOf(file), lang: 'en', now: NOW }, { reader });
      if (!first.ok) throw new Error(first.reason);
      const skipped = Object.values(first.skipped).reduce((a, b) => a + b, 0);
      expect(first.added + first.duplicates + first.dropped, rel).toBe(first.parsed - skipped);
      expect(first.added, rel).toBeGreaterThan(0);
      // The same file again: all duplicates (dedupe across polls).
      const again = await ingestFeed(app, origin, readFileSync(file), { feedUrl: feedUrlOf(file), lang: 'en', now: NOW }, { reader });
      expect(again.ok && again.added, rel).toBe(0);
    }
    const n = app.db.prepare('SELECT count(*) AS n FROM stories').get() as { n: number };
    expect(n.n).toBeGreaterThan(20);
  });
});
