// Decoding, parsing and normalising feed items: charsets (BOM, HTTP, XML declaration, lying prologs,
// UTF-16/32, GB18030/Big5), canonical URLs, plain text from HTML, dates with the first-seen fallback.
import { describe, expect, it } from 'vitest';
import { decodeFeedBytes, charsetFromContentType } from '../src/news/decode.ts';
import { canonicalUrl } from '../src/news/normalize-url.ts';
import { capText, decodeEntities, htmlToText } from '../src/news/normalize-text.ts';
import { normalizeItem, TITLE_MAX, SUMMARY_MAX } from '../src/news/normalize.ts';
import { guessLang } from '../src/news/normalize-lang.ts';
import { parseFeed } from '../src/news/parse.ts';
import { readFeed } from '../src/news/feed-read.ts';
import { encodeGb } from './helpers/feed-server.ts';

const NOW = Date.UTC(2026, 10, 28, 12);
const rss = (items: string, decl = '<?xml version="1.0" encoding="utf-8"?>') => `${decl}\n<rss version="2.0"><channel><title>T</title><link>https://example.com/</link>${items}</channel></rss>`;

describe('decodeFeedBytes', () => {
  const title = '阿里巴巴平头哥发布新芯片';
  const xml = (enc: string) => rss(`<item><title>${title}</title><link>https://example.com/a</link></item>`, `<?xml version="1.0" encoding="${enc}"?>`);

  it('reads a GB2312-declared feed as GB18030', () => {
    const bytes = Buffer.from(encodeGb(xml('gb2312')));
    const d = decodeFeedBytes(bytes);
    expect(d.encoding).toBe('gb18030');
    expect(d.from).toBe('xml');
    expect(d.text).toContain(title);
  });

  it('lets the HTTP charset win over the XML declaration', () => {
    const d = decodeFeedBytes(Buffer.from(xml('iso-8859-1').replace(title, 'Münchener KI-Chip'), 'latin1'), { contentType: "application/rss+xml; charset='windows-1252'" });
    expect(d.from).toBe('http');
    expect(d.text).toContain('Münchener KI-Chip');
  });

  it('prefers valid UTF-8 over a false legacy or UTF-16 declaration', () => {
    for (const enc of ['gbk', 'utf-16', 'iso-8859-1']) {
      const d = decodeFeedBytes(Buffer.from(xml(enc), 'utf8'));
      expect(d.encoding, enc).toBe('utf-8');
      expect(d.text).toContain(title);
      expect(d.note).toMatch(/ignored: bytes are valid UTF-8/);
    }
  });

  it('honours BOMs: UTF-8, UTF-16LE/BE, UTF-32LE/BE', () => {
    const text = xml('utf-8');
    const u16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const u16be = Buffer.from(u16le.subarray(2)).swap16();
    const cps = [...text].map((c) => c.codePointAt(0)!);
    const u32le = Buffer.alloc(4 + cps.length * 4);
    u32le.writeUInt32LE(0xfeff, 0);
    cps.forEach((cp, i) => u32le.writeUInt32LE(cp, 4 + i * 4));
    const u32be = Buffer.alloc(u32le.length);
    u32be.writeUInt32BE(0xfeff, 0);
    cps.forEach((cp, i) => u32be.writeUInt32BE(cp, 4 + i * 4));
    const cases: Array<[Buffer, string]> = [
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8'],
      [u16le, 'utf-16le'],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), u16be]), 'utf-16be'],
      [u32le, 'utf-32le'],
      [u32be, 'utf-32be'],
    ];
    for (const [bytes, enc] of cases) {
      const d = decodeFeedBytes(bytes);
      expect(d.encoding).toBe(enc);
      expect(d.from).toBe('bom');
      expect(d.text.startsWith('<?xml')).toBe(true);
      expect(d.text).toContain(title);
    }
    // No BOM, but "<?" in UTF-16BE.
    expect(decodeFeedBytes(u16be).encoding).toBe('utf-16be');
  });

  it('reads undeclared non-UTF-8 bytes by the source language, else replaces bad bytes', () => {
    const bytes = Buffer.from(encodeGb(rss(`<item><title>${title}</title></item>`, '<?xml version="1.0"?>')));
    expect(decodeFeedBytes(bytes, { lang: 'zh' }).text).toContain(title);
    const fallback = decodeFeedBytes(bytes);
    expect(fallback.encoding).toBe('utf-8');
    expect(fallback.note).toMatch(/not valid UTF-8/);
  });

  it('parses charset parameters, quoted or not', () => {
    expect(charsetFromContentType('text/xml; charset="GB2312"')).toBe('gb2312');
    expect(charsetFromContentType('application/atom+xml')).toBeNull();
  });
});

