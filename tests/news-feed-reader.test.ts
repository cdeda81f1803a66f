// The feed reader (src/news/feed-reader.ts: a child process), as the poller and `ingest --file` use it: the
// same items as reading in this thread, in batches while the feed is still being read; a parse past its
// deadline fails alone with a clear reason, and the next read gets a fresh worker; a feed that exhausts
// the reader's heap cap ends the reader's process, not this one.
import { describe, expect, it, onTestFinished } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.ts';
import { BATCH_ITEMS, type ReadOptions, type ReadResult } from '../src/news/feed-read.ts';
import { createFeedReader, inThreadReader, type FeedReader } from '../src/news/feed-reader.ts';
import { ingestFeed } from '../src/news/feed-ingest.ts';
import { ingestItems } from '../src/news/ingest-items.ts';
import type { NormalizedItem } from '../src/news/types.ts';
import { testApp } from './helpers/app.ts';
import { hugeTitleGzip } from './helpers/feed-server.ts';

// Copies of three corpus feeds, with their licences (tests/fixtures/corpus/README.md): every machine has them.
const FEEDS = path.resolve(PROJECT_ROOT, 'tests/fixtures/corpus');
const NOW = Date.UTC(2026, 10, 28);

function reader(o: Parameters<typeof createFeedReader>[0] = {}): FeedReader {
  const r = createFeedReader(o);
  onTestFinished(() => r.close());
  return r;
}

async function readAll(r: FeedReader, bytes: Buffer, o: ReadOptions): Promise<{ result: ReadResult; batches: NormalizedItem[][] }> {
  const batches: NormalizedItem[][] = [];
  const result = await r.read(bytes, o, (items) => batches.push(items));
  return { result, batches };
}

/** An RSS feed of `n` items, half of them about Alibaba's chips. */
function bigFeed(n: number, padding = 0): Buffer {
  const items = Array.from(
    { length: n },
    (_, i) =>
      `<item><title>${i % 2 ? `Alibaba T-Head ships AI chip batch ${i}` : `Weather report ${i}`}</title><link>https://big.example/${i}</link>` +
      `<pubDate>${new Date(Date.UTC(2026, 9, 1) + i * 60_000).toUTCString()}</pubDate><description>${'x'.repeat(padding)}</description></item>`,
  );
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Big</title><link>https://big.example/</link>${items.join('')}</channel></rss>`);
}

