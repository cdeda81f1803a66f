// /news's query: the latest story clusters, newest first, filtered by vendor or chip, words (full-text),
// topic, days, language and provenance, paged. Candidate stories stream newest first from whichever index
// drives the filter best, and are folded into clusters until the page is known:
//   - words: stories_fts in descending rowid order, which is publication order (the rowid is the story's
//     search_key, see search-key.ts). bm25 ranking over common words is what makes FTS slow
//     (../shared/notes/feeds-and-parsers.md §5), so results are never ranked by it;
//   - otherwise story_vendors / story_topics / stories by published_at (their keys lead with it).
import type { Db } from '../store/db.ts';
import { stmt } from '../store/db.ts';
import type { Lang } from './schema.ts';
import type { TopicId } from './topics.ts';
import type { Provenance } from './topic-rules.ts';
import { ftsQuery } from './search-text.ts';

export interface NewsQuery {
  vendor?: string;
  chip?: string;
  /** Free text, searched as plain words (never FTS syntax). */
  text?: string;
  topic?: TopicId;
  days?: number;
  lang?: Lang;
  provenance?: Provenance;
  /** 1-based. */
  page: number;
  pageSize: number;
  /** Unix ms. */
  now: number;
}

export interface StoryView {
  id: number;
  title: string;
  url: string;
  outlet: string;
  lang: Lang;
  publishedAt: number;
  provenance: Provenance;
}

export interface ClusterView {
  clusterId: number;
  /**
   * The lead report (in the requested language, when one is given): from the heaviest outlet, the first
   * seen among equals. Never by the date a feed claims: an outlet that copies a headline and dates it a
   * minute earlier does not become the link.
   */
  story: StoryView;
  /** Other outlets that covered it, in the order we saw them. */
  alsoCoveredBy: string[];
  storyCount: number;
  topics: TopicId[];
}

export interface NewsPage {
  clusters: ClusterView[];
  hasMore: boolean;
  /** Words were given but nothing searchable was left in them (only punctuation). */
  emptyQuery: boolean;
}

/** Stories examined at most per request: deep pages of rare filter combinations stop here. */
const SCAN_LIMIT = 20_000;

function candidateSql(q: NewsQuery, match: string | null): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  let from: string;
  let order: string;
  if (match !== null) {
    from = `stories_fts f JOIN stories s ON s.search_key = f.rowid`;
    where.push(`stories_fts MATCH ?`);
    params.push(match);
    order = `f.rowid DESC`;
  } else if (q.vendor) {
    from = `story_vendors d JOIN stories s ON s.id = d.story_id`;
    where.push(`d.vendor_slug = ?`);
    params.push(q.vendor);
    order = `d.published_at DESC, d.story_id DESC`;
  } else if (q.topic) {
    from = `story_topics d JOIN stories s ON s.id = d.story_id`;
    where.push(`d.topic = ?`);
    params.push(q.topic);
    order = `d.published_at DESC, d.story_id DESC`;
  } else {
    from = `stories s`;
    order = `s.published_at DESC, s.id DESC`;
  }
  if (q.days !== undefined) {
    where.push(match === null && (q.vendor || q.topic) ? `d.published_at >= ?` : `s.published_at >= ?`);
    params.push(q.now - q.days * 86_400_000);
  }
  if (q.lang) {
    where.push(`s.lang = ?`);
    params.push(q.lang);
  }
  if (q.provenance) {
    where.push(`s.provenance = ?`);
    params.push(q.provenance);
  }
  if (q.vendor && match !== null) {
    where.push(`EXISTS (SELECT 1 FROM story_vendors v WHERE v.story_id = s.id AND v.vendor_slug = ?)`);
    params.push(q.vendor);
  }
  if (q.topic && (match !== null || q.vendor)) {
    where.push(`EXISTS (SELECT 1 FROM story_topics t WHERE t.story_id = s.id AND t.topic = ?)`);
    params.push(q.topic);
  }
  if (q.chip) {
    where.push(`EXISTS (SELECT 1 FROM story_chips c WHERE c.story_id = s.id AND c.chip_slug = ?)`);
    params.push(q.chip);
  }
  const sql = `SELECT s.cluster_id FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order} LIMIT ?`;
  return { sql, params };
}

interface StoryRow {
  id: number;
  title: string;
  url: string;
  outlet: string;
  lang: Lang;
  published_at: number;
  provenance: Provenance;
  weight: number;
  first_seen_at: number;
}