describe('canonicalUrl', () => {
  it('resolves relative links against the feed and drops fragments and tracking parameters', () => {
    expect(canonicalUrl('/news/1?utm_source=rss&id=7&fbclid=x&spm=a.b#comments', 'https://Example.COM:443/feed/')).toBe('https://example.com/news/1?id=7');
    expect(canonicalUrl('story.html?wt_mc=rss.red.ho&gclid=1', 'https://www.heise.de/rss/')).toBe('https://www.heise.de/rss/story.html');
    expect(canonicalUrl('https://a.example/p?page=2&UTM_Medium=x')).toBe('https://a.example/p?page=2');
  });

  it('refuses non-http(s) and credentials', () => {
    expect(canonicalUrl('javascript:alert(1)', 'https://x.example/')).toBeNull();
    expect(canonicalUrl('mailto:a@b.example')).toBeNull();
    expect(canonicalUrl('https://user:pw@x.example/')).toBeNull();
    expect(canonicalUrl('relative/only')).toBeNull();
  });
});

describe('plain text', () => {
  it('strips tags, script bodies and comments; decodes entities; folds whitespace', () => {
    expect(htmlToText('<p>Huawei&#8217;s <b>Ascend</b>&nbsp;910C</p>\n\n<script>alert("x")</script><!-- c --><p>ships &amp; sells</p>')).toBe('Huawei’s Ascend 910C ships & sells');
    expect(htmlToText('Cambricon&apos;s &quot;MLU&quot; &euro;5 &Uuml;bersicht &#x4E2D;&#25991; &bogus;')).toBe('Cambricon\'s "MLU" €5 Übersicht 中文 &bogus;');
    expect(htmlToText('x < 5 and y > 3')).toBe('x < 5 and y > 3');
    expect(decodeEntities('&#146;')).toBe('’');
  });

  it('removes bidi overrides, zero-width and control characters', () => {
    expect(htmlToText('evil\u202Etxt.exe\u200B\u0007 ok')).toBe('eviltxt.exe ok');
  });

  it('caps at a word boundary with an ellipsis, and inside Chinese text', () => {
    const s = capText('word '.repeat(100), 50);
    expect(s.length).toBeLessThanOrEqual(50);
    expect(s.endsWith('word…')).toBe(true);
    const zh = capText('芯'.repeat(400), 300);
    expect(zh).toHaveLength(300);
  });
});

