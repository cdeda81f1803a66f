// Turns sourced facts into the plain text cards show: "800 TFLOPS (reported) [2]", with each distinct
// source numbered once as a footnote. Unknown figures read "unknown", never a guess.
import type { Footnote } from '../core/reply.ts';
import type { Chip, ChipFigure, Fact, Source } from './schema.ts';

export class Footnotes {
  readonly list: Footnote[] = [];
  private byUrl = new Map<string, string>();

  mark(s: Source): string {
    let m = this.byUrl.get(s.url);
    if (!m) {
      m = String(this.list.length + 1);
      this.byUrl.set(s.url, m);
      this.list.push({ mark: m, label: s.outlet, url: s.url, date: s.date });
    }
    return m;
  }
}

export const FIGURE_LABELS: Record<ChipFigure, string> = {
  year: 'Year',
  status: 'Status',
  process: 'Process',
  foundry: 'Foundry',
  fp16Tflops: 'FP16/BF16 (dense)',
  int8Tops: 'INT8',
  memoryType: 'Memory type',
  memoryGB: 'Memory',
  memoryBandwidthTBs: 'Bandwidth',
  interconnect: 'Interconnect',
  tdpW: 'Power (TDP)',
  workload: 'Workload',
};

const num = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function formatValue(field: ChipFigure, v: unknown): string {
  switch (field) {
    case 'fp16Tflops':
      return `${num.format(v as number)} TFLOPS`;
    case 'int8Tops':
      return `${num.format(v as number)} TOPS`;
    case 'memoryGB':
      return `${num.format(v as number)} GB`;
    case 'memoryBandwidthTBs':
      return `${num.format(v as number)} TB/s`;
    case 'tdpW':
      return `${num.format(v as number)} W`;
    case 'workload':
      return (v as string[]).join(', ');
    default:
      return String(v);
  }
}

/** "800 TFLOPS (reported) [2]" or "unknown". */
export function factText<T>(f: Fact<T>, show: (v: T) => string, notes: Footnotes): string {
  if (f.value === null || !('source' in f)) return 'unknown';
  const basis = f.basis === 'official' ? '' : ` (${f.basis})`;
  return `${show(f.value)}${basis} [${notes.mark(f.source)}]`;
}

export function figureText(chip: Chip, field: ChipFigure, notes: Footnotes): string {
  const f = chip[field] as Fact<unknown>;
  return factText(f, (v) => formatValue(field, v), notes);
}

/** Figures where "2.1× H20" is meaningful: bigger is more. */
export const RATIO_FIGURES = ['fp16Tflops', 'int8Tops', 'memoryGB', 'memoryBandwidthTBs'] as const;

const SHORT: Record<(typeof RATIO_FIGURES)[number], string> = {
  fp16Tflops: 'FP16',
  int8Tops: 'INT8',
  memoryGB: 'Memory',
  memoryBandwidthTBs: 'Bandwidth',
};

/** "FP16: 2.1× H20 · Memory: 1.3× H20", over the figures both chips publish; null when none. */
export function ratioLine(chip: Chip, ref: Chip): string | null {
  const parts: string[] = [];
  for (const f of RATIO_FIGURES) {
    const a = chip[f].value;
    const b = ref[f].value;
    if (a !== null && b !== null && b > 0) parts.push(`${SHORT[f]}: ${(a / b).toFixed(a / b >= 10 ? 0 : 1)}× ${ref.name.en}`);
  }
  return parts.length ? parts.join(' · ') : null;
}
