// /news end to end through the real dispatcher: a fresh install shows the seed news, vendor and word
// filters, paging through the "More" action, suggestions for unknown vendors, hostile search text, and
// /chip's latest stories. Also the seed loader (idempotent, cheap when unchanged).
import { describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { ask, testApp } from './helpers/app.ts';
import { loadNewsSeed } from '../src/news/seed.ts';
import { ingestItems } from '../src/news/ingest-items.ts';
import type { Reply } from '../src/core/reply.ts';

// After the seed's newest story (2026-06-22), so no seed date is in the future and clamped to now.
const NOW = () => new Date('2026-07-01T00:00:00Z');
const items = (r: Reply) => r.cards.flatMap((c) => c.items ?? []);
const count = (app: ReturnType<typeof testApp>, table: string) => (app.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
const vendorsOf = (app: ReturnType<typeof testApp>, url: string) =>
  app.db.prepare(`SELECT vendor_slug FROM story_vendors sv JOIN stories s ON s.id = sv.story_id WHERE s.url = ?`).pluck().all(url) as string[];

describe('/news', () => {
  const app = testApp({ now: NOW });

  it('GIVEN a fresh install THEN the seed news shows, ten per page, with a More action to page 2', async () => {
    const r = await ask(app, '/news');
    expect(r.error).toBeUndefined();
    const first = items(r);
    expect(first).toHaveLength(10);
    for (const it of first) {
      expect(it.url).toMatch(/^https?:\/\//);
      // outlet · date · language · … · provenance marker
      expect(it.meta).toMatch(/ · \d{4}-\d{2}-\d{2} · (en|zh|de) · /);
      expect(it.meta).toMatch(/press|official|unnamed sources/);
    }
    const more = r.actions.find((a) => a.label === 'More');
    expect(more?.command).toBe('/news page:2');
    const second = items(await ask(app, more!.command));
    expect(second.length).toBeGreaterThan(0);
    expect(second.map((i) => i.url).filter((u) => first.some((f) => f.url === u))).toEqual([]);
  });

  it('GIVEN a vendor by any of its names THEN only clusters naming it', async () => {
    const en = items(await ask(app, '/news alibaba'));
    const zh = items(await ask(app, '/news 阿里巴巴'));
    expect(en.length).toBeGreaterThan(0);
    expect(zh.map((i) => i.url)).toEqual(en.map((i) => i.url));
    for (const it of items(await ask(app, '/news moore threads'))) expect(vendorsOf(app, it.url)).toContain('moore-threads');
  });

  it('GIVEN a chip THEN the stories naming that chip', async () => {
    const r = await ask(app, '/news h20');
    expect(r.cards[0]!.title).toContain('H20');
    for (const it of items(r)) expect(app.db.prepare(`SELECT 1 FROM story_chips c JOIN stories s ON s.id = c.story_id WHERE s.url = ? AND c.chip_slug = 'h20'`).get(it.url)).toBeDefined();
  });

  it('GIVEN a near miss of a vendor name THEN a suggestion, not a search', async () => {
    const r = await ask(app, '/news alibab');
    expect(r.error?.code).toBe('NOT_FOUND');
    expect(r.text).toContain('Did you mean');
    expect(r.text).toContain('Alibaba');
  });

  it('GIVEN words that name no vendor THEN they are searched', async () => {
    const r = await ask(app, '/news licence');
    expect(r.error).toBeUndefined();
    expect(r.cards[0]!.description).toContain('words: licence');
  });

  it('GIVEN topic, language, days and source filters THEN every line matches them', async () => {
    for (const it of items(await ask(app, '/news all lang:de'))) expect(it.meta).toContain(' · de · ');
    for (const it of items(await ask(app, '/news topic:funding'))) expect(it.meta).toContain('Funding and listings');
    for (const it of items(await ask(app, '/news source:unnamed'))) expect(it.meta).toContain('unnamed sources');
    const recent = items(await ask(app, '/news days:60'));
    for (const it of recent) expect(Date.parse(it.meta!.split(' · ')[1]!)).toBeGreaterThanOrEqual(NOW().getTime() - 61 * 86_400_000);
    const bad = await ask(app, '/news topic:gossip');
    expect(bad.error?.code).toBeDefined();
  });

  it('GIVEN hostile search text THEN no SQL or FTS error ever reaches the user', async () => {
    for (const line of [
      '/news query:"NEAR"',
      `/news query:'"'`,
      '/news query:"a OR b NOT c"',
      '/news query:"*"',
      '/news query:"-"',
      `/news query:"'; DROP TABLE stories; --"`,
      '/news huawei query:"title:yield^2"',
      '/news query:"芯"',
      '/news query:"( ) { }"',
    ]) {
      const r = await ask(app, line);
      expect(r.text, line).not.toMatch(/sql|fts5|syntax|sqlite/i);
      if (r.error) expect(['BAD_QUERY', 'BAD_OPTION']).toContain(r.error.code);
    }
    expect(count(app, 'stories')).toBeGreaterThan(0);
  });

  it('GIVEN words with spaces and a vendor THEN More keeps every filter', async () => {
    const local = testApp({ now: NOW });
    const t = Date.parse('2026-01-20T00:00:00Z');
    ingestItems(
      local,
      { sourceId: 'test', outlet: 'Test', kind: 'trade', weight: 0.5 },
      Array.from({ length: 12 }, (_, i) => ({
        guid: null,
        url: `https://t.example/${i}`,
        title: `Huawei Ascend order number ${1000 + i * 37} for data centre ${i}`,
        summary: `Huawei supplies Ascend AI chips to customer ${i}.`,
        publishedAt: t - i * 4 * 86_400_000,
        publishedEstimated: false,
        lang: 'en' as const,
      })),
    );
    const r = await ask(local, '/news huawei "data centre" days:365');
    expect(items(r)).toHaveLength(10);
    const more = r.actions.find((a) => a.label === 'More')!;
    expect(more.command).toBe('/news huawei query:"data centre" days:365 page:2');
    expect(items(await ask(local, more.command))).toHaveLength(2);
  });

  it('GIVEN a fed item naming Alibaba in each language THEN /news alibaba shows it, tagged', async () => {
    const local = testApp({ now: NOW });
    const at = NOW().getTime() - 28 * 86_400_000;
    const fed = [
      { url: 'https://f.example/en', title: 'Alibaba’s T-Head ships a new AI inference chip', lang: 'en' as const },
      { url: 'https://f.example/zh', title: '阿里巴巴平头哥推出新款AI推理芯片', lang: 'zh' as const },
      { url: 'https://f.example/de', title: 'Alibabas Chipsparte T-Head bringt neuen KI-Chip', lang: 'de' as const },
      { url: 'https://f.example/shop', title: 'Alibaba’s Taobao sees record Singles Day sales', lang: 'en' as const },
    ];
    const r = ingestItems(
      local,
      { sourceId: 'file:test', outlet: 'Test Feed', kind: 'trade', weight: 0.5 },
      fed.map((f, i) => ({ guid: null, summary: '', publishedAt: at + i * 200 * 3600_000, publishedEstimated: false, ...f })),
    );
    expect(r).toEqual({ added: 3, duplicates: 0, dropped: 1 });
    const shown = items(await ask(local, '/news alibaba days:30')).map((i) => i.url);
    for (const f of fed.slice(0, 3)) expect(shown).toContain(f.url);
    expect(shown).not.toContain('https://f.example/shop');
  });
});

describe('/chip vendor card', () => {
  it('GIVEN stories about a vendor THEN the card lists its three latest', async () => {
    const app = testApp({ now: NOW });
    const r = await ask(app, '/chip nvidia');
    const news = r.cards.find((c) => c.title.startsWith('Latest news'));
    expect(news?.items).toHaveLength(3);
    const dates = news!.items!.map((i) => i.meta!.split(' · ')[1]!);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});

describe('news seed', () => {
  it('GIVEN the seed already loaded THEN loading again is skipped and cheap', () => {
    const app = testApp();
    const stories = count(app, 'stories');
    expect(stories).toBeGreaterThanOrEqual(40);
    const t = performance.now();
    const again = loadNewsSeed(app);
    const ms = performance.now() - t;
    console.log(`seed: ${stories} stories; an unchanged seed took ${ms.toFixed(2)} ms to check`);
    expect(again.changed).toBe(false);
    expect(count(app, 'stories')).toBe(stories);
    expect(ms).toBeLessThan(50);
    // Forgetting the hash re-reads the file, and every story is then a duplicate.
    app.db.exec(`DELETE FROM news_meta WHERE key = 'seed_hash'`);
    const reloaded = loadNewsSeed(app);
    expect(reloaded.changed).toBe(true);
    expect(reloaded.added).toBe(0);
    expect(reloaded.duplicates).toBe(stories);
  });
});