describe('normalizeItem', () => {
  const ctx = { feedUrl: 'https://example.com/feed', lang: 'de' as const, now: NOW };

  it('makes a story: canonical URL, plain capped text, date, language', () => {
    const n = normalizeItem({ guid: ' g1 ', link: '/a?utm_campaign=x', title: '<b>Huaweis</b> Ascend-Chips '.repeat(40), summary: 'x'.repeat(5000), date: new Date(NOW - 3600_000) }, ctx);
    if (typeof n === 'string') throw new Error(n);
    expect(n.url).toBe('https://example.com/a');
    expect(n.guid).toBe('g1');
    expect(n.title.length).toBeLessThanOrEqual(TITLE_MAX);
    expect(n.title.startsWith('Huaweis Ascend-Chips')).toBe(true);
    expect(n.summary.length).toBeLessThanOrEqual(SUMMARY_MAX);
    expect(n.publishedAt).toBe(NOW - 3600_000);
    expect(n.publishedEstimated).toBe(false);
    expect(n.lang).toBe('de');
  });

  it('falls back to first-seen, flagged, for a missing, broken or future date', () => {
    for (const date of [null, new Date('nonsense'), new Date(NOW + 7 * 86400_000), new Date('1970-01-01')]) {
      const n = normalizeItem({ guid: null, link: 'https://example.com/b', title: 'T', summary: '', date }, ctx);
      if (typeof n === 'string') throw new Error(n);
      expect(n.publishedAt).toBe(NOW);
      expect(n.publishedEstimated).toBe(true);
    }
  });

  it('uses a URL GUID when there is no link, the summary when there is no title, and refuses the rest', () => {
    const a = normalizeItem({ guid: 'https://example.com/g', link: null, title: '', summary: '<p>Only a summary</p>', date: null }, ctx);
    expect(typeof a !== 'string' && [a.url, a.title]).toEqual(['https://example.com/g', 'Only a summary']);
    expect(normalizeItem({ guid: 'tag:x', link: null, title: 'T', summary: '', date: null }, ctx)).toBe('no link');
    expect(normalizeItem({ guid: null, link: 'ftp://x.example/a', title: 'T', summary: '', date: null }, ctx)).toBe('link is not an http(s) URL');
    expect(normalizeItem({ guid: null, link: 'https://x.example/a', title: ' ', summary: '', date: null }, ctx)).toBe('no title or summary');
  });
});

describe('guessLang (file ingest without --lang)', () => {
  it('tells Chinese, German and English apart', () => {
    expect(guessLang('阿里巴巴平头哥发布新款AI推理芯片 PPU')).toBe('zh');
    expect(guessLang('Huaweis Ascend-Chips: Der KI-Beschleuniger soll im Rechenzentrum laufen')).toBe('de');
    expect(guessLang('Cambricon übertrifft Erwartungen: Umsatz für das Quartal verdreifacht')).toBe('de');
    expect(guessLang('Über 100 Millionen für Biren')).toBe('de');
    expect(guessLang("Alibaba's T-Head unveils a new AI inference chip for its cloud")).toBe('en');
    expect(guessLang('Moore Threads die shot shows a new GPU, says the report')).toBe('en');
  });
});

