// The durable outbox. Deciders (scheduler, real-time fan-out) call `enqueue` INSIDE the transaction that
// advances their cursor, so a decided post is never lost and never decided twice; the worker reads due
// rows and records each outcome. Idempotency keys are derived from what was decided, so re-deciding after a
// crash produces the same key and the UNIQUE index turns it into a no-op.
import { createHash } from 'node:crypto';
import type { Db } from '../store/db.ts';
import { stmt } from '../store/db.ts';
import type { PostTarget } from '../core/adapter.ts';
import type { Platform } from '../core/context.ts';
import type { Reply } from '../core/reply.ts';

/**
 * A short stable key for a decision ("digest 12 2026-11-28"). Discord accepts a message nonce of at most
 * 25 characters (https://discord.com/developers/docs/resources/message#create-message), so: "cw" + 22
 * base64url characters of SHA-256 (132 bits).
 */
export function idempotencyKey(purpose: string): string {
  return `cw${createHash('sha256').update(purpose).digest('base64url').slice(0, 22)}`;
}

/** A queued post as the worker schedules it; the payload is read only when it is sent. */
export interface OutboxHead {
  id: number;
  target: PostTarget;
  subscriptionId: number | null;
  key: string;
  attempts: number;
  nextAttemptAt: number;
}

/** Queues a post; returns false if that decision was already queued (same purpose). Call inside a transaction. */
export function enqueue(db: Db, o: { target: PostTarget; subscriptionId: number | null; purpose: string; reply: Reply; nowMs: number }): boolean {
  const r = stmt(
    db,
    `INSERT INTO outbox (platform, workspace_id, channel_id, subscription_id, purpose, payload, idempotency_key, next_attempt_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(idempotency_key) DO NOTHING`,
  ).run(o.target.platform, o.target.workspaceId, o.target.channelId, o.subscriptionId, o.purpose, JSON.stringify(o.reply), idempotencyKey(o.purpose), o.nowMs, o.nowMs);
  return r.changes === 1;
}

interface HeadRow {
  id: number;
  platform: Platform;
  workspace_id: string;
  channel_id: string;
  subscription_id: number | null;
  idempotency_key: string;
  attempts: number;
  next_attempt_at: number;
}

function toHead(r: HeadRow): OutboxHead {
  return {
    id: r.id,
    target: { platform: r.platform, workspaceId: r.workspace_id, channelId: r.channel_id },
    subscriptionId: r.subscription_id,
    key: r.idempotency_key,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
  };
}

/** The post's neutral Reply, read just before sending (heads are scanned often; payloads are large). */
export function payloadOf(db: Db, id: number): Reply | null {
  const p = stmt<[number], string>(db, `SELECT payload FROM outbox WHERE id = ? AND status = 'pending'`).pluck().get(id);
  return p === undefined ? null : (JSON.parse(p) as Reply);
}

/**
 * The oldest pending post of each channel (one per channel: a channel's posts go out in order, and a post
 * waiting for its retry holds back the ones behind it), soonest first, for the given platforms.
 */
export function channelHeads(db: Db, platforms: readonly Platform[], limit: number): OutboxHead[] {
  if (!platforms.length) return [];
  return stmt<[string, number], HeadRow>(
    db,
    `SELECT o.id, o.platform, o.workspace_id, o.channel_id, o.subscription_id, o.idempotency_key, o.attempts, o.next_attempt_at
     FROM outbox o JOIN (
       SELECT min(id) AS id FROM outbox WHERE status = 'pending' AND platform IN (SELECT value FROM json_each(?))
       GROUP BY platform, workspace_id, channel_id
     ) h ON h.id = o.id
     ORDER BY o.next_attempt_at, o.id LIMIT ?`,
  )
    .all(JSON.stringify(platforms), limit)
    .map(toHead);
}

/** The oldest pending post of one channel (after a send: is there more for it?). */
export function channelHead(db: Db, t: PostTarget): OutboxHead | null {
  const r = stmt<[string, string, string], HeadRow>(
    db,
    `SELECT id, platform, workspace_id, channel_id, subscription_id, idempotency_key, attempts, next_attempt_at
     FROM outbox WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND status = 'pending' ORDER BY id LIMIT 1`,
  ).get(t.platform, t.workspaceId, t.channelId);
  return r ? toHead(r) : null;
}

/** How many posts are waiting (any platform). */
export function pendingCount(db: Db): number {
  return stmt<[], { n: number }>(db, `SELECT count(*) AS n FROM outbox WHERE status = 'pending'`).get()?.n ?? 0;
}

export function markSent(db: Db, id: number, nowMs: number): void {
  stmt(db, `UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL WHERE id = ? AND status = 'pending'`).run(nowMs, id);
}

export function markRetry(db: Db, id: number, error: string, nextAttemptAt: number): void {
  stmt(db, `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ? AND status = 'pending'`).run(error.slice(0, 300), nextAttemptAt, id);
}

export function markFailed(db: Db, id: number, error: string): void {
  stmt(db, `UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ? AND status = 'pending'`).run(error.slice(0, 300), id);
}

export interface OutboxHealth {
  pending: number;
  lastError: string | null;
}

/** What /subscriptions shows about a channel's queue: posts waiting and the latest error. */
export function outboxHealth(db: Db, subscriptionId: number): OutboxHealth {
  const r = stmt<[number], { pending: number }>(db, `SELECT count(*) AS pending FROM outbox WHERE subscription_id = ? AND status = 'pending'`).get(subscriptionId);
  const e = stmt<[number], { last_error: string }>(db, `SELECT last_error FROM outbox WHERE subscription_id = ? AND status = 'pending' AND last_error IS NOT NULL ORDER BY id DESC LIMIT 1`).get(subscriptionId);
  return { pending: r?.pending ?? 0, lastError: e?.last_error ?? null };
}

/** Drops delivered and cancelled rows older than `beforeMs` (the idempotency window is long past). */
export function pruneOutbox(db: Db, beforeMs: number): number {
  return stmt(db, `DELETE FROM outbox WHERE status IN ('sent', 'cancelled', 'failed') AND created_at < ?`).run(beforeMs).changes;
}
