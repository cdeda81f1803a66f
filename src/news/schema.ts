// The shape of data/sources.json (the feeds chipwatch polls) and data/news-seed.json (real, dated
// stories shipped so a fresh install shows news before any feed is reachable).
import { z } from 'zod';
import { Slug } from '../catalog/schema.ts';

export const Lang = z.enum(['en', 'zh', 'de']);
export type Lang = z.infer<typeof Lang>;

/** official: vendor, exchange filing or government; trade: trade/tech press; general: general news. */
export const SourceKind = z.enum(['official', 'trade', 'general']);

export const FeedSource = z.strictObject({
  id: Slug,
  name: z.string().min(2),
  homepage: z.url({ protocol: /^https?$/ }),
  feedUrl: z.url({ protocol: /^https?$/ }),
  lang: Lang,
  kind: SourceKind,
  /** Minutes between polls. */
  pollMinutes: z.number().int().min(5).max(1440),
  /** How much a story from this outlet counts in ranking, 0.1 (weak) to 1 (strong). */
  weight: z.number().min(0.1).max(1),
  enabled: z.boolean(),
  note: z.string().optional(),
});
export type FeedSource = z.infer<typeof FeedSource>;
export const SourcesFile = z.strictObject({ $comment: z.string().optional(), sources: z.array(FeedSource).min(1) });

export const SeedStory = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  title: z.string().min(10).max(300),
  summary: z.string().max(1000),
  outlet: z.string().min(2),
  lang: Lang,
  /** ISO 8601 date or date-time (UTC if no offset). */
  published: z.union([z.iso.datetime({ offset: true }), z.iso.date()]),
  /** Vendor slugs the story is about, as a person labelled it (also a check on the tagger). */
  vendors: z.array(Slug).min(1),
});
export type SeedStory = z.infer<typeof SeedStory>;
export const NewsSeedFile = z.strictObject({ $comment: z.string().optional(), stories: z.array(SeedStory).min(40) });
