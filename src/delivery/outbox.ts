// The durable outbox. Deciders (scheduler, real-time fan-out) call `enqueue` INSIDE the transaction that
// advances their cursor, so a decided post is never lost and never decided twice; the worker reads due
// rows and records each outcome. Idempotency keys are derived from what was decided, so re-deciding after a
// crash produces the same key and the UNIQUE index turns it into a no-op.
// A row is CLAIMED before it is sent (status 'sending', claimer, claim expiry; migration 006). Outcomes are
// recorded only by the claimer. A row still 'sending' after its claim expired was being sent by a worker
// that died: it may or may not have reached the platform. Such rows, and rows whose send failed in a way
// that may have posted (time-out, 5xx), are "uncertain": the next send tells the poster so, and the way it
// was settled is recorded (`resolution`) and shown by /subscriptions.
import { createHash } from 'node:crypto';
import type { Db } from '../store/db.ts';
import { stmt } from '../store/db.ts';
import type { PostTarget, Resolution } from '../core/adapter.ts';
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
  /** 'sending': claimed; by a live worker until claimExpiresAt, after it the claimer is presumed dead. */
  status: 'pending' | 'sending';
  claimExpiresAt: number | null;
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
  status: 'pending' | 'sending';
  claim_expires_at: number | null;
}

const HEAD_COLUMNS = `id, platform, workspace_id, channel_id, subscription_id, idempotency_key, attempts, next_attempt_at, status, claim_expires_at`;

function toHead(r: HeadRow): OutboxHead {
  return {
    id: r.id,
    target: { platform: r.platform, workspaceId: r.workspace_id, channelId: r.channel_id },
    subscriptionId: r.subscription_id,
    key: r.idempotency_key,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    status: r.status,
    claimExpiresAt: r.claim_expires_at,
  };
}

/** The post's neutral Reply, read just before sending, only while `claimer` holds the claim. */
export function payloadOf(db: Db, id: number, claimer: string): Reply | null {
  const p = stmt<[number, string], string>(db, `SELECT payload FROM outbox WHERE id = ? AND status = 'sending' AND claimed_by = ?`).pluck().get(id, claimer);
  return p === undefined ? null : (JSON.parse(p) as Reply);
}

/**
 * The oldest open (pending or claimed) post of each channel (one per channel: a channel's posts go out in
 * order, and a post waiting for its retry or being sent holds back the ones behind it), soonest first.
 */
export function channelHeads(db: Db, platforms: readonly Platform[], limit: number): OutboxHead[] {
  if (!platforms.length) return [];
  return stmt<[string, number], HeadRow>(
    db,
    `SELECT o.id, o.platform, o.workspace_id, o.channel_id, o.subscription_id, o.idempotency_key, o.attempts, o.next_attempt_at, o.status, o.claim_expires_at
     FROM outbox o JOIN (
       SELECT min(id) AS id FROM outbox WHERE status IN ('pending', 'sending') AND platform IN (SELECT value FROM json_each(?))
       GROUP BY platform, workspace_id, channel_id
     ) h ON h.id = o.id
     ORDER BY o.next_attempt_at, o.id LIMIT ?`,
  )
    .all(JSON.stringify(platforms), limit)
    .map(toHead);
}

/** The oldest open post of one channel (after a send: is there more for it?). */
export function channelHead(db: Db, t: PostTarget): OutboxHead | null {
  const r = stmt<[string, string, string], HeadRow>(
    db,
    `SELECT ${HEAD_COLUMNS} FROM outbox
     WHERE platform = ? AND workspace_id = ? AND channel_id = ? AND status IN ('pending', 'sending') ORDER BY id LIMIT 1`,
  ).get(t.platform, t.workspaceId, t.channelId);
  return r ? toHead(r) : null;
}

/** How many posts are waiting or being sent (any platform). */
export function pendingCount(db: Db): number {
  return stmt<[], { n: number }>(db, `SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'sending')`).get()?.n ?? 0;
}

export interface Claim {
  /** Set when an earlier send may have reached the platform unrecorded: when the earliest such send began. */
  uncertainSince: number | null;
}

/**
 * Claims a row for sending: a pending row, or a 'sending' row whose claim expired (its claimer died mid-send:
 * the outcome of that send is unknown, so the row becomes uncertain since that send began). Atomic; null
 * when another worker has it or it was cancelled.
 */
export function claim(db: Db, id: number, claimer: string, nowMs: number, claimMs: number): Claim | null {
  const r = stmt<[string, number, number, number, number], { uncertain_since: number | null }>(
    db,
    `UPDATE outbox SET
       uncertain_since = CASE WHEN status = 'sending' THEN coalesce(uncertain_since, attempt_started_at) ELSE uncertain_since END,
       uncertain = CASE WHEN status = 'sending' THEN 1 ELSE uncertain END,
       status = 'sending', claimed_by = ?, claim_expires_at = ?, attempt_started_at = ?
     WHERE id = ? AND (status = 'pending' OR (status = 'sending' AND claim_expires_at <= ?))
     RETURNING uncertain_since`,
  ).get(claimer, nowMs + claimMs, nowMs, id, nowMs);
  if (!r) return null;
  return { uncertainSince: r.uncertain_since };
}

