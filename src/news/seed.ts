// Loads data/news-seed.json (real, dated stories) through the same ingest path as the feeds, so a fresh
// install shows news before any feed is reachable. The file's hash is kept in news_meta: an unchanged
// seed costs one file read and one hash at start. Stories already stored are duplicates (by URL) and
// stay as they are, so re-loading an edited seed adds only the new ones.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { App } from '../app.ts';
import { DATA_DIR } from '../catalog/load.ts';
import { stmt } from '../store/db.ts';
import { parseDataFile } from '../core/data-file.ts';
import { NewsSeedFile, type SeedStory } from './schema.ts';
import { ingestItems } from './ingest-items.ts';
import type { NormalizedItem } from './types.ts';

export const SEED_SOURCE_ID = 'seed';
/** How much a seed story counts in ranking: picked by a person, from established outlets. */
const SEED_WEIGHT = 0.8;

export class SeedError extends Error {
  override readonly name = 'SeedError';
}

/** "2025-04-15" (UTC midnight) or a date-time with offset → unix ms. */
function publishedMs(s: SeedStory['published']): number {
  return Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
}

export interface SeedResult {
  changed: boolean;
  added: number;
  duplicates: number;
  dropped: number;
}

export function loadNewsSeed(app: App, file = path.join(DATA_DIR, 'news-seed.json')): SeedResult {
  const none = { changed: false, added: 0, duplicates: 0, dropped: 0 };
  if (!existsSync(file)) return none;
  const text = readFileSync(file, 'utf8');
  const hash = createHash('sha256').update(text).digest('hex');
  const known = stmt<[], { value: string }>(app.db, `SELECT value FROM news_meta WHERE key = 'seed_hash'`).get();
  if (known?.value === hash) return none;
  const parsed = parseDataFile(text, file, NewsSeedFile, 'news seed', SeedError);
  // An ingest batch carries one outlet: stories in date order, consecutive ones of an outlet batched
  // together, so story ids follow publication order across the whole seed.
  const items = parsed.stories
    .map((s) => ({ outlet: s.outlet, item: { guid: null, url: s.url, title: s.title, summary: s.summary, publishedAt: publishedMs(s.published), publishedEstimated: false, lang: s.lang } satisfies NormalizedItem }))
    .sort((a, b) => a.item.publishedAt - b.item.publishedAt);
  const batches: [string, NormalizedItem[]][] = [];
  for (const { outlet, item } of items) {
    const last = batches[batches.length - 1];
    if (last && last[0] === outlet) last[1].push(item);
    else batches.push([outlet, [item]]);
  }
  const total = { changed: true, added: 0, duplicates: 0, dropped: 0 };
  app.db.transaction(() => {
    for (const [outlet, batch] of batches) {
      // A person picked these: keep them whatever the relevance score says.
      const r = ingestItems(app, { sourceId: SEED_SOURCE_ID, outlet, kind: 'trade', weight: SEED_WEIGHT }, batch, { minRelevance: 0 });
      total.added += r.added;
      total.duplicates += r.duplicates;
      total.dropped += r.dropped;
    }
    stmt(app.db, `INSERT INTO news_meta (key, value) VALUES ('seed_hash', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(hash);
  })();
  app.log.info({ ...total }, 'news seed loaded');
  return total;
}

/** At start: load the seed, but a broken seed file is logged, never a reason not to start. */
export function seedNewsAtStart(app: App): void {
  try {
    loadNewsSeed(app);
  } catch (e) {
    app.log.error({ err: e }, 'news seed not loaded');
  }
}
