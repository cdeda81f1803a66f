// Full-text search at 1,000,000 stories: p50/p99 of searchNews (newest first, the /news query path) for
// rare, mid-frequency and very common words, two-word queries and Chinese (two-character words and
// longer phrases), each beside a floor — the same MATCH through a bare prepared statement — and /news
// through the real dispatcher. Goal: p99 under 20 ms.
// The database is built once with bulk inserts into the real schema (stories, story_vendors,
// story_topics, clusters, stories_fts with the same text folding as ingest) and cached under
// os.tmpdir(), keyed by the schema, so a re-run starts at once.
import { createHash } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, type Db } from '../../src/store/db.ts';
import { loadConfig } from '../../src/config.ts';
import { createApp } from '../../src/app.ts';
import { commands } from '../../commands/index.ts';
import { createLogger } from '../../src/log.ts';
import { dispatch } from '../../src/core/dispatcher.ts';
import { searchNews } from '../../src/news/search.ts';
import { foldForIndex, ftsQuery } from '../../src/news/search-text.ts';
import { searchKeyBase } from '../../src/news/search-key.ts';
import { latencyLine, sample, stats } from './kit.ts';

const STORIES = 1_000_000;
/** Bump when the generated data changes. */
const GENERATOR_VERSION = 1;
const VOCABULARY = 30_000;
const VENDORS = ['huawei', 'alibaba', 'cambricon', 'nvidia', 'moore-threads', 'metax', 'biren', 'hygon', 'smic'];
const VENDOR_WORD: Record<string, string> = { huawei: 'Huawei', alibaba: 'Alibaba', cambricon: 'Cambricon', nvidia: 'Nvidia', 'moore-threads': 'Moore Threads', metax: 'MetaX', biren: 'Biren', hygon: 'Hygon', smic: 'SMIC' };
const TOPICS = ['launch', 'funding', 'export-controls', 'benchmarks', 'customers', 'fabs', 'earnings'];
const HAN = '华为芯片昇腾算力发布国产寒武纪营收光刻制程英伟达出口管制科技公司市场半导体人工智能训练推理数据中心合作订单';

/** Deterministic pseudo-random numbers (mulberry32), so every build holds the same data. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function vocabulary(rand: () => number): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const words = new Set<string>();
  while (words.size < VOCABULARY) {
    let w = '';
    const n = 4 + Math.floor(rand() * 6);
    for (let i = 0; i < n; i++) w += letters[Math.floor(rand() * 26)];
    words.add(w);
  }
  return [...words];
}

/** Zipf-like sampling: word i has weight 1/(i+1). */
function zipf(n: number): Float64Array {
  const cum = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) cum[i] = s += 1 / (i + 1);
  for (let i = 0; i < n; i++) cum[i]! /= s;
  return cum;
}
function pick(cum: Float64Array, r: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Keyed by the schema as SQLite reports it and by the index text folding, so comments do not rebuild. */
function dbFile(): string {
  const probe = openDatabase(':memory:');
  const schema = probe.prepare(`SELECT group_concat(sql, ';') AS s FROM (SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name)`).get() as { s: string };
  probe.close();
  const key = createHash('sha256')
    .update(schema.s)
    .update(foldForIndex('华为昇腾 Ascend-910C Huaweis KI-Chips'))
    .update(String(GENERATOR_VERSION))
    .digest('hex')
    .slice(0, 12);
  return path.join(os.tmpdir(), `chipwatch-bench-news-${STORIES}-${key}.db`);
}

function build(file: string): void {
  const tmp = `${file}.building`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  const db = openDatabase(tmp);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  const rand = rng(42);
  const words = vocabulary(rand);
  const cum = zipf(VOCABULARY);
  const sentence = (n: number) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(words[pick(cum, rand())]!);
    return out.join(' ');
  };
  const han = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += HAN[Math.floor(rand() * HAN.length)];
    return s;
  };
  const insCluster = db.prepare(`INSERT INTO clusters (id, first_story_id, first_published_at, last_published_at, story_count) VALUES (?, ?, ?, ?, 1)`);
  const insStory = db.prepare(
    `INSERT INTO stories (id, source_id, outlet, guid, url, title, summary, lang, published_at, first_seen_at, relevance, weight, provenance, cluster_id, search_key)
     VALUES (?, 'bench', ?, NULL, ?, ?, ?, ?, ?, ?, 0.5, 0.7, ?, ?, ?)`,
  );
  const insVendor = db.prepare(`INSERT INTO story_vendors (vendor_slug, published_at, story_id, cluster_id) VALUES (?, ?, ?, ?)`);
  const insTopic = db.prepare(`INSERT INTO story_topics (topic, published_at, story_id) VALUES (?, ?, ?)`);
  const insFts = db.prepare(`INSERT INTO stories_fts (rowid, title, summary) VALUES (?, ?, ?)`);
  const start = Date.parse('2024-01-01T00:00:00Z');
  const step = (Date.parse('2026-11-01T00:00:00Z') - start) / STORIES;
  const t0 = performance.now();
  const BATCH = 50_000;
  for (let b = 0; b < STORIES; b += BATCH) {
    db.transaction(() => {
      for (let id = b + 1; id <= Math.min(STORIES, b + BATCH); id++) {
        const published = Math.round(start + id * step);
        const vendor = rand() < 0.6 ? VENDORS[Math.floor(rand() * VENDORS.length)]! : null;
        const zh = rand() < 0.2;
        const lang = zh ? 'zh' : rand() < 0.2 ? 'de' : 'en';
        // Two stories in three share a cluster with the one before (clusters of about three).
        const clusterId = id % 3 === 1 ? id : id - ((id - 1) % 3);
        let title: string;
        let summary: string;
        if (zh) {
          title = `${vendor ? (vendor === 'huawei' ? '华为' : VENDOR_WORD[vendor]) : ''}${han(14)}`;
          summary = `${han(30)} ${sentence(4)}`;
        } else {
          title = `${vendor ? `${VENDOR_WORD[vendor]} ` : ''}${sentence(9)}`;
          summary = sentence(30);
        }
        if (id % 3 === 1) insCluster.run(clusterId, id, published, published);
        // Stories are a minute or more apart: each is alone in its second, so its key is the second's first.
        const key = searchKeyBase(published);
        insStory.run(id, `Outlet ${id % 40}`, `https://bench.example/${id}`, title, summary, lang, published, published, rand() < 0.1 ? 'unnamed-sources' : 'trade', clusterId, key);
        if (vendor) insVendor.run(vendor, published, id, clusterId);
        insTopic.run(TOPICS[Math.floor(rand() * TOPICS.length)]!, published, id);
        insFts.run(key, foldForIndex(title), foldForIndex(summary));
      }
    })();
  }
  db.exec(`UPDATE clusters SET story_count = (SELECT COUNT(*) FROM stories WHERE cluster_id = clusters.id)`);
  db.pragma('journal_mode = WAL');
  db.exec(`INSERT INTO stories_fts(stories_fts) VALUES ('optimize')`);
  db.close();
  renameSync(tmp, file);
  console.log(`built ${STORIES.toLocaleString('en-US')} stories in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${file}`);
}

