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