describe('parseFeed', () => {
  it('reads RSS, Atom with xml:base, and JSON Feed', async () => {
    const r = await parseFeed(rss('<item><title>A &amp; B</title><link>https://example.com/1</link><pubDate>Tue, 03 Jun 2025 10:00:00 GMT</pubDate></item>'), 'https://example.com/feed');
    expect(r.ok && r.feed.items.map((i) => [i.title, i.link, i.date?.toISOString()])).toEqual([['A & B', 'https://example.com/1', '2025-06-03T10:00:00.000Z']]);

    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base.example/blog/"><title>x</title><entry><title>E</title><link href="post/1.html"/><id>urn:1</id><updated>2025-01-01T00:00:00Z</updated></entry></feed>`;
    const a = await parseFeed(atom, 'https://other.example/feed.atom');
    expect(a.ok && a.feed.items[0]!.link).toBe('https://base.example/blog/post/1.html');

    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', home_page_url: 'https://j.example/', items: [{ id: '1', url: '/p/1', title: 'JT', content_text: 'body', date_published: '2025-02-02T00:00:00Z' }, 'junk'] });
    const j = await parseFeed(json, 'https://j.example/feed.json');
    expect(j.ok && j.feed.items).toEqual([{ guid: '1', link: 'https://j.example/p/1', title: 'JT', summary: 'body', date: new Date('2025-02-02T00:00:00Z') }]);
  });

  it('rejects with a clear reason: empty, HTML, bad JSON, a JSON that is not a feed', async () => {
    expect(await parseFeed('  ', 'https://x.example/')).toEqual({ ok: false, reason: 'empty body' });
    expect(await parseFeed('<!DOCTYPE html><html><body>parked</body></html>', 'https://x.example/')).toEqual({ ok: false, reason: 'not a feed (an HTML page)' });
    expect(await parseFeed('{"items": [', 'https://x.example/')).toMatchObject({ ok: false, reason: expect.stringMatching(/^invalid JSON/) });
    expect(await parseFeed('{"a": 1}', 'https://x.example/')).toMatchObject({ ok: false, reason: expect.stringMatching(/not a JSON Feed/) });
  });

  it('caps the item count, with a warning', async () => {
    const items = Array.from({ length: 50 }, (_, i) => `<item><title>t${i}</title><link>https://example.com/${i}</link></item>`).join('');
    const r = await parseFeed(rss(items), 'https://example.com/', { maxItems: 10 });
    expect(r.ok && r.feed.items.length).toBe(10);
    expect(r.ok && r.feed.warnings.join()).toMatch(/more than 10 items/);
  });

  it('leaves a billion-laughs DTD unexpanded, quickly', async () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const text = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">${lol}]><rss version="2.0"><channel><title>b</title><item><title>&lol9;</title><link>https://example.com/x</link></item></channel></rss>`;
    const t = Date.now();
    const r = await readFeed(Buffer.from(text), { feedUrl: 'https://example.com/', lang: 'en', now: NOW });
    expect(Date.now() - t).toBeLessThan(2000);
    expect(r).toEqual({ ok: false, reason: 'refused: nested DTD entity declarations (an entity-expansion bomb)', encoding: 'utf-8' });
    // A plain internal entity (feedparser's entity_in_doctype test) is left unexpanded, not refused.
    const plain = await parseFeed('<!DOCTYPE rss [<!ENTITY id "tag:x,">]><rss version="2.0"><channel><item><guid>&id;1</guid></item></channel></rss>', 'https://example.com/');
    expect(plain.ok && plain.feed.items[0]!.guid).toBe('&id;1');
  });
});

