// Full-text search: words in English and German, Chinese of two or more characters, user text never
// treated as FTS syntax, newest first, filters and paging, and retention removing index rows.
import { describe, expect, it } from 'vitest';
import { testApp } from './helpers/app.ts';
import type { App } from '../src/app.ts';
import { ingestItems } from '../src/news/ingest-items.ts';
import { searchNews, type NewsQuery } from '../src/news/search.ts';
import { foldForIndex, ftsQuery } from '../src/news/search-text.ts';
import { pruneOldStories } from '../src/news/retention.ts';
import { nextSearchKey, searchKeyBase, SLOTS_PER_SECOND } from '../src/news/search-key.ts';
import { isUserError } from '../src/core/errors.ts';
import type { NormalizedItem } from '../src/news/types.ts';

const NOW = Date.parse('2026-02-01T00:00:00Z');
const DAY = 86_400_000;

function storeApp(): App {
  const app = testApp({ now: () => new Date(NOW) });
  for (const t of ['stories_fts', 'story_vendors', 'story_chips', 'story_topics', 'stories', 'clusters']) app.db.exec(`DELETE FROM ${t}`);
  const items: (Partial<NormalizedItem> & { url: string; title: string; daysAgo: number; outlet?: string })[] = [
    { url: 'https://e.x/1', title: 'Huawei ramps Ascend 910C output as yields improve', summary: 'SMIC 7nm yields rose to 40 percent.', daysAgo: 1 },
    { url: 'https://e.x/2', title: '华为昇腾芯片出货量大增', summary: '华为计划明年交付更多昇腾910C芯片。', daysAgo: 6, lang: 'zh' },
    { url: 'https://e.x/3', title: 'Huaweis neue KI-Chips: Ascend 950 kommt 2026', summary: 'Laut Insidern soll die Fertigung bei SMIC laufen.', daysAgo: 3, lang: 'de' },
    { url: 'https://e.x/4', title: 'Cambricon revenue jumps as AI chip exports to China stall', summary: 'The "NEAR" miss: Cambricon beat estimates.', daysAgo: 10 },
    { url: 'https://e.x/5', title: 'Moore Threads lists on the STAR Market', summary: 'The GPU maker raised 8 billion yuan in its IPO.', daysAgo: 40 },
    { url: 'https://e.x/6', title: 'Export controls: US adds Chinese AI chip firms to Entity List', summary: 'Biren and Moore Threads are among the additions.', daysAgo: 5 },
  ];
  for (const it of items) {
    const { daysAgo, outlet, ...rest } = it;
    ingestItems(app, { sourceId: 'test', outlet: outlet ?? 'Test Outlet', kind: 'trade', weight: 0.7 }, [
      { guid: null, summary: '', publishedEstimated: false, lang: 'en', ...rest, publishedAt: NOW - daysAgo * DAY },
    ]);
  }
  return app;
}

const app = storeApp();
const q = (o: Partial<NewsQuery>) => searchNews(app.db, { page: 1, pageSize: 10, now: NOW, ...o });
const urls = (o: Partial<NewsQuery>) => q(o).clusters.map((c) => c.story.url);

describe('query building', () => {
  it('GIVEN FTS operators and quotes THEN each word is a quoted string and nothing is syntax', () => {
    expect(ftsQuery('NEAR(a b)')).toBe('"NEAR(a" "b)"');
    expect(ftsQuery('huawei AND OR NOT')).toBe('"huawei" "AND" "OR" "NOT"');
    expect(ftsQuery('say "hi"')).toBe('"say" """hi"""');
    expect(ftsQuery('asc* -smic')).toBe('"asc*" "-smic"');
    expect(ftsQuery('- * " ^')).toBeNull();
    expect(ftsQuery('华为芯片')).toBe('"华为 为芯 芯片"');
  });

  it('GIVEN one Chinese character THEN a clear user error, not an empty result', () => {
    try {
      ftsQuery('芯');
      expect.unreachable();
    } catch (e) {
      expect(isUserError(e)).toBe(true);
    }
  });

  it('GIVEN Chinese in the index THEN runs are written as bigrams', () => {
    expect(foldForIndex('华为发布Ascend芯片').trim().split(/\s+/)).toEqual(['华为', '为发', '发布', 'Ascend', '芯片']);
  });
});

