// What the ingest side (fetch, decode, parse, normalise) hands the store side (tag, dedupe, cluster, index).
import type { Lang } from './schema.ts';

export interface NormalizedItem {
  /** The feed's GUID / Atom id / JSON Feed id, if any. */
  guid: string | null;
  /** Canonical URL: absolute, tracking parameters and fragment removed. */
  url: string;
  /** Plain text, tags stripped, entities decoded, whitespace folded, capped. */
  title: string;
  summary: string;
  /** Unix ms. */
  publishedAt: number;
  /** True when the feed gave no usable date and first-seen was used. */
  publishedEstimated: boolean;
  lang: Lang;
}

/** Where a batch of items came from. */
export interface ItemOrigin {
  sourceId: string;
  outlet: string;
  kind: 'official' | 'trade' | 'general';
  weight: number;
}
