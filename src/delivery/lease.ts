// Named leases in the database: at most one live holder per name, valid until `expires_at` unless the
// holder renews it. The 'deliverer' lease decides which of several processes sharing one database runs
// the feed poller, the digest scheduler, the real-time fan-out and the outbox worker (lease-gate.ts); the
// others answer commands only. SQLite serialises the writes, so acquire/renew is one atomic UPSERT.
// /metrics reads leaseHolder() at scrape time.
import type { Db } from '../store/db.ts';
import { stmt } from '../store/db.ts';

export const DELIVERER_LEASE = 'deliverer';

export interface LeaseState {
  name: string;
  holder: string;
  expiresAt: number;
  acquiredAt: number;
  renewedAt: number;
  renewals: number;
  /** Unexpired at the time asked. */
  live: boolean;
}

/**
 * Takes the lease, or renews it if `holder` has it already; succeeds only if it is free, expired, or ours.
 * Returns whether `holder` holds it now.
 */
export function acquireLease(db: Db, name: string, holder: string, nowMs: number, leaseMs: number): boolean {
  const r = stmt(
    db,
    `INSERT INTO leases (name, holder, expires_at, acquired_at, renewed_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET
       acquired_at = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at ELSE excluded.acquired_at END,
       renewals = CASE WHEN leases.holder = excluded.holder THEN leases.renewals + 1 ELSE 0 END,
       holder = excluded.holder, expires_at = excluded.expires_at, renewed_at = excluded.renewed_at
     WHERE leases.holder = excluded.holder OR leases.expires_at <= excluded.renewed_at`,
  ).run(name, holder, nowMs + leaseMs, nowMs, nowMs);
  return r.changes === 1;
}

/** Gives the lease up (a clean stop), so another process takes over at its next try instead of waiting. */
export function releaseLease(db: Db, name: string, holder: string): void {
  stmt(db, `DELETE FROM leases WHERE name = ? AND holder = ?`).run(name, holder);
}

/** Who holds the lease (null: nobody ever did, or it was released); `live` false once it has expired. */
export function leaseHolder(db: Db, name: string = DELIVERER_LEASE, nowMs: number = Date.now()): LeaseState | null {
  const r = stmt<[string], { name: string; holder: string; expires_at: number; acquired_at: number; renewed_at: number; renewals: number }>(
    db,
    `SELECT name, holder, expires_at, acquired_at, renewed_at, renewals FROM leases WHERE name = ?`,
  ).get(name);
  if (!r) return null;
  return { name: r.name, holder: r.holder, expiresAt: r.expires_at, acquiredAt: r.acquired_at, renewedAt: r.renewed_at, renewals: r.renewals, live: r.expires_at > nowMs };
}
