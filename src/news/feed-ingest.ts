// Ingests one feed body (from a poll or a file): readFeed (decode, parse, normalise), then the store
// side's ingestItems (tag, dedupe, cluster, index) under the feed's origin.
import type { App } from '../app.ts';
import { ingestItems } from './ingest-items.ts';
import { readFeed, type ReadOptions, type ReadResult } from './feed-read.ts';
import type { ItemOrigin, NormalizedItem } from './types.ts';

export type IngestFn = (app: App, origin: ItemOrigin, items: NormalizedItem[]) => { added: number; duplicates: number; dropped: number } | Promise<{ added: number; duplicates: number; dropped: number }>;

export type FeedIngestResult =
  | (Extract<ReadResult, { ok: true }> & { added: number; duplicates: number; dropped: number })
  | Extract<ReadResult, { ok: false }>;

/** Reads a feed body and stores its items under `origin`. Never throws for a bad feed. */
export async function ingestFeed(app: App, origin: ItemOrigin, bytes: Buffer, o: ReadOptions, ingest: IngestFn = ingestItems): Promise<FeedIngestResult> {
  const r = await readFeed(bytes, o);
  if (!r.ok) return r;
  if (!r.items.length) return { ...r, added: 0, duplicates: 0, dropped: 0 };
  const stored = await ingest(app, origin, r.items);
  return { ...r, ...stored };
}

