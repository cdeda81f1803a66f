// Builds the neutral Reply for a digest or a real-time burst from a Selection (the channel's best clusters
// and how many matched): grouped by vendor, capped with "and N more", with links. Story text stays plain;
// the renderers escape it. Dates use cached Intl formatters: luxon per item was the slowest part of 10,000.
import type { Db } from '../store/db.ts';
import type { Card, LinkItem, Reply } from '../core/reply.ts';
import { reply } from '../core/reply.ts';
import { catalogOf } from '../catalog/load.ts';
import type { ChannelFilter, RankedCluster, Selection } from './stories.ts';
import type { Lang } from '../i18n/locale.ts';
import { t } from '../i18n/t.ts';
import { joinList } from '../i18n/intl.ts';
import { zhName } from '../i18n/names.ts';

/** The Intl locale each language's dates are written in ("28 Nov, 09:12", "11月28日 09:12", "28. Nov., 09:12"). */
const DATE_LOCALE: Record<Lang, string> = { en: 'en-GB', 'zh-CN': 'zh-CN', 'zh-TW': 'zh-TW', de: 'de-DE' };

export const DIGEST_TOP = 10;
export const BURST_TOP = 10;

const itemFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();

const itemTimes = new Map<string, Map<number, string>>();
const dayLabels = new Map<string, string>();

/** "28 Nov, 09:12" in the channel's zone (memoised per zone and minute: stories share minutes). */
function itemTime(ms: number, zone: string, lang: Lang): string {
  const key = lang === 'en' ? zone : `${lang} ${zone}`;
  let byMinute = itemTimes.get(key);
  if (!byMinute) itemTimes.set(key, (byMinute = new Map()));
  const minute = Math.floor(ms / 60_000);
  let s = byMinute.get(minute);
  if (s === undefined) {
    let f = itemFormats.get(key);
    if (!f) itemFormats.set(key, (f = new Intl.DateTimeFormat(DATE_LOCALE[lang], { timeZone: zone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
    s = f.format(minute * 60_000);
    if (byMinute.size > 50_000) byMinute.clear(); // bounded: a long-running bot must not grow this forever
    byMinute.set(minute, s);
  }
  return s;
}

/** "Sat 28 Nov 2026" for a local day (YYYY-MM-DD); the weekday is the calendar's, so UTC is exact. */
function dayLabel(day: string, lang: Lang = 'en'): string {
  const key = lang === 'en' ? day : `${lang} ${day}`;
  let s = dayLabels.get(key);
  if (s === undefined) {
    let f = dayFormats.get(lang);
    if (!f) dayFormats.set(lang, (f = new Intl.DateTimeFormat(DATE_LOCALE[lang], { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })));
    s = f.format(Date.parse(`${day}T12:00:00Z`));
    // en-GB writes "Sat, 28 Nov 2026": chipwatch's English has always dropped that comma.
    if (lang === 'en') s = s.replace(',', '');
    if (dayLabels.size > 1000) dayLabels.clear();
    dayLabels.set(key, s);
  }
  return s;
}

/** "Huawei (Ascend) · 华为（昇腾）"; Chinese readers see the Chinese name first, in their script. */
export function vendorLabel(db: Db, slug: string, lang: Lang = 'en'): string {
  const v = catalogOf(db).vendors.get(slug);
  if (!v) return slug;
  const zh = zhName(lang, v);
  return zh ? `${zh} · ${v.name.en}` : `${v.name.en} · ${v.name.zh}`;
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function item(c: RankedCluster, zone: string, lang: Lang): LinkItem {
  const more = c.more > 0 ? t(lang, 'post.moreOutlets', { n: c.more, count: String(c.more) }) : '';
  // The title stays as published: a story is quoted, not translated.
  return { title: clip(c.lead.title, 200), url: c.lead.url, meta: `${c.lead.outlet} · ${itemTime(c.lead.publishedAt, zone, lang)}${more}` };
}

/** One card per vendor, vendors in the order their first cluster appears. */
function vendorCards(db: Db, shown: RankedCluster[], zone: string, lang: Lang): Card[] {
  const groups = new Map<string, RankedCluster[]>();
  for (const c of shown) {
    let g = groups.get(c.vendor);
    if (!g) groups.set(c.vendor, (g = []));
    g.push(c);
  }
  return [...groups].map(([vendor, cs]) => ({ title: vendorLabel(db, vendor, lang), items: cs.map((c) => item(c, zone, lang)) }));
}

function followed(db: Db, f: ChannelFilter, lang: Lang): string {
  if (f.allVendors) return t(lang, 'post.allVendors');
  const names = f.vendors.map((v) => {
    const vendor = catalogOf(db).vendors.get(v);
    return vendor ? (zhName(lang, vendor) ?? vendor.name.en) : v;
  });
  return names.length > 3 ? t(lang, 'post.namesAndMore', { names: joinList(lang, names.slice(0, 3)), n: String(names.length - 3) }) : joinList(lang, names);
}

/** English replies carry no lang (as before); others name theirs for the renderers' few labels. */
function inLang(r: Reply, lang: Lang): Reply {
  return lang === 'en' ? r : { ...r, lang };
}

export interface DigestMessage {
  reply: Reply;
  shown: RankedCluster[];
}

/** The digest for one channel's local day; null when the day was quiet and the channel chose silence. */
export function digestMessage(db: Db, sel: Selection, f: ChannelFilter, day: string, zone: string, quiet: 'skip' | 'notice', lang: Lang = 'en'): DigestMessage | null {
  const label = dayLabel(day, lang);
  if (!sel.total) {
    if (quiet === 'skip') return null;
    return { reply: inLang(reply(t(lang, 'post.digestQuiet', { day: label, followed: followed(db, f, lang) })), lang), shown: [] };
  }
  const shown = sel.top;
  const rest = sel.total - shown.length;
  const cards = vendorCards(db, shown, zone, lang);
  if (rest > 0) cards[cards.length - 1]!.footer = t(lang, 'post.andMore', { n: String(rest) });
  const counts = { day: label, n: sel.total, total: String(sel.total), followed: followed(db, f, lang), shown: String(shown.length), rest: String(rest) };
  const text = t(lang, rest > 0 ? 'post.digestTop' : 'post.digest', counts);
  return { reply: inLang(reply(text, { cards, actions: [{ label: t(lang, 'post.subscriptions'), command: '/subscriptions' }] }), lang), shown };
}

/** A real-time burst: every new cluster in one message, newest first, capped. */
export function burstMessage(db: Db, sel: Selection, f: ChannelFilter, zone: string, lang: Lang = 'en'): Reply {
  const rest = sel.total - sel.top.length;
  const cards = vendorCards(db, sel.top, zone, lang);
  if (rest > 0) cards[cards.length - 1]!.footer = t(lang, 'post.andMore', { n: String(rest) });
  const first = sel.top[0]!;
  const text =
    sel.total === 1
      ? t(lang, 'post.burstOne', { vendor: vendorLabel(db, first.vendor, lang), title: clip(first.lead.title, 200) })
      : t(lang, 'post.burstMany', { total: String(sel.total), followed: followed(db, f, lang) });
  return inLang(reply(text, { cards }), lang);
}
