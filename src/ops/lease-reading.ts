// Who holds which lease, for /metrics and /healthz: read from the `leases` table that the delivery lease
// (src/delivery/lease.ts, table from migration 006) keeps. Kept in this one function so the delivery code can change
// its lease without touching the metrics.
import type { Db } from '../store/db.ts';
import { DELIVERER_LEASE } from '../delivery/lease.ts';

export interface LeaseView {
  lease: string;
  /** The holder's id, or "none" when the lease is free or expired. */
  holder: string;
  /** Whether this process is the holder. */
  mine: boolean;
}

/** Every lease as of `nowMs`; `selfId` is this process's holder id, when it has one. */
export function readLeases(db: Db, nowMs: number, selfId?: string): LeaseView[] {
  const rows = db.prepare(`SELECT name, holder, expires_at FROM leases ORDER BY name`).all() as { name: string; holder: string; expires_at: number }[];
  const views = rows.map((r) => {
    const live = r.expires_at > nowMs;
    return { lease: r.name, holder: live ? r.holder : 'none', mine: live && selfId !== undefined && r.holder === selfId };
  });
  // Not taken yet (no process has started delivery): say so rather than leave the series absent.
  if (!views.some((v) => v.lease === DELIVERER_LEASE)) views.push({ lease: DELIVERER_LEASE, holder: 'none', mine: false });
  return views;
}
