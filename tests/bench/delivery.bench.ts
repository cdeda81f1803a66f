// Delivery benchmarks.
// 1. Digest build: 10,000 subscribed channels (1-4 vendors each, some "all", some with topics or exclude
//    words) over a store of 100,000 stories (30 days), each channel's previous digest about a day ago.
//    Timed: load the due subscriptions and build every digest (match, dedupe posted clusters, rank, render).
//    Floor: reading the same inputs raw (the day's stories with vendors and topics, and the subscriptions).
//    Goal: under 2 s.
// 2. Outbox throughput against the fake platform enforcing a per-channel rate limit (5 msgs/s per channel,
//    10 channels): the steady rate of accepted posts as a share of the allowed rate. Floor: the
//    fake's raw capacity (same poster, no limit, same concurrency). Goal: at least 90% of the allowed rate.
import { performance } from 'node:perf_hooks';
import { openDatabase, type Db } from '../../src/store/db.ts';
import { loadCatalog } from '../../src/catalog/load.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import type { App } from '../../src/app.ts';
import { listSubscriptions } from '../../src/delivery/subscriptions.ts';
import { buildDigests } from '../../src/delivery/digest.ts';
import { enqueue } from '../../src/delivery/outbox.ts';
import { createOutboxWorker } from '../../src/delivery/worker.ts';
import { reply } from '../../src/core/reply.ts';
import { TOPIC_IDS } from '../../src/news/topics.ts';
import { fakePlatformPoster, seeded, startFakePlatform } from '../fakes/platform.ts';
import { latencyLine, rateLine, sample, stats } from './kit.ts';

const STORIES = 100_000;
const CHANNELS = 10_000;
const DAY = 24 * 3600_000;
const VENDORS = ['alibaba', 'huawei', 'cambricon', 'metax', 'moore-threads', 'biren', 'hygon', 'enflame', 'iluvatar', 'kunlunxin', 'nvidia', 'smic'];

function seedStories(db: Db, now: number, random: () => number): void {
  const cluster = db.prepare(`INSERT INTO clusters (first_published_at, last_published_at, story_count) VALUES (?, ?, ?)`);
  const story = db.prepare(
    `INSERT INTO stories (source_id, outlet, url, title, summary, lang, published_at, first_seen_at, relevance, weight, provenance, cluster_id)
     VALUES ('bench', ?, ?, ?, ?, 'en', ?, ?, ?, ?, 'trade', ?)`,
  );
  const sv = db.prepare(`INSERT OR IGNORE INTO story_vendors (vendor_slug, published_at, story_id) VALUES (?, ?, ?)`);
  const st = db.prepare(`INSERT OR IGNORE INTO story_topics (topic, published_at, story_id) VALUES (?, ?, ?)`);
  db.transaction(() => {
    let clusterId = 0;
    let left = 0;
    for (let i = 0; i < STORIES; i++) {
      const at = now - 30 * DAY + Math.floor((i / STORIES) * 30 * DAY);
      if (left === 0) {
        left = 1 + Math.floor(random() * 4); // 1-4 outlets per event
        clusterId = Number(cluster.run(at, at, left).lastInsertRowid);
      }
      left--;
      const v = VENDORS[Math.floor(random() * VENDORS.length)]!;
      const id = Number(story.run(`Outlet ${i % 40}`, `https://bench.example/${i}`, `${v} story ${i} about chips`, random() < 0.05 ? 'stock price moves' : 'product news', at, at, random(), 0.4 + random() * 0.5, clusterId).lastInsertRowid);
      sv.run(v, at, id);
      if (random() < 0.2) sv.run(VENDORS[Math.floor(random() * VENDORS.length)]!, at, id);
      st.run(TOPIC_IDS[Math.floor(random() * TOPIC_IDS.length)]!, at, id);
    }
  })();
}

function seedChannels(db: Db, now: number, random: () => number): void {
  const dayAgoId = db.prepare(`SELECT max(id) FROM stories WHERE first_seen_at <= ?`).pluck();
  const sub = db.prepare(
    `INSERT INTO subscriptions (platform, workspace_id, channel_id, all_vendors, topics, exclude, digest_cursor, next_digest_at, created_at, updated_at)
     VALUES ('discord', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const sv = db.prepare(`INSERT OR IGNORE INTO subscription_vendors (subscription_id, vendor_slug) VALUES (?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < CHANNELS; i++) {
      const all = random() < 0.1;
      const topics = random() < 0.2 ? JSON.stringify([TOPIC_IDS[Math.floor(random() * TOPIC_IDS.length)]]) : '[]';
      const exclude = random() < 0.1 ? '["stock"]' : '[]';
      const cursor = dayAgoId.get(now - DAY - Math.floor(random() * 3 * 3600_000)) as number;
      const id = Number(sub.run(`g${i % 500}`, `c${i}`, all ? 1 : 0, topics, exclude, cursor, now - 1000, now, now).lastInsertRowid);
      if (!all) for (let k = 1 + Math.floor(random() * 4); k > 0; k--) sv.run(id, VENDORS[Math.floor(random() * VENDORS.length)]!);
    }
  })();
}

