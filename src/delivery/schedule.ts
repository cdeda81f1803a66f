// When a channel's daily digest is due: a local wall-clock time in an IANA zone, turned into instants with
// luxon so 09:00 stays 09:00 local across DST changes. A time that does not exist on a spring-forward day
// (02:30 in Berlin) moves forward by the gap (03:30); a time that happens twice on a fall-back day is
// used once (luxon picks one instant, and the scheduler never sends two digests for one local day).
import { DateTime, IANAZone } from 'luxon';
import { nameKey, nearest } from '../core/fuzzy.ts';

const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** "9:05" → {hour: 9, minute: 5}; null when it is not a 24-hour HH:MM time. */
export function parseLocalTime(s: string): { hour: number; minute: number } | null {
  const m = HHMM.exec(s.trim());
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

export function formatLocalTime(t: { hour: number; minute: number }): string {
  return `${String(t.hour).padStart(2, '0')}:${String(t.minute).padStart(2, '0')}`;
}

/** The canonical spelling of an IANA zone ("europe/berlin" → "Europe/Berlin"), or null if unknown. */
export function canonicalZone(input: string): string | null {
  const s = input.trim();
  if (!s || !IANAZone.isValidZone(s)) return null;
  const lower = s.toLowerCase();
  const known = Intl.supportedValuesOf('timeZone').find((z) => z.toLowerCase() === lower);
  if (known) return known;
  if (lower === 'utc' || lower === 'etc/utc') return 'UTC';
  // Valid but not in the canonical list (an alias such as "Asia/Calcutta"): keep what Intl resolves.
  return new Intl.DateTimeFormat('en', { timeZone: s }).resolvedOptions().timeZone;
}

/** Zones whose name is close to `input`, for "Did you mean …": the whole name, then the city alone. */
export function zoneSuggestions(input: string, limit = 3): string[] {
  const all = Intl.supportedValuesOf('timeZone');
  const city = input.trim().split('/').pop() ?? input;
  const byName = nearest(input, all, (z) => nameKey(z), limit);
  const byCity = city.length >= 3 ? nearest(city, all, (z) => nameKey(z.split('/').pop()!), limit) : [];
  return [...new Set([...byName, ...byCity])].slice(0, limit);
}

/** Local calendar day (YYYY-MM-DD) of an instant in a zone. */
export function localDay(atMs: number, zone: string): string {
  return DateTime.fromMillis(atMs, { zone }).toISODate()!;
}

/** The instant of `time` on the local calendar day `day` (YYYY-MM-DD) in `zone`. */
export function instantOn(day: string, time: string, zone: string): number {
  const t = parseLocalTime(time);
  if (!t) throw new Error(`bad digest time ${time}`);
  const d = DateTime.fromISO(day, { zone });
  return DateTime.fromObject({ year: d.year, month: d.month, day: d.day, hour: t.hour, minute: t.minute }, { zone }).toMillis();
}

/**
 * The first digest instant strictly after `afterMs` whose local day is later than `lastDay` (the day of
 * the last digest decided, if any). Walking calendar days, not adding 24 h, is what keeps DST right.
 */
export function nextDigestAt(time: string, zone: string, afterMs: number, lastDay?: string | null): number {
  let day = DateTime.fromMillis(afterMs, { zone }).startOf('day');
  for (let i = 0; i < 3; i++) {
    const iso = day.toISODate()!;
    if (!lastDay || iso > lastDay) {
      const at = instantOn(iso, time, zone);
      if (at > afterMs) return at;
    }
    day = day.plus({ days: 1 });
  }
  // lastDay is ahead of `afterMs` by more than a day (a clock moved back): the day after lastDay.
  return instantOn(DateTime.fromISO(lastDay!, { zone }).plus({ days: 1 }).toISODate()!, time, zone);
}