/** Keeps the claims of sends still in flight alive (a slow send must not be taken over by another worker). */
export function renewClaims(db: Db, claimer: string, nowMs: number, claimMs: number): number {
  return stmt(db, `UPDATE outbox SET claim_expires_at = ? WHERE status = 'sending' AND claimed_by = ?`).run(nowMs + claimMs, claimer).changes;
}

/** Rows whose claim expired while 'sending': their claimer died mid-send (startup log, metrics). */
export function abandonedCount(db: Db, nowMs: number): number {
  return stmt<[number], number>(db, `SELECT count(*) FROM outbox WHERE status = 'sending' AND claim_expires_at <= ?`).pluck().get(nowMs) ?? 0;
}

const MINE = `id = ? AND status = 'sending' AND claimed_by = ?`;

/** Sent. `resolution`: how an uncertain post was settled (null for a clean send). False if no longer ours. */
export function markSent(db: Db, id: number, claimer: string, nowMs: number, resolution: Resolution | null = null): boolean {
  return (
    stmt(db, `UPDATE outbox SET status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = NULL, claimed_by = NULL, claim_expires_at = NULL, resolution = coalesce(?, resolution) WHERE ${MINE}`).run(
      nowMs,
      resolution,
      id,
      claimer,
    ).changes === 1
  );
}

/** Back to pending until `nextAttemptAt`. `maybePosted`: the failed send may still have posted (time-out, 5xx). */
export function markRetry(db: Db, id: number, claimer: string, error: string, nextAttemptAt: number, maybePosted: boolean): boolean {
  return (
    stmt(
      db,
      `UPDATE outbox SET status = 'pending', attempts = attempts + 1, last_error = ?, next_attempt_at = ?, claimed_by = NULL, claim_expires_at = NULL,
         uncertain_since = CASE WHEN ? THEN coalesce(uncertain_since, attempt_started_at) ELSE uncertain_since END,
         uncertain = CASE WHEN ? THEN 1 ELSE uncertain END
       WHERE ${MINE}`,
    ).run(error.slice(0, 300), nextAttemptAt, maybePosted ? 1 : 0, maybePosted ? 1 : 0, id, claimer).changes === 1
  );
}

export function markFailed(db: Db, id: number, claimer: string, error: string): boolean {
  return stmt(db, `UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ?, claimed_by = NULL, claim_expires_at = NULL WHERE ${MINE}`).run(error.slice(0, 300), id, claimer).changes === 1;
}

export interface OutboxHealth {
  pending: number;
  lastError: string | null;
}

/** What /subscriptions shows about a channel's queue: posts waiting and the latest error. */
export function outboxHealth(db: Db, subscriptionId: number): OutboxHealth {
  const r = stmt<[number], { pending: number }>(db, `SELECT count(*) AS pending FROM outbox WHERE subscription_id = ? AND status IN ('pending', 'sending')`).get(subscriptionId);
  const e = stmt<[number], { last_error: string }>(db, `SELECT last_error FROM outbox WHERE subscription_id = ? AND status IN ('pending', 'sending') AND last_error IS NOT NULL ORDER BY id DESC LIMIT 1`).get(subscriptionId);
  return { pending: r?.pending ?? 0, lastError: e?.last_error ?? null };
}

/** Uncertain posts and how they were settled (over the rows still kept: see pruneOutbox). */
export interface UncertainCounts {
  uncertain: number;
  /** Settled without a second copy: resent inside the nonce window, found in the channel, or checked absent. */
  settled: number;
  /** Sent again without being able to check: possibly posted twice. */
  possiblyDoubled: number;
  /** Still open (waiting for their resend). */
  open: number;
}

/** For one subscription, or every row when `subscriptionId` is null (logs, metrics, tests). */
export function uncertainCounts(db: Db, subscriptionId: number | null): UncertainCounts {
  const r = stmt<[number | null, number | null], { uncertain: number; settled: number; doubled: number; open: number }>(
    db,
    `SELECT count(*) AS uncertain,
       coalesce(sum(resolution IN ('nonce', 'found', 'absent')), 0) AS settled,
       coalesce(sum(resolution = 'unchecked'), 0) AS doubled,
       coalesce(sum(status IN ('pending', 'sending')), 0) AS open
     FROM outbox WHERE uncertain = 1 AND (? IS NULL OR subscription_id = ?)`,
  ).get(subscriptionId, subscriptionId)!;
  return { uncertain: r.uncertain, settled: r.settled, possiblyDoubled: r.doubled, open: r.open };
}

/** Drops delivered and cancelled rows older than `beforeMs` (the idempotency window is long past). */
export function pruneOutbox(db: Db, beforeMs: number): number {
  return stmt(db, `DELETE FROM outbox WHERE status IN ('sent', 'cancelled', 'failed') AND created_at < ?`).run(beforeMs).changes;
}
