// The stories a channel should hear about. A batch of new stories is read ONCE per tick (every channel due
// at that tick shares it) into flat arrays indexed by position: per-vendor lists of positions, a dense
// cluster index, topic bit masks and precomputed scores. Channels with the same filter (vendors, topics,
// exclude words) share ONE walk over their stories, newest first: as the walk passes each channel's cursor
// it takes that channel's snapshot (top clusters and count). A cluster's rank key only grows as older
// stories join (it is the best score, or newest date, of its stories), so a short top list kept during
// the walk is exact. This is what lets 10,000 digests over a busy day build in about a second.
import type { Db } from '../store/db.ts';
import { stmt } from '../store/db.ts';
import { TOPIC_IDS } from '../news/topics.ts';

export interface StoryRec {
  id: number;
  clusterId: number;
  title: string;
  url: string;
  outlet: string;
  publishedAt: number;
  relevance: number;
  weight: number;
  /** Outlets that reported the cluster so far (clusters.story_count). */
  coverage: number;
  vendors: string[];
  /** Lower-cased title + summary, for exclude words. */
  haystack: string;
}

export interface ChannelFilter {
  allVendors: boolean;
  vendors: string[];
  topics: string[];
  exclude: string[];
}

export interface RankedCluster {
  clusterId: number;
  lead: StoryRec;
  vendor: string;
  score: number;
  /** Other outlets in the cluster (coverage so far minus the lead). */
  more: number;
}

export interface Selection {
  /** The best `limit` clusters, in the order asked for. */
  top: RankedCluster[];
  /** How many clusters matched in all. */
  total: number;
  /** Every matched cluster id (only when asked: real-time records them all as posted). */
  clusterIds?: number[];
}

const HOUR = 3600_000;
const TOPIC_BIT = new Map<string, number>(TOPIC_IDS.map((t, i) => [t, 1 << i]));

/** Relevance first, then the outlet's weight, then freshness (decays over about a day and a half). */
export function storyScore(s: StoryRec, nowMs: number): number {
  const ageH = Math.max(0, (nowMs - s.publishedAt) / HOUR);
  return 0.5 * s.relevance + 0.3 * s.weight + 0.2 * Math.exp(-ageH / 36);
}

/** Which report leads a cluster: the best (relevance, then outlet weight); the earliest on a tie. */
function quality(s: StoryRec): number {
  return 0.5 * s.relevance + 0.3 * s.weight;
}

export class StoryBatch {
  readonly all: StoryRec[] = [];
  private readonly byVendor = new Map<string, number[]>();
  private readonly everyone: number[] = [];
  private clusterOf = new Int32Array(0);
  private readonly clusterIds: number[] = [];
  private readonly dense = new Map<number, number>();
  private topicBits = new Int32Array(0);
  private score = new Float64Array(0);
  private quality = new Float64Array(0);
  private ids = new Float64Array(0);
  /** The smallest cluster id in the batch: posted-cluster lookups start there. */
  minClusterId = Infinity;
  // Scratch, reused by every selection (stamped with a generation instead of cleared).
  private gen = 0;
  private clusterStamp = new Int32Array(0);
  private clusterLead = new Int32Array(0);
  private touched = new Int32Array(0);
  private clusterKey = new Float64Array(0);
  private published = new Float64Array(0);

  constructor(rows: (StoryRec & { topics: string[] })[], nowMs: number) {
    const n = rows.length;
    this.clusterOf = new Int32Array(n);
    this.topicBits = new Int32Array(n);
    this.score = new Float64Array(n);
    this.quality = new Float64Array(n);
    this.ids = new Float64Array(n);
    this.published = new Float64Array(n);
    const dense = this.dense;
    rows.forEach((r, i) => {
      const { topics, ...rec } = r;
      this.all.push(rec);
      this.everyone.push(i);
      for (const v of rec.vendors) {
        let list = this.byVendor.get(v);
        if (!list) this.byVendor.set(v, (list = []));
        list.push(i);
      }
      let c = dense.get(rec.clusterId);
      if (c === undefined) {
        dense.set(rec.clusterId, (c = this.clusterIds.length));
        this.clusterIds.push(rec.clusterId);
        if (rec.clusterId < this.minClusterId) this.minClusterId = rec.clusterId;
      }
      this.clusterOf[i] = c;
      let bits = 0;
      for (const t of topics) bits |= TOPIC_BIT.get(t) ?? 0;
      this.topicBits[i] = bits;
      // Wide coverage lifts a cluster a little; folded in here so ranking does no maths per channel.
      this.score[i] = storyScore(rec, nowMs) + 0.05 * Math.log2(Math.max(1, rec.coverage));
      this.quality[i] = quality(rec);
      this.ids[i] = rec.id;
      this.published[i] = rec.publishedAt;
    });
    this.clusterStamp = new Int32Array(this.clusterIds.length);
    this.clusterLead = new Int32Array(this.clusterIds.length);
    this.touched = new Int32Array(this.clusterIds.length);
    this.clusterKey = new Float64Array(this.clusterIds.length);
  }

