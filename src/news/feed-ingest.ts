// Ingests one feed body (from a poll or a file): the reader (decode, parse, normalise; a worker thread in
// the bot) hands over items in batches as it reads them, and each batch is stored at once by the store
// side's ingestItems (tag, dedupe, cluster, index) under the feed's origin, one transaction per batch. A
// crash between batches loses nothing: the feed's ETag is recorded only after the last batch, so the next
// poll reads it again, and the batches already stored are duplicates then.
import type { App } from '../app.ts';
import { ingestItems, type IngestResult } from './ingest-items.ts';
import type { ReadOptions, ReadResult } from './feed-read.ts';
import { inThreadReader, type FeedReader } from './feed-reader.ts';
import type { ItemOrigin, NormalizedItem } from './types.ts';

export type IngestFn = (app: App, origin: ItemOrigin, items: NormalizedItem[]) => IngestResult;

export type FeedIngestResult = (Extract<ReadResult, { ok: true }> & IngestResult) | Extract<ReadResult, { ok: false }>;

export interface FeedIngestOptions {
  /** Where the body is read; in this thread unless given. */
  reader?: FeedReader;
  /** The store side (the bench wraps it to time it). */
  ingest?: IngestFn;
}

/** Reads a feed body and stores its items under `origin`. Never throws for a bad feed. */
export async function ingestFeed(app: App, origin: ItemOrigin, bytes: Buffer, o: ReadOptions, opts: FeedIngestOptions = {}): Promise<FeedIngestResult> {
  const ingest = opts.ingest ?? ingestItems;
  const stored: IngestResult = { added: 0, duplicates: 0, dropped: 0 };
  // A store error (a full disk, a bug) must surface after the read, not as an unhandled error in between.
  let storeError: unknown = null;
  const r = await (opts.reader ?? inThreadReader).read(bytes, o, (items) => {
    if (storeError !== null) return;
    try {
      const s = ingest(app, origin, items);
      stored.added += s.added;
      stored.duplicates += s.duplicates;
      stored.dropped += s.dropped;
    } catch (e) {
      storeError = e;
    }
  });
  if (storeError !== null) throw storeError;
  if (!r.ok) return r;
  return { ...r, ...stored };
}
