// One deliverer however many processes run (issue 13): two, then three real `npm start` processes
// (src/cli/bin.mjs start, Slack over HTTP against the fake Slack) share one database file while 1,000
// posts are queued. Exactly one process holds the deliverer lease and sends; the holder is SIGKILLed in
// the middle of the batch and another takes over within the stated time (lease + one renewal); every post
// arrives exactly once (the rows the killed holder left mid-send are settled by the history lookup; the
// app here has channels:history). Lease timings are shortened (CHIPWATCH_LEASE_SECONDS=1) so the test is
// quick; the hand-over bound scales with them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../src/store/db.ts';
import { enqueue } from '../src/delivery/outbox.ts';
import { leaseHolder } from '../src/delivery/lease.ts';
import { reply } from '../src/core/reply.ts';
import { FakeSlack } from './fakes/slack/fake-slack.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const POSTS = 1_000;
const LEASE_S = 1;
/** The stated hand-over bound: the lease lapses, then the next try of another process (a third of it). */
const HANDOVER_MS = Math.round(LEASE_S * 1000 * (1 + 1 / 3));
/** Timers in busy child processes on a shared 2-core machine fire late; this much is allowed on top. */
const SCHEDULING_SLACK_MS = 1_500;
const BOT = 'xoxb-processes';

let dir: string;
let fake: FakeSlack;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cw-procs-'));
  fake = await new FakeSlack({ botTokens: [BOT], historyTokens: [BOT] }).start();
});
afterAll(async () => {
  await fake?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Proc {
  child: ChildProcess;
  out: () => string;
  started: Promise<void>;
  exited: Promise<number | null>;
}

function startProcess(dbFile: string): Proc {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CHIPWATCH_TSX: '1', // the sources under test, not a prebuilt bundle
    CHIPWATCH_DB: dbFile,
    CHIPWATCH_POLL: '0',
    CHIPWATCH_LEASE_SECONDS: String(LEASE_S),
    LOG_LEVEL: 'info',
    SLACK_BOT_TOKEN: BOT,
    SLACK_SIGNING_SECRET: 'processes-secret',
    SLACK_PORT: '0',
    SLACK_API_URL: fake.apiUrl,
  };
  const child = spawn(process.execPath, [path.join(ROOT, 'src', 'cli', 'bin.mjs'), 'start'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let onStarted: () => void = () => {};
  const started = new Promise<void>((r) => (onStarted = r));
  const take = (d: Buffer) => {
    out += d.toString();
    if (out.includes('"chipwatch started"')) onStarted();
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, out: () => out, started, exited };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, cond: () => boolean, ms: number, everyMs = 25): Promise<void> {
  const t = Date.now();
  while (!cond()) {
    if (Date.now() - t > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

function queue(db: Db, tag: string): string[] {
  db.transaction(() => {
    // One channel per post: Slack allows ~1 post per second per channel, so this keeps the batch quick.
    for (let i = 0; i < POSTS; i++) enqueue(db, { target: { platform: 'slack', workspaceId: 'T0001', channelId: `C${tag}${i}` }, subscriptionId: null, purpose: `${tag} ${i}`, reply: reply(`${tag} ${i}`), nowMs: Date.now() });
  })();
  return db.prepare(`SELECT idempotency_key FROM outbox WHERE purpose LIKE ?`).pluck().all(`${tag} %`) as string[];
}

const pidOf = (holder: string) => Number(holder.split(':')[1]);

describe('several npm start processes on one database', () => {
  for (const n of [2, 3]) {
    it(`GIVEN ${n} processes and 1,000 posts THEN one delivers, each post arrives once, and killing the holder hands over within ${HANDOVER_MS} ms`, { timeout: 120_000 }, async () => {
      const dbFile = path.join(dir, `procs-${n}.db`);
      const db = openDatabase(dbFile); // migrated once, before any process starts
      const procs = Array.from({ length: n }, () => startProcess(dbFile));
      try {
        await Promise.all(procs.map((p) => Promise.race([p.started, p.exited.then((c) => Promise.reject(new Error(`exited ${c}: ${p.out()}`)))])));
        await until('a lease holder', () => leaseHolder(db)?.live === true, 10_000);
        const first = leaseHolder(db)!;
        expect(procs.map((p) => p.child.pid)).toContain(pidOf(first.holder));

        const tag = `p${n}x`;
        const keys = queue(db, tag);
        const sentCount = () => db.prepare(`SELECT count(*) FROM outbox WHERE purpose LIKE ? AND status = 'sent'`).pluck().get(`${tag} %`) as number;
        await until('a third of the batch', () => sentCount() >= Math.ceil(POSTS / 3), 30_000);

        // SIGKILL the holder mid-batch: no release, no clean stop.
        const holderProc = procs.find((p) => p.child.pid === pidOf(first.holder))!;
        const killedAt = Date.now();
        holderProc.child.kill('SIGKILL');
        await holderProc.exited;
        await until('a new holder', () => {
          const h = leaseHolder(db);
          return !!h && h.live && h.holder !== first.holder;
        }, HANDOVER_MS + 10_000, 10);
        const handover = Date.now() - killedAt;
        const second = leaseHolder(db)!;
        expect(procs.filter((p) => p !== holderProc).map((p) => p.child.pid)).toContain(pidOf(second.holder));

        await until('the whole batch', () => sentCount() === POSTS, 60_000, 50);
        const copies = new Map<string, number>();
        for (const m of [...fake.posted.values()].flat()) {
          const k = m.metadata?.event_payload?.key as string | undefined;
          if (k) copies.set(k, (copies.get(k) ?? 0) + 1);
        }
        const lost = keys.filter((k) => !copies.has(k)).length;
        const doubled = keys.filter((k) => (copies.get(k) ?? 0) > 1).length;
        const uncertain = db.prepare(`SELECT count(*) FROM outbox WHERE purpose LIKE ? AND uncertain = 1`).pluck().get(`${tag} %`) as number;
        console.log(`${n} processes: ${POSTS} posts, lost ${lost}, doubled ${doubled}; holder killed after ${Math.ceil(POSTS / 3)}+ sent, hand-over in ${handover} ms (stated ${HANDOVER_MS} ms); ${uncertain} left mid-send, settled by history`);
        expect({ lost, doubled }).toEqual({ lost: 0, doubled: 0 });
        expect(handover).toBeLessThanOrEqual(HANDOVER_MS + SCHEDULING_SLACK_MS);
        // Only the first holder and its successor ever ran the delivery services.
        const took = procs.map((p) => (p.out().match(/DELIVERER_LEASE_TAKEN/g) ?? []).length);
        expect(took.filter((x) => x > 0)).toEqual([1, 1]);
        expect(took[procs.indexOf(holderProc)]).toBe(1);

        // The survivors stop cleanly on SIGTERM; the lease is released.
        const rest = procs.filter((p) => p !== holderProc);
        for (const p of rest) p.child.kill('SIGTERM');
        expect(await Promise.all(rest.map((p) => p.exited))).toEqual(rest.map(() => 0));
        expect(leaseHolder(db)).toBeNull();
      } finally {
        for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
        db.close();
      }
    });
  }
});