  /**
   * One channel's clusters among stories with id > cursor that pass its vendors, topics and exclude words,
   * minus `posted`: the best `limit` by score (digests) or by newest report (real-time bursts), the count,
   * and (wantIds) every matched cluster id. Stories published before `minPublishedAt` are ignored.
   */
  select(f: ChannelFilter, cursor: number, posted: ReadonlySet<number>, limit: number, order: 'score' | 'newest', wantIds = false, minPublishedAt = -Infinity): Selection {
    return this.selectMany(f, [{ cursor, posted }], limit, order, wantIds, minPublishedAt)[0]!;
  }

  /** `select` for many channels with the same filter (different cursors and posted sets), in one walk. */
  selectMany(f: ChannelFilter, reqs: readonly { cursor: number; posted: ReadonlySet<number> }[], limit: number, order: 'score' | 'newest', wantIds = false, minPublishedAt = -Infinity): Selection[] {
    const out: Selection[] = new Array(reqs.length);
    if (!reqs.length) return out;
    const byCursor = reqs.map((_, i) => i).sort((a, b) => reqs[b]!.cursor - reqs[a]!.cursor);
    const gen = ++this.gen;
    const lists = f.allVendors ? [this.everyone] : f.vendors.map((v) => this.byVendor.get(v)).filter((l): l is number[] => l !== undefined);
    let mask = 0;
    for (const t of f.topics) mask |= TOPIC_BIT.get(t) ?? 0;
    const exclude = f.exclude;
    const { clusterStamp, clusterLead, clusterKey, touched, clusterOf, topicBits, quality: q, ids, all, published } = this;
    const key = order === 'score' ? this.score : published;
    // Room for clusters a channel already had (posted) without falling short of `limit`; exact for one.
    const room = limit + (reqs.length === 1 ? reqs[0]!.posted.size : 16);
    const redo: number[] = [];
    const topC: number[] = [];
    let nTouched = 0;
    // Newest-first merge of the vendor lists (a story on two followed vendors is met twice in a row).
    const pos = lists.map((l) => l.length - 1);
    let r = 0;
    let lastId = Infinity;
    for (;;) {
      let best = -1;
      let bestId = -Infinity;
      for (let k = 0; k < lists.length; k++) {
        const p = pos[k]!;
        if (p >= 0) {
          const id = ids[lists[k]![p]!]!;
          if (id > bestId) {
            bestId = id;
            best = k;
          }
        }
      }
      // Every channel whose cursor the walk has now passed gets its snapshot.
      while (r < byCursor.length && bestId <= reqs[byCursor[r]!]!.cursor) {
        const i = byCursor[r++]!;
        const snap = this.snapshot(f, topC, room, nTouched, reqs[i]!, limit, wantIds);
        if (snap) out[i] = snap;
        else redo.push(i);
      }
      if (best < 0 || r >= byCursor.length) break;
      const si = lists[best]![pos[best]!]!;
      pos[best]!--;
      if (bestId === lastId) continue; // the same story from a second vendor list
      lastId = bestId;
      if (mask !== 0 && (topicBits[si]! & mask) === 0) continue;
      if (published[si]! < minPublishedAt) continue;
      if (exclude.length !== 0 && excluded(all[si]!.haystack, exclude)) continue;
      const ci = clusterOf[si]!;
      const kv = key[si]!;
      if (clusterStamp[ci] !== gen) {
        clusterStamp[ci] = gen;
        clusterLead[ci] = si;
        clusterKey[ci] = kv;
        touched[nTouched++] = ci;
        offer(topC, clusterKey, ci, room, false);
      } else {
        const lead = clusterLead[ci]!;
        // Walking backwards, an equal-quality older report becomes the lead (the first report wins ties).
        if (q[si]! >= q[lead]!) clusterLead[ci] = si;
        if (kv > clusterKey[ci]!) {
          clusterKey[ci] = kv;
          offer(topC, clusterKey, ci, room, true);
        }
      }
    }
    // Channels whose posted clusters crowded the shared short list get a walk of their own (rare).
    for (const i of redo) out[i] = this.selectMany(f, [reqs[i]!], limit, order, wantIds, minPublishedAt)[0]!;
    return out;
  }

  /** The channel's selection from the walk so far; null if the short list cannot answer it exactly. */
  private snapshot(f: ChannelFilter, topC: number[], room: number, nTouched: number, req: { cursor: number; posted: ReadonlySet<number> }, limit: number, wantIds: boolean): Selection | null {
    const { clusterIds, clusterLead, clusterKey, clusterStamp, all, touched, dense, gen } = this;
    let postedTouched = 0;
    for (const c of req.posted) {
      const ci = dense.get(c);
      if (ci !== undefined && clusterStamp[ci] === gen) postedTouched++;
    }
    const picked: number[] = [];
    for (const ci of topC) {
      if (picked.length === limit) break;
      if (!req.posted.has(clusterIds[ci]!)) picked.push(ci);
    }
    if (picked.length < limit && topC.length === room && nTouched - postedTouched > picked.length) return null;
    const top = picked.map((ci) => {
      const lead = all[clusterLead[ci]!]!;
      return { clusterId: clusterIds[ci]!, lead, vendor: vendorFor(lead, f), score: clusterKey[ci]!, more: Math.max(0, lead.coverage - 1) };
    });
    const sel: Selection = { top, total: nTouched - postedTouched };
    if (wantIds) {
      const ids: number[] = [];
      for (let k = 0; k < nTouched; k++) {
        const c = clusterIds[touched[k]!]!;
        if (!req.posted.has(c)) ids.push(c);
      }
      sel.clusterIds = ids;
    }
    return sel;
  }
}

