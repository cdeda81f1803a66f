// StoryBatch.selectMany (one shared newest-first walk for many channels with the same filter) must give
// each channel exactly what a plain per-channel computation gives: same top clusters, leads and counts.
// The reference below is the obvious slow version, written independently of the walk.
import { describe, expect, it } from 'vitest';
import { StoryBatch, storyScore, type ChannelFilter, type StoryRec } from '../src/delivery/stories.ts';
import { seeded } from './fakes/platform.ts';

const VENDORS = ['huawei', 'cambricon', 'metax', 'biren'];
const TOPICS = ['launch', 'funding', 'earnings'];
const NOW = Date.parse('2026-11-28T09:00:00Z');

type Rec = StoryRec & { topics: string[] };

function stories(random: () => number, n: number): Rec[] {
  const out: Rec[] = [];
  let cluster = 100;
  for (let i = 1; i <= n; i++) {
    if (random() < 0.5) cluster++;
    const vendors = [VENDORS[Math.floor(random() * 4)]!];
    if (random() < 0.3) vendors.push(VENDORS[Math.floor(random() * 4)]!);
    const title = random() < 0.1 ? `stock news ${i}` : `story ${i}`;
    // Coarse values so ties in quality and score really happen.
    out.push({ id: i * 3, clusterId: cluster, title, url: `https://x.example/${i}`, outlet: 'o', publishedAt: NOW - Math.floor(random() * 48) * 3600_000, relevance: Math.round(random() * 4) / 4, weight: Math.round(random() * 2) / 2, coverage: 1 + Math.floor(random() * 3), vendors: [...new Set(vendors)], topics: [TOPICS[Math.floor(random() * 3)]!], haystack: title.toLowerCase() });
  }
  return out;
}

function reference(all: Rec[], f: ChannelFilter, cursor: number, posted: ReadonlySet<number>, limit: number) {
  const hit = all.filter(
    (s) =>
      s.id > cursor &&
      (f.allVendors || s.vendors.some((v) => f.vendors.includes(v))) &&
      (!f.topics.length || s.topics.some((t) => f.topics.includes(t))) &&
      !f.exclude.some((w) => s.haystack.includes(w)) &&
      !posted.has(s.clusterId),
  );
  const byCluster = new Map<number, Rec[]>();
  for (const s of hit) byCluster.set(s.clusterId, [...(byCluster.get(s.clusterId) ?? []), s]);
  const q = (s: Rec) => 0.5 * s.relevance + 0.3 * s.weight;
  const key = (s: Rec) => storyScore(s, NOW) + 0.05 * Math.log2(Math.max(1, s.coverage));
  const ranked = [...byCluster].map(([clusterId, ss]) => {
    const lead = [...ss].sort((a, b) => q(b) - q(a) || a.id - b.id)[0]!;
    return { clusterId, leadId: lead.id, key: Math.max(...ss.map(key)) };
  });
  // Keys tie only between clusters; the walk breaks such ties by first appearance, newest first.
  ranked.sort((a, b) => b.key - a.key);
  return { total: ranked.length, top: ranked.slice(0, limit), keys: ranked.map((r) => r.key) };
}

describe('shared selection walk', () => {
  it.each([1, 2, 3, 4, 5])('GIVEN random stories and channels (seed %i) THEN selectMany equals the per-channel reference', (seed) => {
    const random = seeded(seed);
    const all = stories(random, 400);
    const batch = new StoryBatch(all, NOW);
    const filters: ChannelFilter[] = [
      { allVendors: true, vendors: [], topics: [], exclude: [] },
      { allVendors: false, vendors: ['huawei'], topics: [], exclude: [] },
      { allVendors: false, vendors: ['huawei', 'metax', 'biren'], topics: ['launch', 'funding'], exclude: ['stock'] },
    ];
    for (const f of filters) {
      const reqs = Array.from({ length: 25 }, () => {
        const posted = new Set<number>();
        for (let k = Math.floor(random() * 30); k > 0; k--) posted.add(100 + Math.floor(random() * 200));
        return { cursor: Math.floor(random() * 1300), posted };
      });
      const got = batch.selectMany(f, reqs, 10, 'score', true);
      reqs.forEach((r, i) => {
        const want = reference(all, f, r.cursor, r.posted, 10);
        const sel = got[i]!;
        expect(sel.total).toBe(want.total);
        expect(sel.clusterIds!.length).toBe(want.total);
        expect(sel.top.map((t) => t.score)).toEqual(want.keys.slice(0, 10));
        // Same clusters with the same leads, up to the order of exactly tied keys.
        const leadOf = new Map(want.top.map((t) => [t.clusterId, t.leadId]));
        const tiedAtCut = want.keys.length > 10 && want.keys[9] === want.keys[10];
        for (const t of sel.top) {
          if (tiedAtCut && t.score === want.keys[9]) continue;
          expect(t.lead.id).toBe(leadOf.get(t.clusterId));
        }
      });
    }
  });
});