describe('search', () => {
  it('GIVEN English words THEN matching stories, newest first, with English stems', () => {
    expect(urls({ text: 'yields' })).toEqual(['https://e.x/1']);
    expect(urls({ text: 'SMIC' })).toEqual(['https://e.x/1', 'https://e.x/3']);
    expect(urls({ text: 'export' })).toEqual(['https://e.x/6', 'https://e.x/4']);
  });

  it('GIVEN a two-character Chinese word THEN it is found; a longer phrase only where its characters are adjacent', () => {
    expect(urls({ text: '华为' })).toEqual(['https://e.x/2']);
    expect(urls({ text: '昇腾芯片' })).toEqual(['https://e.x/2']);
    expect(urls({ text: '华为芯片' })).toEqual([]);
    expect(urls({ text: '昇腾910C' })).toEqual(['https://e.x/2']);
  });

  it('GIVEN hostile input THEN it is searched as text and never throws', () => {
    for (const text of ['NEAR', '"', '"NEAR"', 'a OR b', '*', '-', 'x*', '^huawei', 'col:huawei', 'title:smic', '(', ')', "'; DROP TABLE stories; --", '\u0000', 'AND', 'NOT huawei'])
      expect(() => q({ text }), text).not.toThrow();
    expect(urls({ text: 'NEAR' })).toEqual(['https://e.x/4']);
    expect(urls({ text: 'title:smic' })).toEqual([]);
    expect(q({ text: '- * "' }).emptyQuery).toBe(true);
  });

  it('GIVEN filters THEN vendor, language, topic, days and provenance narrow the clusters', () => {
    expect(urls({ vendor: 'huawei' })).toEqual(['https://e.x/1', 'https://e.x/3', 'https://e.x/2']);
    expect(urls({ vendor: 'huawei', lang: 'de' })).toEqual(['https://e.x/3']);
    expect(urls({ vendor: 'huawei', provenance: 'unnamed-sources' })).toEqual(['https://e.x/3']);
    expect(urls({ topic: 'funding' })).toContain('https://e.x/5');
    expect(urls({ topic: 'funding', days: 30 })).not.toContain('https://e.x/5');
    expect(urls({ days: 4 })).toEqual(['https://e.x/1', 'https://e.x/3']);
    expect(urls({ vendor: 'huawei', text: 'SMIC' })).toEqual(['https://e.x/1', 'https://e.x/3']);
    expect(urls({ chip: 'ascend-910c' })).toEqual(['https://e.x/1', 'https://e.x/2']);
    expect(urls({ vendor: 'moore-threads', topic: 'export-controls', days: 30 })).toEqual(['https://e.x/6']);
  });

  it('GIVEN more clusters than a page THEN pages follow each other and the last says no more', () => {
    const p1 = q({ pageSize: 4 });
    const p2 = q({ pageSize: 4, page: 2 });
    expect(p1.clusters).toHaveLength(4);
    expect(p1.hasMore).toBe(true);
    expect(p2.clusters).toHaveLength(2);
    expect(p2.hasMore).toBe(false);
    const all = [...p1.clusters, ...p2.clusters].map((c) => c.story.publishedAt);
    expect(all).toEqual([...all].sort((a, b) => b - a));
  });

  it('GIVEN matches stored out of publication order (a feed added late, a large feed in batches) THEN words are newest first by publication', () => {
    const local = testApp({ now: () => new Date(NOW) });
    const origin = { sourceId: 'late', outlet: 'Late Outlet', kind: 'trade' as const, weight: 0.7 };
    const batch = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k): NormalizedItem => {
        const n = from + k;
        // No vendor named, so no clustering: each story is its own cluster.
        return { guid: null, url: `https://late.example/${n}`, title: `Wafer supply bulletin ${n}`, summary: '', publishedAt: NOW - n * 3_600_000, publishedEstimated: false, lang: 'en' };
      });
    // The newest 80 stories arrive first (lower ids), the 80 older ones after them (higher ids).
    ingestItems(local, origin, batch(0, 80), { minRelevance: 0 });
    ingestItems(local, origin, batch(80, 160), { minRelevance: 0 });
    const page = searchNews(local.db, { text: 'wafer bulletin', page: 1, pageSize: 10, now: NOW });
    expect(page.clusters.map((c) => c.story.url)).toEqual(Array.from({ length: 10 }, (_, n) => `https://late.example/${n}`));
    const deep = searchNews(local.db, { text: 'wafer bulletin', page: 9, pageSize: 10, now: NOW });
    expect(deep.clusters.map((c) => c.story.url)).toEqual(Array.from({ length: 10 }, (_, n) => `https://late.example/${80 + n}`));
  });

  it('GIVEN stories in one second THEN their search keys follow each other, and a full second spills into the next', () => {
    const local = testApp({ now: () => new Date(NOW) });
    const at = Date.parse('2026-01-05T10:00:00.400Z');
    const base = searchKeyBase(at);
    expect(base).toBe(Math.floor(at / 1000) * SLOTS_PER_SECOND);
    const put = (key: number, n: number) =>
      local.db
        .prepare(
          `INSERT INTO stories (source_id, outlet, url, title, summary, lang, published_at, first_seen_at, relevance, weight, provenance, cluster_id, search_key)
           VALUES ('k', 'K', ?, 't', '', 'en', ?, 0, 1, 1, 'trade', (SELECT min(id) FROM clusters), ?)`,
        )
        .run(`https://k.example/${n}`, at, key);
    expect(nextSearchKey(local.db, at)).toBe(base);
    put(base, 1);
    expect(nextSearchKey(local.db, at + 300)).toBe(base + 1);
    put(base + SLOTS_PER_SECOND - 1, 2); // the second's last slot taken: it is full
    expect(nextSearchKey(local.db, at)).toBe(base + SLOTS_PER_SECOND);
  });

  it('GIVEN retention THEN old stories leave the search index too', () => {
    const local = storeApp();
    expect(searchNews(local.db, { text: 'STAR', page: 1, pageSize: 10, now: NOW }).clusters).toHaveLength(1);
    pruneOldStories(local.db, NOW, 30);
    expect(searchNews(local.db, { text: 'STAR', page: 1, pageSize: 10, now: NOW }).clusters).toHaveLength(0);
    expect(searchNews(local.db, { text: 'yields', page: 1, pageSize: 10, now: NOW }).clusters).toHaveLength(1);
  });
});

describe('traditional and simplified Chinese', () => {
  it('GIVEN a story in traditional characters THEN a simplified query finds it, and the other way round', () => {
    const local = testApp({ now: () => new Date(NOW) });
    ingestItems(local, { sourceId: 'tw', outlet: 'TW Outlet', kind: 'trade', weight: 0.7 }, [
      { guid: null, url: 'https://tw.example/1', title: '華為發佈昇騰晶片路線圖', summary: '', publishedAt: NOW - DAY, publishedEstimated: false, lang: 'zh' },
    ]);
    const find = (text: string) => searchNews(local.db, { text, page: 1, pageSize: 10, now: NOW }).clusters.map((c) => c.story.url);
    expect(find('华为')).toContain('https://tw.example/1');
    expect(find('華為')).toContain('https://tw.example/1');
    expect(find('路线图')).toContain('https://tw.example/1');
  });
});
