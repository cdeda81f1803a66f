// The subscriptions repository: one row per (platform, workspace, channel) with its vendors, mode, filters
// and digest settings. All SQL is here; commands, the scheduler and the fan-out call these functions.
import type { Db } from '../store/db.ts';
import { stmt } from '../store/db.ts';
import type { PostTarget } from '../core/adapter.ts';
import type { Platform } from '../core/context.ts';
import { nextDigestAt } from './schedule.ts';
import { isLang, type Lang } from '../i18n/locale.ts';

export type DeliveryMode = 'realtime' | 'digest';
export type QuietDay = 'skip' | 'notice';

export interface Subscription {
  id: number;
  target: PostTarget;
  allVendors: boolean;
  vendors: string[];
  mode: DeliveryMode;
  topics: string[];
  exclude: string[];
  digestOn: boolean;
  digestTime: string;
  digestTz: string;
  quietDay: QuietDay;
  nextDigestAt: number | null;
  lastDigestDay: string | null;
  digestCursor: number;
  realtimeCursor: number;
  pausedReason: string | null;
  pausedAt: number | null;
  /** The language the channel's posts are written in (migration 008). */
  lang: Lang;
}

interface Row {
  id: number;
  platform: Platform;
  workspace_id: string;
  channel_id: string;
  all_vendors: number;
  mode: DeliveryMode;
  topics: string;
  exclude: string;
  digest_on: number;
  digest_time: string;
  digest_tz: string;
  quiet_day: QuietDay;
  next_digest_at: number | null;
  last_digest_day: string | null;
  digest_cursor: number;
  realtime_cursor: number;
  paused_reason: string | null;
  paused_at: number | null;
  lang: string;
}

function toSubscription(r: Row, vendors: string[]): Subscription {
  return {
    id: r.id,
    target: { platform: r.platform, workspaceId: r.workspace_id, channelId: r.channel_id },
    allVendors: r.all_vendors === 1,
    vendors,
    mode: r.mode,
    topics: r.topics === '[]' ? [] : (JSON.parse(r.topics) as string[]),
    exclude: r.exclude === '[]' ? [] : (JSON.parse(r.exclude) as string[]),
    digestOn: r.digest_on === 1,
    digestTime: r.digest_time,
    digestTz: r.digest_tz,
    quietDay: r.quiet_day,
    nextDigestAt: r.next_digest_at,
    lastDigestDay: r.last_digest_day,
    digestCursor: r.digest_cursor,
    realtimeCursor: r.realtime_cursor,
    pausedReason: r.paused_reason,
    pausedAt: r.paused_at,
    lang: isLang(r.lang) ? r.lang : 'en',
  };
}

/** Rows to subscriptions, with every row's vendors read in one query (10,000 due channels: one read, not 10,000). */
function withVendors(db: Db, rows: Row[]): Subscription[] {
  if (!rows.length) return [];
  const byId = new Map<number, string[]>(rows.map((r) => [r.id, []]));
  const vs = stmt<[string], { subscription_id: number; vendor_slug: string }>(
    db,
    `SELECT subscription_id, vendor_slug FROM subscription_vendors WHERE subscription_id IN (SELECT value FROM json_each(?)) ORDER BY subscription_id, vendor_slug`,
  ).all(JSON.stringify(rows.map((r) => r.id)));
  for (const v of vs) byId.get(v.subscription_id)?.push(v.vendor_slug);
  return rows.map((r) => toSubscription(r, byId.get(r.id)!));
}

export function getSubscription(db: Db, t: PostTarget): Subscription | null {
  const r = stmt<[string, string, string], Row>(db, `SELECT * FROM subscriptions WHERE platform = ? AND workspace_id = ? AND channel_id = ?`).get(t.platform, t.workspaceId, t.channelId);
  return r ? withVendors(db, [r])[0]! : null;
}

