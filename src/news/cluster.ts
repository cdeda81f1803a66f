// Story clustering: the same event reported by several outlets, in any of the three languages, becomes
// one cluster. A new story is compared only with clusters that share a vendor and began within 72 hours
// of it (found through story_vendors' (vendor, published_at) key), so the cost stays flat as the store
// grows. Evidence of the same event: shared figures ("$5.5 billion" = "55亿美元"), model codes and chips,
// the same vendors, the same topic on the same day, and (within a language) similar titles.
import type { Db } from '../store/db.ts';
import { stmt } from '../store/db.ts';
import type { Lang } from './schema.ts';
import type { StoryFeatures } from './cluster-features.ts';
import { CONGLOMERATE_VENDORS } from './tag-terms.ts';

export const CLUSTER_WINDOW_MS = 72 * 3600_000;
/** Same vendors and the same topic count as one event only this close together. */
const SAME_DAY_MS = 30 * 3600_000;
/** Caps that keep a cluster's stored features small however many outlets join it. */
const MAX_FIGURES = 60;
const MAX_WORDS = 80;

/** Stored in clusters.features. */
export interface ClusterFeatures {
  v: string[];
  c: string[];
  f: string[];
  t: string[];
  w: Partial<Record<Lang, string[]>>;
  o: string[];
}

export interface ClusterProbe {
  vendors: string[];
  chips: string[];
  topics: string[];
  features: StoryFeatures;
  lang: Lang;
  publishedAt: number;
}

const count = <T>(a: readonly T[], b: ReadonlySet<T>) => a.reduce((n, x) => n + (b.has(x) ? 1 : 0), 0);

function jaccard(a: readonly string[], b: readonly string[], sb: ReadonlySet<string>): number {
  if (!a.length || !b.length) return 0;
  const inter = count(a, sb);
  return inter / (a.length + b.length - inter);
}

interface FeatureSets {
  v: Set<string>;
  c: Set<string>;
  f: Set<string>;
  t: Set<string>;
  w: Partial<Record<Lang, Set<string>>>;
}

// A cluster's features as sets, built once per features object: every story of a batch is scored against
// the same few clusters, and addToCluster replaces (never mutates) the object when a story joins.
const setsCache = new WeakMap<ClusterFeatures, FeatureSets>();

function setsOf(c: ClusterFeatures): FeatureSets {
  let s = setsCache.get(c);
  if (!s) {
    const w: FeatureSets['w'] = {};
    for (const [lang, words] of Object.entries(c.w) as [Lang, string[]][]) w[lang] = new Set(words);
    s = { v: new Set(c.v), c: new Set(c.c), f: new Set(c.f), t: new Set(c.t), w };
    setsCache.set(c, s);
  }
  return s;
}

/**
 * How strongly `p` looks like the event `c` began `dtMs` away from; null when it is not the same event.
 * Exported for the labelled-cluster test.
 */
export function sameEventScore(p: ClusterProbe, c: ClusterFeatures, dtMs: number): number | null {
  if (Math.abs(dtMs) > CLUSTER_WINDOW_MS) return null;
  const sets = setsOf(c);
  const cf = sets.f;
  const numbers = p.features.figures.filter((x) => !x.startsWith('c'));
  const codes = p.features.figures.filter((x) => x.startsWith('c'));
  const sharedFig = count(numbers, cf);
  const sharedCode = count(codes, cf);
  const sharedChip = count(p.chips, sets.c);
  const sharedTopic = count(p.topics, sets.t);
  const vendorJ = jaccard(p.vendors, c.v, sets.v);
  const words = p.features.words[p.lang] ?? [];
  const wordSim = jaccard(words, c.w[p.lang] ?? [], sets.w[p.lang] ?? new Set());
  const product = sharedChip + sharedCode;
  const sameDay = Math.abs(dtMs) <= SAME_DAY_MS;
  // A chip-only company rarely has two different stories on one topic in one day (its listing, its
  // results); a conglomerate's (Huawei, NVIDIA) can, so they need harder evidence.
  const focused = p.vendors.length > 0 && p.vendors.every((v) => !CONGLOMERATE_VENDORS.has(v));
  const same =
    sharedFig >= 2 ||
    (sharedFig >= 1 && (product >= 1 || vendorJ >= 0.5)) ||
    wordSim >= 0.4 ||
    (wordSim >= 0.2 && (product >= 1 || sharedFig >= 1)) ||
    (vendorJ === 1 && sameDay && (wordSim >= 0.25 || (sharedTopic >= 1 && product >= 1) || sharedTopic >= 2)) ||
    (vendorJ === 1 && sameDay && focused && sharedTopic >= 1);
  if (!same) return null;
  return 2 * sharedFig + sharedCode + sharedChip + vendorJ + 4 * wordSim + 0.5 * sharedTopic - Math.abs(dtMs) / CLUSTER_WINDOW_MS;
}

interface Cached {
  first: number;
  last: number;
  firstStoryId: number | null;
  count: number;
  features: ClusterFeatures;
  /** Changed since read: written back by flushClusters. */
  dirty: boolean;
}