/** Terms by document frequency: the vocabulary's rank decides how common a word is. */
function termsAt(db: Db, ranks: number[]): string[] {
  const rand = rng(42);
  const words = vocabulary(rand);
  void db;
  return ranks.map((r) => words[r]!);
}

function count(db: Db, match: string): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM stories_fts WHERE stories_fts MATCH ?`).get(match) as { n: number }).n;
}

export async function run(): Promise<void> {
  const file = dbFile();
  if (!existsSync(file)) {
    console.log(`building the 1,000,000-story database once (cached for later runs) …`);
    build(file);
  } else console.log(`using cached database ${file}`);
  const db = openDatabase(file);
  const now = Date.parse('2026-11-01T00:00:00Z');
  const floor = db.prepare(`SELECT rowid FROM stories_fts WHERE stories_fts MATCH ? ORDER BY rowid DESC LIMIT 10`);
  const classes: { name: string; queries: string[] }[] = [
    { name: 'rare word', queries: termsAt(db, [20_000, 21_000, 22_000, 23_000, 24_000]) },
    { name: 'mid-frequency word', queries: termsAt(db, [300, 400, 500, 600, 700]) },
    { name: 'very common word', queries: termsAt(db, [0, 1, 2, 3, 4]) },
    { name: 'vendor name as a word (huawei)', queries: ['huawei', 'nvidia', 'cambricon'] },
    { name: 'two words (common + mid)', queries: termsAt(db, [0, 300, 1, 400]).reduce<string[]>((a, w, i, all) => (i % 2 ? a : [...a, `${w} ${all[i + 1]}`]), []) },
    { name: 'Chinese two characters (华为)', queries: ['华为', '芯片', '算力'] },
    { name: 'Chinese phrase (昇腾芯片)', queries: ['昇腾芯片', '国产芯片', '英伟达出口'] },
  ];
  console.log(`${STORIES.toLocaleString('en-US')} stories; each query shape 400 times, newest first, 10 per page`);
  for (const c of classes) {
    const matches = c.queries.map((q) => count(db, ftsQuery(q)!));
    let i = 0;
    const ours = stats(await sample(400, () => searchNews(db, { text: c.queries[i++ % c.queries.length]!, page: 1, pageSize: 10, now })));
    let j = 0;
    const bare = stats(await sample(400, () => floor.all(ftsQuery(c.queries[j++ % c.queries.length]!))));
    console.log(latencyLine(`${c.name} (~${Math.round(matches.reduce((a, b) => a + b, 0) / matches.length).toLocaleString('en-US')} matches)`, ours, bare, 'p99 < 20 ms'));
  }
  db.close();

  // /news through the real dispatcher, over the same database (createApp loads the catalog and seed once).
  const app = createApp({ config: loadConfig({ CHIPWATCH_DB: file, LOG_LEVEL: 'silent' }), log: createLogger('silent'), now: () => new Date(now), commands });
  const caller = { platform: 'console' as const, workspaceId: 'bench', channelId: 'bench', userId: 'bench' };
  const caps = async () => ({ manageChannel: true });
  const common = termsAt(app.db, [0])[0]!;
  for (const line of ['/news', '/news huawei', `/news query:${common}`, `/news huawei query:${common}`, '/news 华为 days:30', '/news topic:earnings lang:de', '/news huawei page:5']) {
    const r = await dispatch(app, caller, caps, { kind: 'text', line });
    if (r.error) throw new Error(`${line}: ${r.text}`);
    const s = stats(await sample(200, () => dispatch(app, caller, caps, { kind: 'text', line }), 20));
    console.log(latencyLine(`${line}`, s, undefined, 'p99 < 20 ms'));
  }
  app.db.close();
}