export function getSubscriptionById(db: Db, id: number): Subscription | null {
  const r = stmt<[number], Row>(db, `SELECT * FROM subscriptions WHERE id = ?`).get(id);
  return r ? withVendors(db, [r])[0]! : null;
}

/** Every subscription whose query matches `where` (a fixed SQL fragment, never user input). */
export function listSubscriptions(db: Db, where = '1', params: unknown[] = [], limit = -1): Subscription[] {
  const rows = stmt<unknown[], Row>(db, `SELECT * FROM subscriptions WHERE ${where} ORDER BY id LIMIT ${Math.trunc(limit)}`)
    .all(...params);
  return withVendors(db, rows);
}

export function maxStoryId(db: Db): number {
  return stmt<[], { m: number | null }>(db, `SELECT max(id) AS m FROM stories`).get()?.m ?? 0;
}

/** The newest story id first seen before `beforeMs`: a new channel's first digest covers the last day. */
export function storyIdBefore(db: Db, beforeMs: number): number {
  return stmt<[number], { m: number | null }>(db, `SELECT max(id) AS m FROM stories WHERE first_seen_at <= ?`).get(beforeMs)?.m ?? 0;
}

export interface SubscriptionChange {
  addVendors?: string[];
  allVendors?: boolean;
  mode?: DeliveryMode;
  topics?: string[];
  exclude?: string[];
  /** The channel's post language; a new subscription without it stays English. */
  lang?: Lang;
}

/**
 * Creates or updates the channel's subscription; a change also lifts a pause (the user has acted on it).
 * A new real-time channel starts at the newest story; a new digest channel's first digest covers the last
 * day. Runs in one transaction.
 */
