// The latest stories about a vendor, for /chip's vendor card. (Owned by the news pipeline.)
import type { Db } from '../store/db.ts';

export interface StoryLine {
  title: string;
  url: string;
  outlet: string;
  /** ISO 8601 instant. */
  published: string;
  lang: 'en' | 'zh' | 'de';
  /** Other outlets that covered the same story (its cluster). */
  alsoCoveredBy: string[];
}

export function latestStoriesForVendor(_db: Db, _vendorSlug: string, _limit: number): StoryLine[] {
  return []; // Replaced by the news pipeline's query.
}
