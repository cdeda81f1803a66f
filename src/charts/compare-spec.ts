// The chart spec for /compare: the same sourced figures as the table, five numeric metrics, with each
// figure's basis kept so estimates look like estimates.
import type { Chip, Fact } from '../catalog/schema.ts';
import { formatValue } from '../catalog/format.ts';
import type { BarValue, BarsChart, ChartBasis } from './spec.ts';

const METRICS = [
  { field: 'fp16Tflops', label: 'FP16/BF16 TFLOPS' },
  { field: 'int8Tops', label: 'INT8 TOPS' },
  { field: 'memoryGB', label: 'Memory GB' },
  { field: 'memoryBandwidthTBs', label: 'Bandwidth TB/s' },
  { field: 'tdpW', label: 'TDP W' },
] as const;

const ALT_MAX = 1000; // Discord allows 1,024 characters of attachment description, Slack 2,000 of alt_text

/** "Republic World (Reuters-based)" → "Republic World": the caption has room for names, not glosses. */
const shortOutlet = (o: string) => o.replace(/\s*\(.*\)\s*$/, '') || o;

function barValue(chip: Chip, field: (typeof METRICS)[number]['field']): BarValue | null {
  const f = chip[field] as Fact<number>;
  if (f.value === null || !('source' in f)) return null;
  return { value: f.value, basis: f.basis as ChartBasis, label: f.published ?? formatValue(field, f.value) };
}

export function compareChartSpec(chips: Chip[]): BarsChart {
  const metrics = METRICS.map((m) => ({ label: m.label, values: chips.map((c) => barValue(c, m.field)) }));
  const sources = new Map<string, string>();
  for (const c of chips)
    for (const m of METRICS) {
      const f = c[m.field] as Fact<number>;
      if (f.value !== null && 'source' in f) sources.set(f.source.url, `${shortOutlet(f.source.outlet)} (${f.source.date})`);
    }
  const names = chips.map((c) => c.name.en);
  const alt = metrics
    .map((m) => `${m.label}: ${m.values.map((v, i) => `${names[i]} ${v ? `${v.label}${v.basis === 'official' ? '' : ` (${v.basis})`}` : 'unknown'}`).join(', ')}`)
    .join('. ');
  return {
    kind: 'bars',
    title: names.join(' vs '),
    series: names,
    metrics,
    caption: sources.size ? `Sources: ${[...new Set(sources.values())].join(' · ')}` : 'No published figures to draw.',
    alt: `Bar chart comparing ${names.join(', ')}. ${alt}.`.slice(0, ALT_MAX),
  };
}