export function subscribe(db: Db, t: PostTarget, change: SubscriptionChange, nowMs: number): Subscription {
  return db.transaction(() => {
    let sub = getSubscription(db, t);
    if (!sub) {
      const newest = maxStoryId(db);
      const id = Number(
        stmt(db, `INSERT INTO subscriptions (platform, workspace_id, channel_id, digest_cursor, realtime_cursor, next_digest_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(
          t.platform,
          t.workspaceId,
          t.channelId,
          storyIdBefore(db, nowMs - 24 * 3600_000),
          newest,
          nextDigestAt('09:00', 'UTC', nowMs),
          nowMs,
          nowMs,
        ).lastInsertRowid,
      );
      sub = getSubscriptionById(db, id)!;
    }
    if (change.allVendors) {
      stmt(db, `UPDATE subscriptions SET all_vendors = 1 WHERE id = ?`).run(sub.id);
      stmt(db, `DELETE FROM subscription_vendors WHERE subscription_id = ?`).run(sub.id);
    }
    for (const v of change.addVendors ?? []) stmt(db, `INSERT OR IGNORE INTO subscription_vendors (subscription_id, vendor_slug) VALUES (?, ?)`).run(sub.id, v);
    if (change.mode && change.mode !== sub.mode) {
      // Switching to real-time starts from now: the backlog belongs to the digest that was.
      if (change.mode === 'realtime') stmt(db, `UPDATE subscriptions SET realtime_cursor = ? WHERE id = ?`).run(maxStoryId(db), sub.id);
      stmt(db, `UPDATE subscriptions SET mode = ? WHERE id = ?`).run(change.mode, sub.id);
    }
    if (change.topics) stmt(db, `UPDATE subscriptions SET topics = ? WHERE id = ?`).run(JSON.stringify(change.topics), sub.id);
    if (change.exclude) stmt(db, `UPDATE subscriptions SET exclude = ? WHERE id = ?`).run(JSON.stringify(change.exclude), sub.id);
    if (change.lang) stmt(db, `UPDATE subscriptions SET lang = ? WHERE id = ?`).run(change.lang, sub.id);
    stmt(db, `UPDATE subscriptions SET paused_reason = NULL, paused_at = NULL, updated_at = ? WHERE id = ?`).run(nowMs, sub.id);
    return getSubscriptionById(db, sub.id)!;
  })();
}

/** Removes vendors (or everything); a channel left with none is deleted and its queued posts cancelled. */
export function unsubscribe(db: Db, t: PostTarget, vendors: string[] | 'all', nowMs: number): Subscription | null {
  return db.transaction(() => {
    const sub = getSubscription(db, t);
    if (!sub) return null;
    if (vendors === 'all') {
      cancelQueued(db, sub.id, 'unsubscribed');
      stmt(db, `DELETE FROM subscriptions WHERE id = ?`).run(sub.id);
      return null;
    }
    for (const v of vendors) stmt(db, `DELETE FROM subscription_vendors WHERE subscription_id = ? AND vendor_slug = ?`).run(sub.id, v);
    const left = getSubscriptionById(db, sub.id)!;
    if (!left.allVendors && left.vendors.length === 0) {
      cancelQueued(db, sub.id, 'unsubscribed');
      stmt(db, `DELETE FROM subscriptions WHERE id = ?`).run(sub.id);
      return null;
    }
    stmt(db, `UPDATE subscriptions SET updated_at = ? WHERE id = ?`).run(nowMs, sub.id);
    return left;
  })();
}

export interface DigestChange {
  time?: string;
  tz?: string;
  on?: boolean;
  quietDay?: QuietDay;
}

/** Changes the digest settings and re-plans the next run from now. */
export function setDigest(db: Db, subId: number, change: DigestChange, nowMs: number): Subscription {
  return db.transaction(() => {
    const sub = getSubscriptionById(db, subId)!;
    const time = change.time ?? sub.digestTime;
    const tz = change.tz ?? sub.digestTz;
    const on = change.on ?? sub.digestOn;
    // Turning digests on makes this a digest channel: that is what the user asked for.
    const mode = change.on === true ? 'digest' : sub.mode;
    const next = on ? nextDigestAt(time, tz, nowMs, sub.lastDigestDay) : null;
    stmt(db, `UPDATE subscriptions SET digest_time = ?, digest_tz = ?, digest_on = ?, mode = ?, quiet_day = ?, next_digest_at = ?, updated_at = ? WHERE id = ?`).run(
      time,
      tz,
      on ? 1 : 0,
      mode,
      change.quietDay ?? sub.quietDay,
      next,
      nowMs,
      subId,
    );
    return getSubscriptionById(db, subId)!;
  })();
}

/** Sets the language of the channel's posts (/digest lang:). */
export function setChannelLang(db: Db, subId: number, lang: Lang, nowMs: number): Subscription {
  stmt(db, `UPDATE subscriptions SET lang = ?, updated_at = ? WHERE id = ?`).run(lang, nowMs, subId);
  return getSubscriptionById(db, subId)!;
}

/** A permanent delivery failure: stop posting to the channel and say why (shown in /subscriptions). */
export function pauseSubscription(db: Db, subId: number, reason: string, nowMs: number): void {
  stmt(db, `UPDATE subscriptions SET paused_reason = ?, paused_at = ?, updated_at = ? WHERE id = ? AND paused_reason IS NULL`).run(reason.slice(0, 300), nowMs, nowMs, subId);
  cancelQueued(db, subId, `channel paused: ${reason}`.slice(0, 300));
}

/**
 * Claimed rows ('sending') are cancelled too: one left by a dead worker would otherwise be taken over and
 * posted after the unsubscribe, and a live worker's outcome is then recorded nowhere (outbox.ts records
 * only on a row still 'sending'), so a failed send is not put back in the queue either.
 */
function cancelQueued(db: Db, subId: number, why: string): void {
  stmt(db, `UPDATE outbox SET status = 'cancelled', last_error = coalesce(last_error, ?), claimed_by = NULL, claim_expires_at = NULL WHERE subscription_id = ? AND status IN ('pending', 'sending')`).run(why, subId);
}
