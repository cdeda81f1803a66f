// Why a stored story carries its tags, recomputed from its stored title and summary with today's tagger
// (no stored reasons, no migration). Shared by `chipwatch explain` (the full account) and `/news why:true`
// (one compact line per story for a channel manager), so both always tell the same story.
import type { Db } from '../store/db.ts';
import { stmt } from '../store/db.ts';
import { matchersOf } from './tag-matchers.ts';
import { tagStory, type Place, type StoryTags } from './tag.ts';
import { explainTopics, type TopicReason } from './topic-rules.ts';

export interface StoredStory {
  id: number;
  url: string;
  title: string;
  summary: string;
  relevance: number;
}

const COLS = 'id, url, title, summary, relevance';

export function storyById(db: Db, id: number): StoredStory | undefined {
  return stmt<[number], StoredStory>(db, `SELECT ${COLS} FROM stories WHERE id = ?`).get(id);
}

export function storyByUrl(db: Db, url: string): StoredStory | undefined {
  return stmt<[string], StoredStory>(db, `SELECT ${COLS} FROM stories WHERE url = ?`).get(url);
}

export interface StoryExplanation {
  tags: StoryTags;
  topics: TopicReason[];
}

/** Today's tags for a title and summary, with a reason for each. */
export function explainStory(db: Db, title: string, summary: string): StoryExplanation {
  return { tags: tagStory(matchersOf(db), title, summary, { explain: true }), topics: explainTopics(title, summary) };
}

/** One tag and what made it: `mention` marks a vendor named but not the subject. */
export interface ReasonPart {
  kind: 'vendor' | 'topic';
  tag: string;
  mention: boolean;
  phrase: string;
  place: Place;
}

/** Vendor tags, then mentioned vendors, then topics: the first reason found for each. */
export function reasonParts(e: StoryExplanation): ReasonPart[] {
  const parts: ReasonPart[] = [];
  const vendorReasons = (e.tags.reasons ?? []).filter((r) => r.kind === 'vendor');
  const first = (slug: string, tagged: boolean) => vendorReasons.find((r) => r.slug === slug && r.tagged === tagged) ?? vendorReasons.find((r) => r.slug === slug);
  for (const [slugs, mention] of [
    [e.tags.vendors, false],
    [e.tags.mentioned, true],
  ] as const) {
    for (const slug of slugs) {
      const r = first(slug, !mention);
      if (r) parts.push({ kind: 'vendor', tag: slug, mention, phrase: r.phrase, place: r.place });
    }
  }
  for (const r of e.topics) parts.push({ kind: 'topic', tag: r.topic, mention: false, phrase: r.phrase, place: r.place });
  return parts;
}

/** A phrase from feed text, made one short plain line: no line breaks, no quotes to confuse the quoting. */
export function plainPhrase(s: string, max = 40): string {
  const one = s.replace(/[\s"“”]+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}