// The clusters one ingest batch has looked at or joined, parsed once: a busy vendor has dozens of
// candidate clusters in any 72-hour window, and re-parsing their JSON for every story of a large batch
// dominated ingest time. Joins update the entry here, and flushClusters writes each changed cluster once
// at the end of the batch (not once per story). Scoped to a batch (one transaction), so it can never go
// stale.
export type ClusterCache = Map<number, Cached>;

export function newClusterCache(): ClusterCache {
  return new Map();
}

function cached(db: Db, cache: ClusterCache, id: number): Cached | null {
  const hit = cache.get(id);
  if (hit) return hit;
  const row = stmt<[number], { first_published_at: number; last_published_at: number; first_story_id: number | null; story_count: number; features: string }>(
    db,
    `SELECT first_published_at, last_published_at, first_story_id, story_count, features FROM clusters WHERE id = ?`,
  ).get(id);
  if (!row) return null;
  const entry: Cached = {
    first: row.first_published_at,
    last: row.last_published_at,
    firstStoryId: row.first_story_id,
    count: row.story_count,
    features: { v: [], c: [], f: [], t: [], w: {}, o: [], ...(JSON.parse(row.features) as Partial<ClusterFeatures>) },
    dirty: false,
  };
  cache.set(id, entry);
  return entry;
}

/** Stories read per vendor around a new story (the newest of its 72-hour window); their clusters are the candidates. */
const MAX_CANDIDATES = 40;

/** The best existing cluster for `p`, or null (then the caller starts one). */
export function findCluster(db: Db, cache: ClusterCache, p: ClusterProbe): number | null {
  if (!p.vendors.length) return null;
  // Per vendor, the newest stories in the window: an ordered walk of story_vendors' key, which holds
  // the cluster id too (rows written by other tools without it fall back to stories).
  const byVendor = stmt<[string, number, number], number>(
    db,
    `SELECT COALESCE(cluster_id, (SELECT cluster_id FROM stories WHERE id = story_id)) AS id FROM story_vendors
     WHERE vendor_slug = ? AND published_at BETWEEN ? AND ?
     ORDER BY published_at DESC LIMIT ${MAX_CANDIDATES}`,
  ).pluck(); // plain numbers, no row objects: this runs for every stored story
  const ids = new Set<number>();
  for (const v of p.vendors) for (const id of byVendor.all(v, p.publishedAt - CLUSTER_WINDOW_MS, p.publishedAt + CLUSTER_WINDOW_MS)) ids.add(id);
  let best: { id: number; score: number } | null = null;
  for (const id of ids) {
    const c = cached(db, cache, id);
    if (!c) continue;
    const score = sameEventScore(p, c.features, p.publishedAt - c.first);
    if (score !== null && (!best || score > best.score)) best = { id, score };
  }
  return best?.id ?? null;
}

export function newCluster(db: Db, publishedAt: number): number {
  const r = stmt(db, `INSERT INTO clusters (first_published_at, last_published_at, story_count) VALUES (?, ?, 0)`).run(publishedAt, publishedAt);
  return Number(r.lastInsertRowid);
}

const union = (a: readonly string[] = [], b: readonly string[] = [], cap = Infinity) => [...new Set([...a, ...b])].slice(0, cap);

/** Records a story joining a cluster (in the cache; flushClusters writes it): counts, first/last times, first report and merged features. */
export function addToCluster(db: Db, cache: ClusterCache, clusterId: number, storyId: number, p: ClusterProbe, outlet: string): void {
  const c = cached(db, cache, clusterId);
  if (!c) return;
  const old = c.features;
  const w: Partial<Record<Lang, string[]>> = { ...old.w };
  w[p.lang] = union(old.w[p.lang], p.features.words[p.lang], MAX_WORDS);
  // A new object, never a mutation: setsOf caches sets per features object.
  const merged: ClusterFeatures = {
    v: union(old.v, p.vendors),
    c: union(old.c, p.chips),
    f: union(old.f, p.features.figures, MAX_FIGURES),
    t: union(old.t, p.topics),
    w,
    o: union(old.o, [outlet], 20),
  };
  // first_story_id is the earliest-dated report, by the feeds' own dates: not the cluster's lead. The
  // link shown for a cluster is chosen by outlet weight, then first-seen time (search.ts clusterView,
  // latest.ts), since a feed's date can be set a minute early by an outlet copying the headline.
  const isFirst = c.count === 0 || p.publishedAt < c.first;
  cache.set(clusterId, {
    first: c.count === 0 ? p.publishedAt : Math.min(c.first, p.publishedAt),
    last: c.count === 0 ? p.publishedAt : Math.max(c.last, p.publishedAt),
    firstStoryId: isFirst ? storyId : c.firstStoryId,
    count: c.count + 1,
    features: merged,
    dirty: true,
  });
}

/** Writes the clusters the batch changed, each once. Call before the batch's transaction commits. */
export function flushClusters(db: Db, cache: ClusterCache): void {
  const write = stmt(
    db,
    `UPDATE clusters SET features = ?, story_count = ?, first_story_id = ?, first_published_at = ?, last_published_at = ? WHERE id = ?`,
  );
  for (const [id, c] of cache) {
    if (!c.dirty) continue;
    write.run(JSON.stringify(c.features), c.count, c.firstStoryId, c.first, c.last, id);
    c.dirty = false;
  }
}