describe('the worker-thread feed reader', () => {
  it('reads real feeds (GB2312, xml:base, Atom, JSON Feed) exactly as reading in this thread does', async () => {
    const r = reader();
    const files = [
      'RSParser/Tests/RSParserTests/Resources/kc0011.rss',
      'node-feedparser/test/feeds/tpm-with-empty-base.atom',
      'feedjira/spec/sample_feeds/PaulDixExplainsNothing.xml',
    ];
    const json = Buffer.from(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: '1', url: '/p/1', title: 'Cambricon 思元 590', date_published: '2025-02-02T00:00:00Z' }] }));
    const inputs: Array<[string, Buffer]> = [...files.map((f): [string, Buffer] => [f, readFileSync(path.join(FEEDS, f))]), ['json', json]];
    for (const [name, bytes] of inputs) {
      const o: ReadOptions = { feedUrl: `https://corpus.example/${name}`, lang: 'auto', now: NOW };
      const there = await readAll(r, bytes, o);
      const here = await readAll(inThreadReader, bytes, o);
      expect(there.result.ok, name).toBe(true);
      expect(there.batches.flat().length, name).toBeGreaterThan(0);
      expect(there.batches.flat(), name).toEqual(here.batches.flat());
      expect(there.result, name).toEqual(here.result);
    }
  });

  it('hands a large feed over in batches, and ingestFeed stores every batch', async () => {
    const r = reader();
    const { result, batches } = await readAll(r, bigFeed(1000), { feedUrl: 'https://big.example/feed', lang: 'en', now: NOW });
    expect(result.ok && result.parsed).toBe(1000);
    expect(result.ok && result.items).toEqual([]); // all went to the sink
    expect(batches.length).toBeGreaterThanOrEqual(3);
    for (const b of batches.slice(0, -1)) expect(b.length).toBeGreaterThanOrEqual(BATCH_ITEMS);
    expect(batches.flat().map((i) => i.url)).toEqual(Array.from({ length: 1000 }, (_, i) => `https://big.example/${i}`));

    const app = testApp();
    const calls: number[] = [];
    const origin = { sourceId: 'big', outlet: 'Big', kind: 'trade' as const, weight: 0.5 };
    const stored = await ingestFeed(app, origin, bigFeed(1000), { feedUrl: 'https://big.example/feed', lang: 'en', now: NOW }, {
      reader: r,
      ingest: (a, o, items) => {
        calls.push(items.length);
        return ingestItems(a, o, items);
      },
    });
    expect(calls.length).toBe(batches.length);
    expect(stored.ok && [stored.added, stored.dropped, stored.duplicates]).toEqual([500, 500, 0]);
    expect(app.db.prepare(`SELECT count(*) AS n FROM story_vendors JOIN stories ON stories.id = story_id WHERE vendor_slug = 'alibaba' AND source_id = 'big'`).get()).toEqual({ n: 500 });
  });

  it('stores one batch per turn of the event loop, so other work runs between batches', async () => {
    const r = reader();
    const app = testApp();
    const origin = { sourceId: 'turns', outlet: 'Turns', kind: 'trade' as const, weight: 0.5 };
    let ticks = 0;
    const interval = setInterval(() => ticks++, 0);
    const ticksAtBatch: number[] = [];
    try {
      const stored = await ingestFeed(app, origin, bigFeed(2000), { feedUrl: 'https://big.example/feed', lang: 'en', now: NOW }, {
        reader: r,
        ingest: (a, o, items) => {
          ticksAtBatch.push(ticks);
          // A slow store: the worker's batches queue up meanwhile, as on a busy bot.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30);
          return ingestItems(a, o, items);
        },
      });
      expect(stored.ok && stored.added).toBe(1000);
    } finally {
      clearInterval(interval);
    }
    expect(ticksAtBatch.length).toBeGreaterThanOrEqual(6);
    for (let i = 1; i < ticksAtBatch.length; i++) expect(ticksAtBatch[i], `timer ran between batch ${i} and ${i + 1}`).toBeGreaterThan(ticksAtBatch[i - 1]!);
  });

  it('stops a parse past its deadline by ending the worker, and the next read gets a new one', async () => {
    const r = reader({ graceMs: 0 });
    const o: ReadOptions = { feedUrl: 'https://big.example/feed', lang: 'en', now: NOW };
    // A second feed read by the same worker at the same time is cut short too, and says why.
    const bystander = r.read(bigFeed(3000, 500), o, () => {});
    const late = await r.read(bigFeed(3000, 500), { ...o, parseLimits: { deadlineMs: 0 } }, () => {});
    expect(late).toEqual({ ok: false, reason: 'parsing did not finish within 0 s' });
    expect(await bystander).toEqual({ ok: false, reason: 'interrupted: the parser was restarted because another feed ran past its deadline' });
    const next = await readAll(r, bigFeed(10), o);
    expect(next.result.ok && next.result.parsed).toBe(10);
  });

  it('ends only its own process when a feed exhausts its heap cap, and the next read gets a new one', async () => {
    const r = reader({ maxHeapMb: 16 });
    const o: ReadOptions = { feedUrl: 'https://huge.example/feed', lang: 'en', now: NOW };
    // 22 KiB of gzip, 23 MB of text once decoded: more than the 16 MB heap holds.
    expect(await r.read(hugeTitleGzip(), o, () => {})).toEqual({ ok: false, reason: 'parser ran out of memory (over 16 MB)' });
    const next = await readAll(r, bigFeed(10), o);
    expect(next.result.ok && next.result.parsed).toBe(10);
  });

  it('ends the reads in progress when closed', async () => {
    const r = createFeedReader();
    const pending = r.read(bigFeed(3000, 500), { feedUrl: 'https://big.example/feed', lang: 'en', now: NOW }, () => {});
    await r.close();
    expect(await pending).toEqual({ ok: false, reason: 'feed reader closed' });
  });
});
