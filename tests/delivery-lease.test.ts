// The deliverer lease (src/delivery/lease.ts, lease-gate.ts): one holder at a time, taken over only once it
// has lapsed, renewed by its holder, released on a clean stop; the gate runs its services only while it
// holds the lease. Several processes are in tests/delivery-processes.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../src/store/migrate.ts';
import { openDatabase } from '../src/store/db.ts';
import { acquireLease, DELIVERER_LEASE, leaseHolder, releaseLease } from '../src/delivery/lease.ts';
import { gateByLease } from '../src/delivery/lease-gate.ts';
import type { Service } from '../src/core/adapter.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import type { App } from '../src/app.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('lease', () => {
  it('GIVEN a live holder THEN nobody else gets it until it lapses; renewals extend it; release frees it at once', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(leaseHolder(db, DELIVERER_LEASE, 0)).toBeNull();
    expect(acquireLease(db, DELIVERER_LEASE, 'A', 1_000, 15_000)).toBe(true);
    expect(acquireLease(db, DELIVERER_LEASE, 'B', 1_001, 15_000)).toBe(false);
    expect(acquireLease(db, DELIVERER_LEASE, 'A', 6_000, 15_000)).toBe(true); // renewal
    expect(leaseHolder(db, DELIVERER_LEASE, 6_000)).toEqual({ name: DELIVERER_LEASE, holder: 'A', expiresAt: 21_000, acquiredAt: 1_000, renewedAt: 6_000, renewals: 1, live: true });
    expect(acquireLease(db, DELIVERER_LEASE, 'B', 20_999, 15_000)).toBe(false); // renewed: still A's
    expect(leaseHolder(db, DELIVERER_LEASE, 21_000)!.live).toBe(false);
    expect(acquireLease(db, DELIVERER_LEASE, 'B', 21_000, 15_000)).toBe(true); // lapsed: B takes over
    expect(acquireLease(db, DELIVERER_LEASE, 'A', 21_001, 15_000)).toBe(false); // A, back from a stall, does not
    expect(leaseHolder(db, DELIVERER_LEASE, 21_001)).toMatchObject({ holder: 'B', acquiredAt: 21_000, renewals: 0 });
    releaseLease(db, DELIVERER_LEASE, 'A'); // not A's to release: no effect
    expect(leaseHolder(db, DELIVERER_LEASE, 21_002)!.holder).toBe('B');
    releaseLease(db, DELIVERER_LEASE, 'B');
    expect(acquireLease(db, DELIVERER_LEASE, 'A', 21_003, 15_000)).toBe(true);
  });

  it('GIVEN two gates on one database file THEN exactly one runs the services, and the other takes over after a clean stop', { timeout: 15_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cw-lease-'));
    dirs.push(dir);
    const file = path.join(dir, 'lease.db');
    openDatabase(file).close();
    const events: string[] = [];
    const proc = (name: string): { app: App; services: Service[] } => ({
      app: { config: loadConfig({ CHIPWATCH_DB: file, LOG_LEVEL: 'silent' }), db: openDatabase(file), log: createLogger('silent'), commands: [], now: () => new Date() },
      services: ['poller', 'worker'].map((s) => ({ name: s, start: async () => void events.push(`${name} start ${s}`), stop: async () => void events.push(`${name} stop ${s}`) })),
    });
    const a = proc('A');
    const b = proc('B');
    const gateA = gateByLease(a.app, a.services, { holder: 'A', leaseMs: 600, renewMs: 200 });
    const gateB = gateByLease(b.app, b.services, { holder: 'B', leaseMs: 600, renewMs: 200 });
    await gateA.start();
    await gateB.start();
    await new Promise((r) => setTimeout(r, 700)); // past one lease: A renewed, B kept trying
    expect([gateA.leading(), gateB.leading()]).toEqual([true, false]);
    expect(events).toEqual(['A start poller', 'A start worker']);
    const t = Date.now();
    await gateA.stop();
    while (!gateB.leading() && Date.now() - t < 3_000) await new Promise((r) => setTimeout(r, 20));
    expect(gateB.leading()).toBe(true);
    expect(Date.now() - t).toBeLessThan(600); // released: taken at B's next try, not after a whole lease
    expect(events).toEqual(['A start poller', 'A start worker', 'A stop worker', 'A stop poller', 'B start poller', 'B start worker']);
    expect(leaseHolder(b.app.db)!.holder).toBe('B');
    await gateB.stop();
    expect(leaseHolder(b.app.db)).toBeNull();
    a.app.db.close();
    b.app.db.close();
  });

  it('GIVEN a service that fails to start AND the database refuses to release the lease THEN the gate keeps trying and runs the services once they start', { timeout: 15_000 }, async () => {
    const db = openDatabase(':memory:');
    const app: App = { config: loadConfig({ CHIPWATCH_DB: ':memory:', LOG_LEVEL: 'silent' }), db, log: createLogger('silent'), commands: [], now: () => new Date() };
    let tries = 0;
    const flaky: Service = {
      name: 'flaky',
      async start() {
        tries++;
        if (tries === 1) {
          // The release that follows a failed start fails too (a busy or failing database).
          db.exec(`CREATE TRIGGER no_release BEFORE DELETE ON leases BEGIN SELECT RAISE(ABORT, 'database is busy'); END`);
          throw new Error('could not start');
        }
        db.exec('DROP TRIGGER IF EXISTS no_release');
      },
      stop: async () => {},
    };
    const gate = gateByLease(app, [flaky], { holder: 'A', leaseMs: 300, renewMs: 50 });
    await gate.start(); // was: rejected with the release's error, and the gate never started anything again
    const t = Date.now();
    while (!gate.leading() && Date.now() - t < 3_000) await new Promise((r) => setTimeout(r, 20));
    expect(gate.leading()).toBe(true);
    expect(tries).toBe(2);
    await gate.stop();
    db.close();
  });
});
