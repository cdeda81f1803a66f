// The words /subscribe, /subscriptions and /digest use to describe a channel's subscription.
import { DateTime } from 'luxon';
import type { Db } from '../store/db.ts';
import type { Field } from '../core/reply.ts';
import { catalogOf } from '../catalog/load.ts';
import type { Subscription } from './subscriptions.ts';
import { outboxHealth, uncertainCounts, type UncertainCounts } from './outbox.ts';
import type { Lang } from '../i18n/locale.ts';
import { t, type MessageKey } from '../i18n/t.ts';
import { joinList } from '../i18n/intl.ts';
import { nameIn } from '../i18n/names.ts';

const LUXON_LOCALE: Record<Lang, string> = { en: 'en-US', 'zh-CN': 'zh-CN', 'zh-TW': 'zh-TW', de: 'de-DE' };

export function vendorNames(db: Db, s: Subscription, lang: Lang = 'en'): string {
  if (s.allVendors) return t(lang, 'post.allVendors');
  const { vendors } = catalogOf(db);
  return joinList(
    lang,
    s.vendors.map((v) => {
      const vendor = vendors.get(v);
      return vendor ? nameIn(lang, vendor) : v;
    }),
  );
}

/** "English", "简体中文", "Deutsch": each language by its own name, so a reader finds theirs. */
export function langName(lang: Lang): string {
  return t(lang, 'sub.langName');
}

export function digestLine(s: Subscription, nowMs: number, lang: Lang = 'en'): string {
  const at = { time: s.digestTime, tz: s.digestTz };
  if (s.mode !== 'digest') return t(lang, 'sub.digestOffRealtime', at);
  if (!s.digestOn) return t(lang, 'sub.digestOff', at);
  const base = t(lang, 'sub.digestDaily', at);
  if (s.nextDigestAt == null) return base;
  const next = DateTime.fromMillis(s.nextDigestAt, { zone: s.digestTz });
  const rel = next.toRelative({ base: DateTime.fromMillis(nowMs, { zone: s.digestTz }), ...(lang === 'en' ? {} : { locale: LUXON_LOCALE[lang] }) });
  const when = lang === 'en' ? next.toFormat('ccc d LLL HH:mm') : next.setLocale(LUXON_LOCALE[lang]).toLocaleString({ weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return rel ? t(lang, 'sub.digestNextRel', { base, next: when, rel }) : t(lang, 'sub.digestNext', { base, next: when });
}

export function subscriptionFields(db: Db, s: Subscription, nowMs: number, lang: Lang = 'en'): Field[] {
  const topics = s.topics.map((id) => t(lang, `topic.${id}` as MessageKey));
  const fields: Field[] = [
    { name: t(lang, 'sub.vendors'), value: vendorNames(db, s, lang) },
    { name: t(lang, 'sub.mode'), value: s.mode === 'realtime' ? t(lang, 'sub.modeRealtime') : t(lang, 'sub.modeDigest') },
    { name: t(lang, 'sub.digest'), value: digestLine(s, nowMs, lang) },
    { name: t(lang, 'sub.quietDays'), value: s.quietDay === 'notice' ? t(lang, 'sub.quietNotice') : t(lang, 'sub.quietSkip') },
    { name: t(lang, 'sub.topics'), value: topics.length ? (lang === 'en' ? s.topics.join(', ') : joinList(lang, topics)) : t(lang, 'sub.topicsAll') },
    { name: t(lang, 'sub.excluding'), value: s.exclude.length ? s.exclude.join(', ') : t(lang, 'sub.excludingNothing') },
    { name: t(lang, 'sub.language'), value: langName(s.lang) },
  ];
  if (s.pausedReason) {
    const when = s.pausedAt ? DateTime.fromMillis(s.pausedAt, { zone: 'UTC' }).toFormat("d LLL HH:mm 'UTC'") : '';
    // The reason is the platform's own error text: shown as it came.
    fields.push({ name: t(lang, 'sub.problem'), value: t(lang, 'sub.paused', { when, reason: s.pausedReason }) });
  } else {
    const h = outboxHealth(db, s.id);
    if (h.lastError) fields.push({ name: t(lang, 'sub.problem'), value: t(lang, 'sub.retrying', { pending: String(h.pending), error: h.lastError }) });
  }
  const u = uncertainCounts(db, s.id);
  if (u.uncertain) fields.push({ name: t(lang, 'sub.uncertain'), value: uncertainLine(u, lang) });
  return fields;
}

/**
 * Posts whose send was interrupted (a crash, a time-out) so that chipwatch could not know whether the
 * platform had taken them, and how each was settled (README "Delivery guarantees").
 */
export function uncertainLine(u: UncertainCounts, lang: Lang = 'en'): string {
  const parts = [t(lang, 'sub.uncertainPosts', { n: String(u.uncertain) })];
  if (u.settled) parts.push(t(lang, 'sub.uncertainSettled', { n: String(u.settled) }));
  if (u.possiblyDoubled) parts.push(t(lang, 'sub.uncertainDoubled', { n: String(u.possiblyDoubled) }));
  if (u.open) parts.push(t(lang, 'sub.uncertainOpen', { n: String(u.open) }));
  return parts.join('; ');
}
