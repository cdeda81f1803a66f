// Crash safety: the outbox worker runs as a child process and is SIGKILLed at random moments while it fans
// 1,000 posts out to the fake platform on 127.0.0.1, then restarted, until the batch is done; several
// rounds. Every post must arrive exactly once as the channel sees it (the fake dedupes nonces like
// Discord's enforce_nonce; the restarts here come within seconds, well inside Discord's nonce window —
// restarts past it, and Slack, are in delivery-uncertain.test.ts), and every outbox row must end up 'sent'.
// Also: SIGTERM stops cleanly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../src/store/db.ts';
import { enqueue } from '../src/delivery/outbox.ts';
import { reply } from '../src/core/reply.ts';
import { seeded, startFakePlatform, type FakePlatform } from './fakes/platform.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHILD = path.join(ROOT, 'tests', 'fakes', 'delivery-child.ts');
const POSTS = 1_000;
const CHANNELS = 40;

let dir: string;
let fake: FakePlatform;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'chipwatch-crash-'));
  // A little latency per request keeps a batch in flight long enough to be killed in the middle.
  fake = await startFakePlatform({ latencyMs: 4 });
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function queueBatch(db: Db, round: number): string[] {
  const purposes: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < POSTS; i++) {
      const purpose = `crash round ${round} post ${i}`;
      purposes.push(purpose);
      enqueue(db, { target: { platform: 'discord', workspaceId: 'g1', channelId: `c${i % CHANNELS}` }, subscriptionId: null, purpose, reply: reply(`post ${round}/${i}`), nowMs: Date.now() });
    }
  })();
  return purposes;
}

function startChild(dbFile: string): { child: ChildProcess; started: Promise<void>; exited: Promise<{ code: number | null; signal: string | null; out: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbFile, fake.url, '8'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onStarted: () => void = () => {};
  const started = new Promise<void>((r) => (onStarted = r));
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('started')) onStarted();
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out: out + err })));
  return { child, started, exited };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('outbox worker crash safety', () => {
  it('GIVEN SIGKILL (and a SIGTERM) at random points during 1,000-post fan-outs THEN after restarts every post arrived exactly once', { timeout: 90_000 }, async () => {
    const dbFile = path.join(dir, 'crash.db');
    const db = openDatabase(dbFile);
    const random = seeded(20261128);
    let midFlightKills = 0;
    // Each round: a fresh batch of 1,000; the worker is interrupted by these signals in turn, then runs to the end.
    const rounds: NodeJS.Signals[][] = [
      ['SIGKILL', 'SIGKILL'],
      ['SIGKILL', 'SIGTERM'],
    ];
    for (const [round, signals] of rounds.entries()) {
      queueBatch(db, round);
      const keys = db.prepare(`SELECT idempotency_key FROM outbox WHERE purpose LIKE ?`).pluck().all(`crash round ${round} %`) as string[];
      expect(keys).toHaveLength(POSTS);
      const before = fake.delivered.size;
      for (const signal of [...signals, null]) {
        const c = startChild(dbFile);
        await Promise.race([c.started, c.exited]);
        if (signal) {
          await sleep(20 + random() * 400);
          const at = fake.delivered.size - before;
          c.child.kill(signal);
          const e = await c.exited;
          if (signal === 'SIGTERM') expect(e.out, 'SIGTERM stops cleanly').toMatch(/stopped|drained/);
          if (e.signal === 'SIGKILL' && at > 0 && at < POSTS) midFlightKills++;
          continue;
        }
        const e = await c.exited;
        expect(e.code, e.out).toBe(0);
        expect(e.out).toContain('drained');
      }
      // Exactly once as seen in the channels: each of this round's keys delivered, and nothing else.
      expect(fake.delivered.size - before).toBe(POSTS);
      for (const k of keys) expect(fake.delivered.has(k), k).toBe(true);
      const statuses = db.prepare(`SELECT status, count(*) AS n FROM outbox WHERE purpose LIKE ? GROUP BY status`).all(`crash round ${round} %`);
      expect(statuses).toEqual([{ status: 'sent', n: POSTS }]);
    }
    // The kills landed mid-batch, and sends the platform had taken but the dead worker had not recorded
    // were sent again after the restart and deduped by their key: at-least-once + dedupe = exactly once.
    expect(midFlightKills).toBeGreaterThanOrEqual(2);
    expect(fake.deduped).toBeGreaterThan(0);
    for (const [, d] of fake.delivered) expect(d.content).toMatch(/^post \d\/\d+$/);
    db.close();
  });
});