// Issue 16: one test per error class found against the parsers' own expectations (each failed before
// its fix). Items are read end to end (readFeed: decode → parse → normalise).
describe('extraction error classes', () => {
  const read = async (xml: string | Buffer, feedUrl = 'https://example.com/feed') => {
    const r = await readFeed(typeof xml === 'string' ? Buffer.from(xml) : xml, { feedUrl, lang: 'en', now: NOW });
    if (!r.ok) throw new Error(r.reason);
    return r.items;
  };
  const item = (inner: string) => rss(`<item><link>https://example.com/a</link>${inner}</item>`);

  it('reads Windows-1252 bytes 0x80–0x9F as punctuation, whether declared iso-8859-1 or met as C1 characters', async () => {
    const bytes = Buffer.from(item('<title>This is a £Xtest.Y donZt EUR</title>').replace('<?xml version="1.0" encoding="utf-8"?>', '<?xml version="1.0" encoding="iso-8859-1"?>'), 'latin1');
    const patched = Buffer.from(bytes.toString('latin1').replace('X', '\x93').replace('Y', '\x94').replace('Z', '\x92').replace('EUR', '\x80'), 'latin1');
    const [it] = await read(patched);
    expect(it!.title).toBe('This is a £“test.” don’t €');
    // C1 characters that reached UTF-8 text (a cp1252 step upstream) mean the same punctuation.
    expect(htmlToText('don\u0092t \u0096 \u0093q\u0094')).toBe('don’t – “q”');
  });

  it('keeps the text inside inline markup: raw HTML in RSS, XHTML-typed Atom, Reddit summaries', async () => {
    const [a] = await read(item('<title>T</title><description>But what exactly <em>is</em> good compression?</description>'));
    expect(a!.summary).toBe('But what exactly is good compression?');
    const [b] = await read(item('<title>T</title><description><table><tr><td>submitted by <a href="https://www.reddit.com/user/x">/u/x</a> to <a href="https://www.reddit.com/r/space/">r/space</a></td></tr></table></description>'));
    expect(b!.summary).toBe('submitted by /u/x to r/space');
    const atom03 = `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><link rel="alternate" href="https://example.com/e"/><title type="application/xhtml+xml" xml:base="http://example.com/test/"><div xmlns="http://www.w3.org/1999/xhtml">Example <a href="test.html">test</a></div></title></entry></feed>`;
    expect((await read(atom03))[0]!.title).toBe('Example test');
  });

  it('decodes base64 Atom content (0.3 mode="base64", 1.0 non-text type)', async () => {
    const b64 = Buffer.from('Example <b>Atom</b> text').toString('base64');
    const a03 = `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><title>T</title><link rel="alternate" href="https://example.com/e"/><summary type="text/html" mode="base64">${b64}</summary></entry></feed>`;
    expect((await read(a03))[0]!.summary).toBe('Example Atom text');
    const a10 = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>T</title><link href="https://example.com/e"/><content type="application/octet-stream">\n  ${b64}\n</content></entry></feed>`;
    expect((await read(a10))[0]!.summary).toBe('Example Atom text');
  });

  it('takes titles, descriptions and dates from Dublin Core, Media RSS and dcterms when the core elements are missing', async () => {
    const ns = 'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:media="http://search.yahoo.com/mrss/"';
    const doc = (inner: string) => `<rss version="2.0" ${ns}><channel><title>C</title><item><link>https://example.com/a</link>${inner}</item></channel></rss>`;
    const [dc] = await read(doc('<dc:title>DC title</dc:title><dc:description>DC description</dc:description><dcterms:issued>2025-03-04T05:06:07Z</dcterms:issued>'));
    expect([dc!.title, dc!.summary, new Date(dc!.publishedAt).toISOString(), dc!.publishedEstimated]).toEqual(['DC title', 'DC description', '2025-03-04T05:06:07.000Z', false]);
    const [media] = await read(doc('<media:group><media:title>Media title</media:title><media:description>Media description</media:description></media:group><dcterms:modified>2025-04-05T06:07:08Z</dcterms:modified>'));
    expect([media!.title, media!.summary, new Date(media!.publishedAt).toISOString()]).toEqual(['Media title', 'Media description', '2025-04-05T06:07:08.000Z']);
  });

  it('accepts Atom without its namespace and RSS under a prefix as feeds', async () => {
    const bare = await read('<feed version="0.3"><title>F</title><entry><title>Bare entry</title><link rel="alternate" href="https://example.com/bare"/></entry></feed>');
    expect(bare.map((i) => [i.title, i.url])).toEqual([['Bare entry', 'https://example.com/bare']]);
    const prefixed = await read('<r:rss version="2.0" xmlns:r="http://backend.userland.com/rss2"><r:channel><r:title>C</r:title><r:item><r:title>Prefixed item</r:title><r:link>https://example.com/p</r:link></r:item></r:channel></r:rss>');
    expect(prefixed.map((i) => [i.title, i.url])).toEqual([['Prefixed item', 'https://example.com/p']]);
  });

  it('drops script text from titles, removes escaped comments, and keeps double-escaped markup as text', async () => {
    const titles = await read(rss(
      ['&lt;script&gt;alert(1)&lt;/script&gt;Safe title', 'Hello &amp;lt;!-- hidden --&amp;gt; world', 'History of the &amp;lt;blink&amp;gt; tag']
        .map((t, i) => `<item><title>${t}</title><link>https://example.com/${i}</link></item>`)
        .join(''),
    ));
    expect(titles.map((i) => i.title)).toEqual(['Safe title', 'Hello world', 'History of the <blink> tag']);
    // The same in Atom: escaped text inside XHTML stays text; plain text keeps its brackets; markup
    // written straight into a default-typed title is markup.
    const atom = ['<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">History of the &lt;blink&gt; tag</div></title>', '<title type="text">1 &lt; 2 &amp;&amp; <!-- c -->3 &gt; 2</title>', '<title>Example <b>Atom</b></title>']
      .map((t, i) => `<entry>${t}<link href="https://example.com/${i}"/></entry>`)
      .join('');
    expect((await read(`<feed xmlns="http://www.w3.org/2005/Atom">${atom}</feed>`)).map((i) => i.title)).toEqual(['History of the <blink> tag', '1 < 2 && 3 > 2', 'Example Atom']);
  });

  it('resolves relative Atom ids against xml:base, uses rdf:about as the id, and never invents an id from the link', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.com/test/"><entry><title>T</title><link href="https://example.com/e"/><id>relative/link</id></entry><entry><title>U</title><link href="https://example.com/f"/><id>t3_157kx9b</id></entry></feed>`;
    expect((await read(atom)).map((i) => i.guid)).toEqual(['http://example.com/test/relative/link', 't3_157kx9b']);
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://example.com/"><title>C</title></channel><item rdf:about="https://example.com/about-id"><title>R</title><link>https://example.com/r</link></item></rdf:RDF>`;
    expect((await read(rdf))[0]!.guid).toBe('https://example.com/about-id');
    expect((await read(item('<title>No guid</title>')))[0]!.guid).toBeNull();
  });

  it('reads an RSS link that carries an attribute', async () => {
    const [it] = await read(rss('<item><title>T</title><link uri="at://did:plc:x/app.bsky.feed.post/1">http://example.com/item</link></item>'));
    expect(it!.url).toBe('http://example.com/item');
  });
});

