// /chip latency in the core over a database holding 1,000,000 news rows (each tagged with vendors and
// chips, so both the vendor card's and the chip card's latest news are read from full tables), beside the
// floor: the very same SQL statements (recorded from one /chip call) run through bare prepared statements
// on the same file.
// The database is built once and cached in the temp folder (keyed by schema version); FTS rows are left
// out of it because /chip never reads them.
import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../src/app.ts';
import { commands } from '../../commands/index.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { openDatabase } from '../../src/store/db.ts';
import { migrations } from '../../src/store/migrations/index.ts';
import { dispatch } from '../../src/core/dispatcher.ts';
import { catalogOf } from '../../src/catalog/load.ts';
import { latencyLine, sample, stats } from './kit.ts';

const ROWS = 1_000_000;

function buildDatabase(file: string): void {
  const tmp = `${file}.building`;
  rmSync(tmp, { force: true });
  const db = openDatabase(tmp);
  createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), log: createLogger('silent'), db, commands });
  const vendors = [...catalogOf(db).vendors.keys()];
  const chips = [...catalogOf(db).chips.keys()];
  const t = performance.now();
  // Triggers that feed other tables (FTS, delivery) are not what /chip measures: drop them for the build.
  for (const { name } of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string }[]) db.exec(`DROP TRIGGER ${name}`);
  const insCluster = db.prepare(`INSERT INTO clusters (id, first_story_id, first_published_at, last_published_at, story_count) VALUES (?, ?, ?, ?, 3)`);
  const insStory = db.prepare(`INSERT INTO stories (id, source_id, outlet, guid, url, title, summary, lang, published_at, published_estimated, first_seen_at, relevance, weight, provenance, cluster_id)
    VALUES (?, 'bench', ?, NULL, ?, ?, ?, 'en', ?, 0, ?, 0.8, 0.5, 'trade', ?)`);
  const insVendor = db.prepare(`INSERT INTO story_vendors (vendor_slug, published_at, story_id) VALUES (?, ?, ?)`);
  const insChip = db.prepare(`INSERT INTO story_chips (chip_slug, published_at, story_id) VALUES (?, ?, ?)`);
  const start = Date.UTC(2024, 0, 1);
  // The seed news is already in: number the bench rows after it.
  const base = Math.max(db.prepare(`SELECT coalesce(max(id), 0) FROM stories`).pluck().get() as number, db.prepare(`SELECT coalesce(max(id), 0) FROM clusters`).pluck().get() as number);
  db.transaction(() => {
    for (let n = 1; n <= ROWS; n++) {
      const i = base + n;
      const at = start + i * 60_000; // one story a minute, ~2 years
      const cluster = base + Math.ceil(n / 3);
      if (n % 3 === 1) insCluster.run(cluster, i, at, at + 120_000);
      insStory.run(i, `Outlet ${i % 40}`, `https://news.example/${i}`, `Story ${i} about chips`, `Summary of story ${i}.`, at, at, cluster);
      insVendor.run(vendors[i % vendors.length], at, i);
      if (i % 5 === 0) insVendor.run(vendors[(i + 3) % vendors.length], at, i);
      // Every story names a chip, every seventh a second one: each chip's card reads its newest tags.
      insChip.run(chips[i % chips.length], at, i);
      if (i % 7 === 0) insChip.run(chips[(i + 5) % chips.length], at, i);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(tmp, file);
  console.log(`built ${ROWS.toLocaleString('en-US')} news rows in ${((performance.now() - t) / 1000).toFixed(1)} s → ${file}`);
}

type Call = { sql: string; method: 'all' | 'get' | 'run'; args: unknown[] };

/** A connection whose statements record what they run. */
function recordingDatabase(file: string, calls: Call[]): Database.Database {
  const db = openDatabase(file);
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const s = prepare(sql);
    for (const method of ['all', 'get', 'run'] as const) {
      const orig = s[method].bind(s) as (...a: unknown[]) => unknown;
      (s as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        calls.push({ sql, method, args });
        return orig(...args);
      };
    }
    return s;
  }) as typeof db.prepare;
  return db;
}

export async function run(): Promise<void> {
  const file = path.join(os.tmpdir(), `chipwatch-bench-chip-v${migrations.length}-${ROWS}.db`);
  if (!existsSync(file)) buildDatabase(file);
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const log = createLogger('silent');
  const caller = { platform: 'console' as const, workspaceId: 'bench', channelId: 'bench', userId: 'bench' };
  const caps = async () => ({ manageChannel: true });

  for (const line of ['/chip alibaba', '/chip ascend 910c']) {
    const calls: Call[] = [];
    const recApp = createApp({ config, log, db: recordingDatabase(file, calls), commands });
    await dispatch(recApp, caller, caps, { kind: 'text', line }); // warms caches
    calls.length = 0;
    const r = await dispatch(recApp, caller, caps, { kind: 'text', line });
    if (r.error) throw new Error(`${line} failed: ${r.text}`);
    recApp.db.close();

    const app = createApp({ config, log, db: openDatabase(file), commands });
    const core = stats(await sample(3000, () => dispatch(app, caller, caps, { kind: 'text', line }), 300));
    const bare = new Database(file, { readonly: true });
    const prepared = calls.map((c) => ({ s: bare.prepare(c.sql), c }));
    const floor = stats(
      await sample(3000, () => {
        for (const { s, c } of prepared) (s[c.method] as (...a: unknown[]) => unknown)(...c.args);
      }, 300),
    );
    console.log(latencyLine(`${line} (${calls.length} statements)`, core, floor, 'p99 < 1 ms and ≤ 3× floor'));
    bare.close();
    app.db.close();
  }
}
