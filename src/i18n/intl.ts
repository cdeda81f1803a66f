// Dates, numbers and lists in the reader's conventions, through Intl (ICU data ships with Node):
// 2025年9月18日 for Chinese, 18.09.2025 for German, 1.234,5 for German numbers. English keeps the ISO
// dates chipwatch has always shown ("2025-09-18"): they are unambiguous and the existing cards use them.
// Formatters are built once per language: constructing one costs far more than using it.
import type { Lang } from './locale.ts';

const INTL_LOCALE: Record<Lang, string> = { en: 'en-US', 'zh-CN': 'zh-CN', 'zh-TW': 'zh-TW', de: 'de-DE' };

const numbers = new Map<string, Intl.NumberFormat>();

/** "1,234.5" / "1.234,5" / "1,234.5", at most `maxFraction` decimals. */
export function formatNumber(lang: Lang, n: number, maxFraction = 2): string {
  const id = `${lang}:${maxFraction}`;
  let f = numbers.get(id);
  if (!f) numbers.set(id, (f = new Intl.NumberFormat(INTL_LOCALE[lang], { maximumFractionDigits: maxFraction })));
  return f.format(n);
}

type DatePrecision = 'year' | 'month' | 'day';
const dates = new Map<string, Intl.DateTimeFormat>();

function dateFormat(lang: Lang, p: DatePrecision): Intl.DateTimeFormat {
  const id = `${lang}:${p}`;
  let f = dates.get(id);
  if (!f) {
    const de = lang === 'de';
    const opts: Intl.DateTimeFormatOptions =
      p === 'year' ? { year: 'numeric' } : p === 'month' ? { year: 'numeric', month: 'long' } : { year: 'numeric', month: de ? '2-digit' : 'long', day: de ? '2-digit' : 'numeric' };
    dates.set(id, (f = new Intl.DateTimeFormat(INTL_LOCALE[lang], { ...opts, timeZone: 'UTC' })));
  }
  return f;
}

/**
 * An ISO date as the sources give it (YYYY, YYYY-MM or YYYY-MM-DD, or a full timestamp, of which the day
 * is shown) in the reader's form: "2025年9月18日", "18.09.2025". English and anything unparsable stay as given.
 */
export function formatDate(lang: Lang, iso: string): string {
  if (lang === 'en') return iso;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m) return iso;
  const precision: DatePrecision = m[3] ? 'day' : m[2] ? 'month' : 'year';
  const d = new Date(Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1));
  if (Number.isNaN(d.getTime())) return iso;
  return dateFormat(lang, precision).format(d);
}

/** "a, b, c" with the language's list separator (、 in Chinese). */
export function joinList(lang: Lang, items: string[]): string {
  return items.join(lang === 'zh-CN' || lang === 'zh-TW' ? '、' : ', ');
}