// Issue 10 (parser side): memory stays bounded while parsing, whatever a feed holds.
describe('bounded memory while parsing', () => {
  /** The highest heapUsed seen while `run` goes, sampled at every turn of the event loop. */
  async function peakHeapDelta(run: () => Promise<unknown>): Promise<number> {
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    let on = true;
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      if (on) setImmediate(sample);
    };
    sample();
    await run();
    on = false;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return peak - base;
  }

  it('caps a 23 MB title while streaming: the parse holds about the field cap, not the title', { timeout: 20_000 }, async () => {
    const text = rss(`<item><title>${'A'.repeat(23 * 1024 * 1024)}</title><link>https://example.com/big</link></item>`);
    let title = '';
    const delta = await peakHeapDelta(async () => {
      const r = await parseFeed(text, 'https://example.com/', { maxFieldChars: 20_000 });
      title = r.ok ? r.feed.items[0]!.title : '';
    });
    expect(title).toHaveLength(20_000);
    // Accumulated whole, the title cost 834 MB of heap at its peak (sax's buffer grown a slice at a time,
    // feedparser's copies); capped while streaming, what remains is the garbage of the slices read
    // (about 30 MB before the young generation is swept).
    expect(delta).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses JSON that is not an object, nested too deep, or too large, before JSON.parse', async () => {
    const arrays = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    let r: Awaited<ReturnType<typeof parseFeed>> | undefined;
    const delta = await peakHeapDelta(async () => {
      r = await parseFeed(arrays, 'https://x.example/feed.json');
    });
    expect(r).toEqual({ ok: false, reason: 'JSON but not a JSON Feed (not an object)' });
    expect(delta).toBeLessThan(16 * 1024 * 1024);
    const nested = `{"items":[],"x":${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}}`;
    expect(await parseFeed(nested, 'https://x.example/feed.json')).toEqual({ ok: false, reason: 'JSON nested deeper than 32 levels: not a JSON Feed' });
    const big = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', items: [{ id: '1', url: 'https://x.example/1', title: 'x'.repeat(2 * 1024 * 1024) }] });
    expect(await parseFeed(big, 'https://x.example/feed.json', { maxJsonChars: 1024 * 1024 })).toEqual({ ok: false, reason: 'JSON Feed larger than 1 MiB' });
  });
});
