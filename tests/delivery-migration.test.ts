// Migration 003 (delivery): from a version-2 database with stories, the delivery tables appear, the stories
// stay, and the outbox refuses a second row with the same idempotency key.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../src/store/migrate.ts';
import { migrations } from '../src/store/migrations/index.ts';
import { enqueue, idempotencyKey } from '../src/delivery/outbox.ts';
import { reply } from '../src/core/reply.ts';
import { insertStory } from './fakes/stories.ts';

describe('migration 003 delivery', () => {
  it('GIVEN a version-2 database with a story THEN 003 adds the delivery tables and keeps the story', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 2));
    insertStory(db, { title: 'kept', vendors: ['huawei'], publishedAt: 1 });
    migrate(db);
    expect(db.prepare(`SELECT title FROM stories`).pluck().all()).toEqual(['kept']);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['subscriptions', 'subscription_vendors', 'posted_clusters', 'outbox']));
  });

  it('GIVEN the same decision queued twice THEN the outbox holds it once, under a key that fits a Discord nonce', () => {
    const db = new Database(':memory:');
    migrate(db);
    const o = { target: { platform: 'discord' as const, workspaceId: 'g', channelId: 'c' }, subscriptionId: null, purpose: 'digest 1 2026-11-28', reply: reply('x'), nowMs: 1 };
    expect(enqueue(db, o)).toBe(true);
    expect(enqueue(db, o)).toBe(false);
    expect(db.prepare(`SELECT count(*) FROM outbox`).pluck().get()).toBe(1);
    const key = idempotencyKey(o.purpose);
    expect(key.length).toBeLessThanOrEqual(25);
    expect(idempotencyKey('digest 1 2026-11-29')).not.toBe(key);
  });
});

describe('migration 006 delivery claims', () => {
  it('GIVEN a version-5 outbox with pending, sent and failed rows THEN 006 keeps them, allows a claimed "sending" row, and adds the leases table', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 5));
    const t = { platform: 'discord' as const, workspaceId: 'g', channelId: 'c' };
    for (const p of ['a', 'b', 'c']) enqueue(db, { target: t, subscriptionId: null, purpose: p, reply: reply(p), nowMs: 1 });
    db.prepare(`UPDATE outbox SET status = 'sent', sent_at = 2 WHERE purpose = 'b'`).run();
    db.prepare(`UPDATE outbox SET status = 'failed', last_error = 'gone' WHERE purpose = 'c'`).run();
    expect(() => db.prepare(`UPDATE outbox SET status = 'sending' WHERE purpose = 'a'`).run()).toThrow(/CHECK/);
    migrate(db);
    expect(db.prepare(`SELECT purpose, status, last_error, idempotency_key FROM outbox ORDER BY id`).all()).toEqual([
      { purpose: 'a', status: 'pending', last_error: null, idempotency_key: idempotencyKey('a') },
      { purpose: 'b', status: 'sent', last_error: null, idempotency_key: idempotencyKey('b') },
      { purpose: 'c', status: 'failed', last_error: 'gone', idempotency_key: idempotencyKey('c') },
    ]);
    db.prepare(`UPDATE outbox SET status = 'sending', claimed_by = 'w', claim_expires_at = 5 WHERE purpose = 'a'`).run();
    expect(db.prepare(`SELECT status FROM outbox WHERE purpose = 'a'`).pluck().get()).toBe('sending');
    expect(() => db.prepare(`UPDATE outbox SET status = 'lost' WHERE purpose = 'a'`).run()).toThrow(/CHECK/);
    // The same key still cannot be queued twice, and the indexes were rebuilt.
    expect(enqueue(db, { target: t, subscriptionId: null, purpose: 'a', reply: reply('a'), nowMs: 3 })).toBe(false);
    const indexes = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'outbox' AND name NOT LIKE 'sqlite_%'`).pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['outbox_due', 'outbox_by_subscription', 'outbox_open_by_channel']));
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'leases'`).pluck().get()).toBe('leases');
  });
});
