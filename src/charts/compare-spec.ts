// The chart spec for /compare: the same sourced figures as the table, five numeric metrics, with each
// figure's basis kept so estimates look like estimates. Its words come from the catalog in the reader's
// language (names as names.ts gives them), so the SVG builder draws them as they are.
import type { Chip, Fact } from '../catalog/schema.ts';
import { formatValue } from '../catalog/format.ts';
import type { Lang } from '../i18n/locale.ts';
import { nameIn } from '../i18n/names.ts';
import { t, type MessageKey } from '../i18n/t.ts';
import type { BarValue, BarsChart, ChartBasis } from './spec.ts';

const METRICS = ['fp16Tflops', 'int8Tops', 'memoryGB', 'memoryBandwidthTBs', 'tdpW'] as const;

const ALT_MAX = 1000; // Discord allows 1,024 characters of attachment description, Slack 2,000 of alt_text

/** "Republic World (Reuters-based)" → "Republic World": the caption has room for names, not glosses. */
const shortOutlet = (o: string) => o.replace(/\s*\(.*\)\s*$/, '') || o;

function barValue(chip: Chip, field: (typeof METRICS)[number]): BarValue | null {
  const f = chip[field] as Fact<number>;
  if (f.value === null || !('source' in f)) return null;
  return { value: f.value, basis: f.basis as ChartBasis, label: f.published ?? formatValue(field, f.value) };
}

export function compareChartSpec(chips: Chip[], lang: Lang = 'en'): BarsChart {
  const metrics = METRICS.map((field) => ({ label: t(lang, `chart.metric.${field}` as MessageKey), values: chips.map((c) => barValue(c, field)) }));
  const sources = new Map<string, string>();
  for (const c of chips)
    for (const field of METRICS) {
      const f = c[field] as Fact<number>;
      if (f.value !== null && 'source' in f) sources.set(f.source.url, `${shortOutlet(f.source.outlet)} (${f.source.date})`);
    }
  const names = chips.map((c) => nameIn(lang, c));
  const list = t(lang, 'chart.altListSep');
  const unknown = t(lang, 'chart.unknown');
  const basis = (v: BarValue) => (v.basis === 'official' ? '' : t(lang, 'basis.mark', { basis: t(lang, `basis.${v.basis}` as MessageKey) }));
  const details = metrics
    .map((m) => t(lang, 'chart.altMetric', { metric: m.label, values: m.values.map((v, i) => `${names[i]} ${v ? `${v.label}${basis(v)}` : unknown}`).join(list) }))
    .join(t(lang, 'chart.altSentenceSep'));
  return {
    kind: 'bars',
    title: names.reduce((a, b) => t(lang, 'compare.versus', { a, b })),
    series: names,
    metrics,
    legend: { estimate: t(lang, 'chart.legendEstimate'), unknown, scaleNote: t(lang, 'chart.scaleNote') },
    caption: sources.size ? t(lang, 'chart.sources', { list: [...new Set(sources.values())].join(' · ') }) : t(lang, 'chart.noFigures'),
    alt: t(lang, 'chart.compareAlt', { names: names.join(list), details }).slice(0, ALT_MAX),
  };
}