function view(r: StoryRow): StoryView {
  return { id: r.id, title: r.title, url: r.url, outlet: r.outlet, lang: r.lang, publishedAt: r.published_at, provenance: r.provenance };
}

/** What the reader filtered on: the cluster is shown by its first report that matches it. */
export interface Preference {
  lang?: Lang;
  vendor?: string;
  chip?: string;
  /** A cluster found by a provenance filter is shown by a report of that provenance, so its marker matches the filter. */
  provenance?: Provenance;
}

/** The stories of a cluster, as a ClusterView led by its best report. */
export function clusterView(db: Db, clusterId: number, prefer: Preference = {}): ClusterView | null {
  const seen = stmt<[number], StoryRow>(
    db,
    // Bounded: a cluster spans 72 hours, but one feed flooding a vendor could still make it large.
    `SELECT id, title, url, outlet, lang, published_at, provenance, weight, first_seen_at FROM stories WHERE cluster_id = ? ORDER BY first_seen_at, id LIMIT 200`,
  ).all(clusterId);
  if (!seen.length) return null;
  // Heaviest outlet first, then first seen (our clock, not the feed's).
  const stories = [...seen].sort((a, b) => b.weight - a.weight || a.first_seen_at - b.first_seen_at || a.id - b.id);
  const names = (s: StoryRow) =>
    (!prefer.vendor || stmt<[number, string], { x: number }>(db, `SELECT 1 AS x FROM story_vendors WHERE story_id = ? AND vendor_slug = ?`).get(s.id, prefer.vendor)) &&
    (!prefer.chip || stmt<[number, string], { x: number }>(db, `SELECT 1 AS x FROM story_chips WHERE story_id = ? AND chip_slug = ?`).get(s.id, prefer.chip));
  const inLang = (s: StoryRow) => !prefer.lang || s.lang === prefer.lang;
  const ofProvenance = (s: StoryRow) => !prefer.provenance || s.provenance === prefer.provenance;
  const rep =
    stories.find((s) => ofProvenance(s) && inLang(s) && names(s)) ??
    stories.find((s) => inLang(s) && names(s)) ??
    stories.find(inLang) ??
    stories[0]!;
  const also: string[] = [];
  for (const s of seen) if (s.outlet !== rep.outlet && !also.includes(s.outlet)) also.push(s.outlet);
  const topics = stmt<[number], { topic: TopicId }>(
    db,
    `SELECT DISTINCT t.topic FROM story_topics t JOIN stories s ON s.id = t.story_id WHERE s.cluster_id = ?`,
  )
    .all(clusterId)
    .map((r) => r.topic);
  const count = stmt<[number], { n: number }>(db, `SELECT story_count AS n FROM clusters WHERE id = ?`).get(clusterId)?.n ?? stories.length;
  return { clusterId, story: view(rep), alsoCoveredBy: also, storyCount: Math.max(count, stories.length), topics };
}

export function searchNews(db: Db, q: NewsQuery): NewsPage {
  const match = q.text?.trim() ? ftsQuery(q.text) : null;
  if (q.text?.trim() && match === null) return { clusters: [], hasMore: false, emptyQuery: true };
  const { sql, params } = candidateSql(q, match);
  const clusterIds = stmt<unknown[], number>(db, sql).pluck();
  const want = q.page * q.pageSize + 1; // one more than the page shows tells whether there is a next page
  // Clusters in the order of their newest matching story, streamed newest first and stopped as soon as
  // the page is known (no OFFSET re-scans).
  const order = new Set<number>();
  for (const id of clusterIds.iterate(...params, SCAN_LIMIT)) {
    order.add(id);
    if (order.size >= want) break;
  }
  const start = (q.page - 1) * q.pageSize;
  const clusters = [...order]
    .slice(start, start + q.pageSize)
    .map((id) =>
      clusterView(db, id, {
        ...(q.lang ? { lang: q.lang } : {}),
        ...(q.vendor ? { vendor: q.vendor } : {}),
        ...(q.chip ? { chip: q.chip } : {}),
        ...(q.provenance ? { provenance: q.provenance } : {}),
      }),
    )
    .filter((c): c is ClusterView => c !== null);
  return { clusters, hasMore: order.size > start + q.pageSize, emptyQuery: false };
}
