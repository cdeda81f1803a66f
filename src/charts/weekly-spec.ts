// The chart spec for a vendor card: its stories per week over the last 26 weeks, by main topic. A story
// with several topics is drawn once, under the first in TOPIC_ORDER; one event covered by many outlets
// (a cluster) counts once, in the week of its first report. Its words (title, topic labels, week labels,
// caption, alt text) are in the reader's language, from the catalog.
import type { Db } from '../store/db.ts';
import { stmt } from '../store/db.ts';
import type { WeeklyChart } from './spec.ts';
import type { Lang } from '../i18n/locale.ts';
import { formatDate, joinList } from '../i18n/intl.ts';
import { t, type MessageKey } from '../i18n/t.ts';

export const WEEKS = 26;
const DAY = 86_400_000;
/** Which topic a multi-topic story is drawn under: the rarer, more consequential kinds first. */
const TOPIC_ORDER = ['export-controls', 'launch', 'funding', 'earnings', 'customers', 'fabs', 'benchmarks'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dayMonth = new Map<Lang, Intl.DateTimeFormat>();

/** A week's axis label: "Sep 1" in English (as before the catalog), else Intl's short day and month ("9月1日", "1. Sept."). */
export function weekLabel(lang: Lang, isoDay: string): string {
  const [yyyy, mm, dd] = isoDay.split('-').map(Number) as [number, number, number];
  if (lang === 'en') return `${MONTHS[mm - 1]} ${dd}`;
  let f = dayMonth.get(lang);
  if (!f) dayMonth.set(lang, (f = new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', timeZone: 'UTC' })));
  return f.format(Date.UTC(yyyy, mm - 1, dd));
}

/** Monday 00:00 UTC of the week holding `ms`. */
export function weekStart(ms: number): number {
  const d = Math.floor(ms / DAY);
  return (d - ((d + 3) % 7)) * DAY; // 1970-01-01 was a Thursday
}

interface Row {
  cluster_id: number;
  published_at: number;
  topics: string | null;
}

/** `vendor.name`: the vendor's name in the reader's language (names.ts nameIn). */
export function weeklyChartSpec(db: Db, vendor: { slug: string; name: string }, nowMs: number, lang: Lang = 'en'): WeeklyChart {
  const first = weekStart(nowMs) - (WEEKS - 1) * 7 * DAY;
  const rows = stmt<[string, number], Row>(
    db,
    `SELECT s.cluster_id, sv.published_at, (SELECT group_concat(topic) FROM story_topics t WHERE t.story_id = sv.story_id) AS topics
     FROM story_vendors sv JOIN stories s ON s.id = sv.story_id
     WHERE sv.vendor_slug = ? AND sv.published_at >= ? ORDER BY sv.published_at`,
  ).all(vendor.slug, first);
  const stackIds = [...TOPIC_ORDER, 'other'] as const;
  const counts = new Map<string, number[]>(stackIds.map((t) => [t, new Array<number>(WEEKS).fill(0)]));
  const seen = new Set<number>();
  for (const r of rows) {
    if (seen.has(r.cluster_id)) continue;
    seen.add(r.cluster_id);
    const week = Math.floor((weekStart(r.published_at) - first) / (7 * DAY));
    if (week < 0 || week >= WEEKS) continue;
    const topics = new Set((r.topics ?? '').split(','));
    const main = TOPIC_ORDER.find((t) => topics.has(t)) ?? 'other';
    counts.get(main)![week]!++;
  }
  const weeks = Array.from({ length: WEEKS }, (_, i) => new Date(first + i * 7 * DAY).toISOString().slice(0, 10));
  const stacks = stackIds.map((topic) => ({ topic, label: t(lang, `chart.topic.${topic}` as MessageKey), counts: counts.get(topic)! }));
  const total = seen.size;
  const perWeek = weeks.map((_, w) => stacks.reduce((a, s) => a + s.counts[w]!, 0));
  const busiest = perWeek.indexOf(Math.max(...perWeek));
  const byTopic = stacks.map((s) => ({ label: s.label, n: s.counts.reduce((a, b) => a + b, 0) })).filter((s) => s.n > 0).sort((a, b) => b.n - a.n);
  const alt = total
    ? t(lang, 'chart.weeklyAlt', { name: vendor.name, total, weeks: WEEKS, week: formatDate(lang, weeks[busiest]!), count: perWeek[busiest]!, topics: joinList(lang, byTopic.map((s) => `${s.label} ${s.n}`)) })
    : t(lang, 'chart.weeklyAltNone', { name: vendor.name, weeks: WEEKS });
  return {
    kind: 'weekly',
    title: t(lang, 'chart.weeklyTitle', { name: vendor.name }),
    weeks,
    weekLabels: weeks.map((w) => weekLabel(lang, w)),
    stacks,
    caption: t(lang, 'chart.weeklyCaption', { weeks: WEEKS, date: formatDate(lang, new Date(nowMs).toISOString().slice(0, 10)) }),
    alt,
  };
}

/** How long a vendor's weekly chart is reused. Counting 26 weeks of a busy vendor reads tens of thousands
 * of rows (milliseconds), while /chip answers in well under one: a chart ten minutes old is still true. */
export const WEEKLY_CACHE_MS = 10 * 60_000;
const weeklyCache = new WeakMap<Db, Map<string, { at: number; spec: WeeklyChart }>>();

/** Cached per vendor AND language: the spec holds the words, so a German reader never gets the English one. */
export function cachedWeeklyChartSpec(db: Db, vendor: { slug: string; name: string }, nowMs: number, lang: Lang = 'en'): WeeklyChart {
  let byVendor = weeklyCache.get(db);
  if (!byVendor) weeklyCache.set(db, (byVendor = new Map()));
  const key = `${lang}:${vendor.slug}`;
  const hit = byVendor.get(key);
  if (hit && nowMs - hit.at < WEEKLY_CACHE_MS && nowMs >= hit.at) return hit.spec;
  const spec = weeklyChartSpec(db, vendor, nowMs, lang);
  byVendor.set(key, { at: nowMs, spec });
  return spec;
}
