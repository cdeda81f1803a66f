// The words /subscribe, /subscriptions and /digest use to describe a channel's subscription.
import { DateTime } from 'luxon';
import type { Db } from '../store/db.ts';
import type { Field } from '../core/reply.ts';
import { catalogOf } from '../catalog/load.ts';
import type { Subscription } from './subscriptions.ts';
import { outboxHealth, uncertainCounts, type UncertainCounts } from './outbox.ts';

export function vendorNames(db: Db, s: Subscription): string {
  if (s.allVendors) return 'all tracked vendors';
  const { vendors } = catalogOf(db);
  return s.vendors.map((v) => vendors.get(v)?.name.en ?? v).join(', ');
}

export function digestLine(s: Subscription, nowMs: number): string {
  if (s.mode !== 'digest') return `off while mode is real-time (set for ${s.digestTime} ${s.digestTz})`;
  if (!s.digestOn) return `off (${s.digestTime} ${s.digestTz} when on)`;
  const base = `daily at ${s.digestTime} ${s.digestTz}`;
  if (s.nextDigestAt == null) return base;
  const next = DateTime.fromMillis(s.nextDigestAt, { zone: s.digestTz });
  const rel = next.toRelative({ base: DateTime.fromMillis(nowMs, { zone: s.digestTz }) });
  return `${base}; next ${next.toFormat('ccc d LLL HH:mm')}${rel ? ` (${rel})` : ''}`;
}

export function subscriptionFields(db: Db, s: Subscription, nowMs: number): Field[] {
  const fields: Field[] = [
    { name: 'Vendors', value: vendorNames(db, s) },
    { name: 'Mode', value: s.mode === 'realtime' ? 'real-time (new stories as they arrive)' : 'daily digest' },
    { name: 'Digest', value: digestLine(s, nowMs) },
    { name: 'Quiet days', value: s.quietDay === 'notice' ? 'post a one-line "quiet day"' : 'post nothing' },
    { name: 'Topics', value: s.topics.length ? s.topics.join(', ') : 'all' },
    { name: 'Excluding', value: s.exclude.length ? s.exclude.join(', ') : 'nothing' },
  ];
  if (s.pausedReason) {
    const when = s.pausedAt ? DateTime.fromMillis(s.pausedAt, { zone: 'UTC' }).toFormat("d LLL HH:mm 'UTC'") : '';
    fields.push({ name: 'Delivery problem', value: `PAUSED since ${when}: ${s.pausedReason}. Fix the channel (access, archived, token), then run /subscribe again to resume.` });
  } else {
    const h = outboxHealth(db, s.id);
    if (h.lastError) fields.push({ name: 'Delivery problem', value: `${h.pending} post(s) waiting to be retried; last error: ${h.lastError}` });
  }
  const u = uncertainCounts(db, s.id);
  if (u.uncertain) fields.push({ name: 'Uncertain posts', value: uncertainLine(u) });
  return fields;
}

/**
 * Posts whose send was interrupted (a crash, a time-out) so that chipwatch could not know whether the
 * platform had taken them, and how each was settled (README "Delivery guarantees").
 */
export function uncertainLine(u: UncertainCounts): string {
  const parts = [`${u.uncertain} post(s) had an uncertain outcome (interrupted mid-send)`];
  if (u.settled) parts.push(`${u.settled} settled without a second copy`);
  if (u.possiblyDoubled) parts.push(`${u.possiblyDoubled} sent again unchecked: may appear twice`);
  if (u.open) parts.push(`${u.open} still to settle`);
  return parts.join('; ');
}
