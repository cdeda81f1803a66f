// Builds the neutral Reply for a digest or a real-time burst from a Selection (the channel's best clusters
// and how many matched): grouped by vendor, capped with "and N more", with links. Story text stays plain;
// the renderers escape it. Dates use cached Intl formatters: luxon per item was the slowest part of 10,000.
import type { Db } from '../store/db.ts';
import type { Card, LinkItem, Reply } from '../core/reply.ts';
import { reply } from '../core/reply.ts';
import { catalogOf } from '../catalog/load.ts';
import type { ChannelFilter, RankedCluster, Selection } from './stories.ts';

export const DIGEST_TOP = 10;
export const BURST_TOP = 10;

const itemFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();

const itemTimes = new Map<string, Map<number, string>>();
const dayLabels = new Map<string, string>();

/** "28 Nov, 09:12" in the channel's zone (memoised per zone and minute: stories share minutes). */
function itemTime(ms: number, zone: string): string {
  let byMinute = itemTimes.get(zone);
  if (!byMinute) itemTimes.set(zone, (byMinute = new Map()));
  const minute = Math.floor(ms / 60_000);
  let s = byMinute.get(minute);
  if (s === undefined) {
    let f = itemFormats.get(zone);
    if (!f) itemFormats.set(zone, (f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
    s = f.format(minute * 60_000);
    if (byMinute.size > 50_000) byMinute.clear(); // bounded: a long-running bot must not grow this forever
    byMinute.set(minute, s);
  }
  return s;
}

/** "Sat 28 Nov 2026" for a local day (YYYY-MM-DD); the weekday is the calendar's, so UTC is exact. */
function dayLabel(day: string): string {
  let s = dayLabels.get(day);
  if (s === undefined) {
    let f = dayFormats.get('UTC');
    if (!f) dayFormats.set('UTC', (f = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })));
    s = f.format(Date.parse(`${day}T12:00:00Z`)).replace(',', '');
    if (dayLabels.size > 1000) dayLabels.clear();
    dayLabels.set(day, s);
  }
  return s;
}

export function vendorLabel(db: Db, slug: string): string {
  const v = catalogOf(db).vendors.get(slug);
  return v ? `${v.name.en} · ${v.name.zh}` : slug;
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function item(c: RankedCluster, zone: string): LinkItem {
  const more = c.more > 0 ? ` · +${c.more} more outlet${c.more === 1 ? '' : 's'}` : '';
  return { title: clip(c.lead.title, 200), url: c.lead.url, meta: `${c.lead.outlet} · ${itemTime(c.lead.publishedAt, zone)}${more}` };
}

/** One card per vendor, vendors in the order their first cluster appears. */
function vendorCards(db: Db, shown: RankedCluster[], zone: string): Card[] {
  const groups = new Map<string, RankedCluster[]>();
  for (const c of shown) {
    let g = groups.get(c.vendor);
    if (!g) groups.set(c.vendor, (g = []));
    g.push(c);
  }
  return [...groups].map(([vendor, cs]) => ({ title: vendorLabel(db, vendor), items: cs.map((c) => item(c, zone)) }));
}

function followed(db: Db, f: ChannelFilter): string {
  if (f.allVendors) return 'all tracked vendors';
  const names = f.vendors.map((v) => catalogOf(db).vendors.get(v)?.name.en ?? v);
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

export interface DigestMessage {
  reply: Reply;
  shown: RankedCluster[];
}

/** The digest for one channel's local day; null when the day was quiet and the channel chose silence. */
export function digestMessage(db: Db, sel: Selection, f: ChannelFilter, day: string, zone: string, quiet: 'skip' | 'notice'): DigestMessage | null {
  const label = dayLabel(day);
  if (!sel.total) {
    if (quiet === 'skip') return null;
    return { reply: reply(`Chip news digest, ${label}: a quiet day, nothing new on ${followed(db, f)}.`), shown: [] };
  }
  const shown = sel.top;
  const rest = sel.total - shown.length;
  const cards = vendorCards(db, shown, zone);
  if (rest > 0) cards[cards.length - 1]!.footer = `…and ${rest} more. /news shows everything.`;
  const text = `Chip news digest, ${label}: ${sel.total} ${sel.total === 1 ? 'story' : 'stories'} on ${followed(db, f)}.${rest > 0 ? ` Top ${shown.length} below, and ${rest} more.` : ''}`;
  return { reply: reply(text, { cards, actions: [{ label: 'Subscriptions', command: '/subscriptions' }] }), shown };
}

/** A real-time burst: every new cluster in one message, newest first, capped. */
export function burstMessage(db: Db, sel: Selection, f: ChannelFilter, zone: string): Reply {
  const rest = sel.total - sel.top.length;
  const cards = vendorCards(db, sel.top, zone);
  if (rest > 0) cards[cards.length - 1]!.footer = `…and ${rest} more. /news shows everything.`;
  const first = sel.top[0]!;
  const text = sel.total === 1 ? `New on ${vendorLabel(db, first.vendor)}: ${clip(first.lead.title, 200)}` : `${sel.total} new stories on ${followed(db, f)}.`;
  return reply(text, { cards });
}