/** Keeps `top` (cluster indexes, best key first, ties: higher index first) at most `room` long. */
function offer(top: number[], key: Float64Array, ci: number, room: number, maybeIn: boolean): void {
  const kv = key[ci]!;
  let j = -1;
  if (maybeIn) j = top.indexOf(ci);
  if (j < 0) {
    if (top.length === room) {
      const last = top[room - 1]!;
      if (kv < key[last]! || (kv === key[last] && ci < last)) return;
      j = room - 1;
    } else j = top.length;
  }
  // Move up past every entry that now ranks below.
  while (j > 0) {
    const prev = top[j - 1]!;
    if (key[prev]! > kv || (key[prev] === kv && prev > ci)) break;
    top[j] = prev;
    j--;
  }
  top[j] = ci;
}

function excluded(haystack: string, words: string[]): boolean {
  for (const w of words) if (haystack.includes(w)) return true;
  return false;
}

/** The vendor a story is filed under for this channel: the first of its vendors the channel follows. */
export function vendorFor(s: StoryRec, f: ChannelFilter): string {
  if (f.allVendors) return s.vendors[0] ?? 'other';
  return s.vendors.find((v) => f.vendors.includes(v)) ?? s.vendors[0] ?? 'other';
}

interface Row {
  id: number;
  cluster_id: number;
  title: string;
  summary: string;
  url: string;
  outlet: string;
  published_at: number;
  relevance: number;
  weight: number;
  coverage: number | null;
  v: string | null;
  t: string | null;
}

/** Stories with fromId < id <= toId, with their vendors and topics, scored as of `nowMs`. */
export function loadStories(db: Db, fromId: number, toId: number, nowMs: number): StoryBatch {
  const rows = stmt<[number, number], Row>(
    db,
    `SELECT s.id, s.cluster_id, s.title, s.summary, s.url, s.outlet, s.published_at, s.relevance, s.weight, c.story_count AS coverage,
       (SELECT group_concat(vendor_slug) FROM story_vendors WHERE story_id = s.id) AS v,
       (SELECT group_concat(topic) FROM story_topics WHERE story_id = s.id) AS t
     FROM stories s LEFT JOIN clusters c ON c.id = s.cluster_id
     WHERE s.id > ? AND s.id <= ? ORDER BY s.id`,
  ).all(fromId, toId);
  return new StoryBatch(
    rows.map((r) => ({
      id: r.id,
      clusterId: r.cluster_id,
      title: r.title,
      url: r.url,
      outlet: r.outlet,
      publishedAt: r.published_at,
      relevance: r.relevance,
      weight: r.weight,
      coverage: r.coverage ?? 1,
      vendors: r.v ? r.v.split(',') : [],
      topics: r.t ? r.t.split(',') : [],
      haystack: `${r.title}\n${r.summary}`.toLowerCase(),
    })),
    nowMs,
  );
}

/** Cluster ids (from `fromClusterId` on) already posted to the subscription. */
export function postedClusters(db: Db, subId: number, fromClusterId: number): Set<number> {
  if (!Number.isFinite(fromClusterId)) return new Set();
  return new Set(stmt<[number, number], number>(db, `SELECT cluster_id FROM posted_clusters WHERE subscription_id = ? AND cluster_id >= ?`).pluck().all(subId, fromClusterId));
}

/** postedClusters for many subscriptions in one query. */
export function postedClustersOf(db: Db, subIds: number[], fromClusterId: number): Map<number, Set<number>> {
  const out = new Map<number, Set<number>>(subIds.map((id) => [id, new Set<number>()]));
  if (!Number.isFinite(fromClusterId) || !subIds.length) return out;
  const rows = stmt<[string, number], { subscription_id: number; cluster_id: number }>(
    db,
    `SELECT p.subscription_id, p.cluster_id FROM json_each(?) j JOIN posted_clusters p ON p.subscription_id = j.value AND p.cluster_id >= ?`,
  ).all(JSON.stringify(subIds), fromClusterId);
  for (const r of rows) out.get(r.subscription_id)?.add(r.cluster_id);
  return out;
}

export function recordPosted(db: Db, subId: number, clusterIds: number[], nowMs: number): void {
  const ins = stmt(db, `INSERT OR IGNORE INTO posted_clusters (subscription_id, cluster_id, posted_at) VALUES (?, ?, ?)`);
  for (const c of clusterIds) ins.run(subId, c, nowMs);
}