async function digestBench(): Promise<void> {
  const db = openDatabase(':memory:');
  loadCatalog(db);
  const random = seeded(7);
  const now = Date.parse('2026-11-28T09:00:00Z');
  let t = performance.now();
  seedStories(db, now, random);
  seedChannels(db, now, random);
  console.log(`  seeded ${STORIES.toLocaleString('en-US')} stories and ${CHANNELS.toLocaleString('en-US')} channels in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const due = () => listSubscriptions(db, `next_digest_at <= ?`, [now]);
  const floorRun = () => {
    const subs = db.prepare(`SELECT * FROM subscriptions WHERE next_digest_at <= ?`).all(now);
    const vendorsOf = db.prepare(`SELECT vendor_slug FROM subscription_vendors WHERE subscription_id = ?`).pluck();
    for (const s of subs as { id: number }[]) vendorsOf.all(s.id);
    const from = db.prepare(`SELECT min(digest_cursor) FROM subscriptions`).pluck().get() as number;
    db.prepare(
      `SELECT s.id, s.cluster_id, s.title, s.summary, s.url, s.outlet, s.published_at, s.relevance, s.weight,
         (SELECT group_concat(vendor_slug) FROM story_vendors WHERE story_id = s.id), (SELECT group_concat(topic) FROM story_topics WHERE story_id = s.id)
       FROM stories s WHERE s.id > ?`,
    ).all(from);
  };
  let built = 0;
  let items = 0;
  const buildRun = () => {
    const out = buildDigests(db, due(), now);
    built = out.length;
    items = out.reduce((n, d) => n + (d.message?.shown.length ?? 0), 0);
  };
  const floor = stats(await sample(3, floorRun, 1));
  const build = stats(await sample(3, buildRun, 1));
  console.log(`  ${built.toLocaleString('en-US')} digests, ${items.toLocaleString('en-US')} items shown`);
  console.log(latencyLine('digests of 10,000 channels / 100,000 stories', build, floor, 'under 2 s'));
  // Committing them (outbox rows + cursors) is the scheduler's other half; shown for completeness.
  const subs = due();
  const digests = buildDigests(db, subs, now);
  t = performance.now();
  db.transaction(() => {
    for (const d of digests) if (d.message) enqueue(db, { target: d.sub.target, subscriptionId: d.sub.id, purpose: `bench ${d.sub.id} ${d.day}`, reply: d.message.reply, nowMs: now });
  })();
  console.log(`  queueing them in the outbox: ${(performance.now() - t).toFixed(0)} ms`);
  db.close();
}

async function throughputBench(): Promise<void> {
  // Well under the fake's raw capacity (the floor), so the pacing is what is measured, not the CPU.
  const channels = 10;
  const limit = { max: 5, windowMs: 1_000 };
  const windows = 6;
  const perChannel = limit.max * windows;
  const app: App = { config: loadConfig({ CHIPWATCH_DB: ':memory:', LOG_LEVEL: 'silent' }), db: openDatabase(':memory:'), log: createLogger('silent'), commands: [], now: () => new Date() };

  // Floor: the fake's raw capacity with the same poster and concurrency, no limit.
  const raw = await startFakePlatform({});
  const rawPoster = fakePlatformPoster(raw.url);
  const rawN = 1_000;
  let t = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < rawN) {
        const i = next++;
        await rawPoster.post({ platform: 'discord', workspaceId: 'g', channelId: `c${i % channels}` }, reply('x'), `raw${i}`);
      }
    }),
  );
  const rawRate = rawN / ((performance.now() - t) / 1000);
  await raw.close();

  const fake = await startFakePlatform({ rateLimit: limit });
  app.db.transaction(() => {
    for (let i = 0; i < perChannel; i++)
      for (let c = 0; c < channels; c++) enqueue(app.db, { target: { platform: 'discord', workspaceId: 'g', channelId: `c${c}` }, subscriptionId: null, purpose: `tp ${c} ${i}`, reply: reply(`m ${i}`), nowMs: Date.now() });
  })();
  const worker = createOutboxWorker(app, { posters: [fakePlatformPoster(fake.url)], limits: { discord: limit }, globalLimits: { discord: null }, concurrency: 8 });
  t = performance.now();
  await worker.start();
  await worker.drained();
  const wall = (performance.now() - t) / 1000;
  await worker.stop();
  // Steady rate per channel: the posts after its first full window, over the time from its first to its
  // last accepted post (the first window is a burst the limit allows at once). Summed over channels.
  let steady = 0;
  for (const times of fake.postTimes.values()) steady += ((times.length - limit.max) * 1000) / Math.max(1, times[times.length - 1]! - times[0]!);
  const allowed = (channels * limit.max * 1000) / limit.windowMs;
  console.log(`  ${fake.delivered.size.toLocaleString('en-US')} posts to ${channels} channels at ${limit.max} per ${limit.windowMs / 1000} s each; the fake's own 429s (pacing misses): ${fake.ownRefusals}; wall ${wall.toFixed(2)} s`);
  console.log(rateLine('outbox steady rate, rate-limited fake', steady, rawRate, `allowed ${allowed}/s (floor: the fake unlimited)`));
  console.log(`${'outbox share of the allowed rate'.padEnd(44)} ${((steady / allowed) * 100).toFixed(1)}%  | goal: at least 90%`);
  await fake.close();
  app.db.close();
}

export async function run(): Promise<void> {
  await digestBench();
  await throughputBench();
}
