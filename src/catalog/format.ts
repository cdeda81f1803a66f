// Turns sourced facts into the plain text cards show: "800 TFLOPS (reported) [2]", with each distinct
// source numbered once as a footnote. Unknown figures read "unknown", never a guess. A figure is shown
// as its source printed it ("768 GB/s", not "0.77 TB/s") when the record keeps the published form, and
// a figure's note gets a short marker (†1) whose text goes under the card.
import type { Footnote } from '../core/reply.ts';
import type { Lang } from '../i18n/locale.ts';
import { t, type MessageKey } from '../i18n/t.ts';
import { formatNumber } from '../i18n/intl.ts';
import { nameIn } from '../i18n/names.ts';
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

/** Per-figure notes, numbered once each: "†1" beside the figure, the text under the card. */
export class FigureNotes {
  readonly list: { mark: string; text: string }[] = [];
  private byText = new Map<string, string>();

  mark(text: string): string {
    let m = this.byText.get(text);
    if (!m) {
      m = `†${this.list.length + 1}`;
      this.byText.set(text, m);
      this.list.push({ mark: m, text });
    }
    return m;
  }
}

/** Discord allows 1,024 characters in a field value; notes are clipped to fit one field. */
export const NOTES_FIELD_MAX = 1024;
const NOTE_MAX = 280;

/** The notes as one block ("†1 …\n†2 …"), clipped to the field limit; null when there are none. */
export function notesText(notes: FigureNotes, lang: Lang = 'en'): string | null {
  if (!notes.list.length) return null;
  const lines: string[] = [];
  let used = 0;
  for (const n of notes.list) {
    const text = n.text.length > NOTE_MAX ? `${n.text.slice(0, NOTE_MAX - 1)}…` : n.text;
    const line = `${n.mark} ${text}`;
    if (used + line.length + 1 > NOTES_FIELD_MAX - 40) {
      lines.push(t(lang, 'card.moreNotes', { n: String(notes.list.length - lines.length) }));
      break;
    }
    lines.push(line);
    used += line.length + 1;
  }
  return lines.join('\n');
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

/** A figure's label ("Memory", "内存", "Speicher"). */
export function figureLabel(f: ChipFigure, lang: Lang = 'en'): string {
  return t(lang, `figure.${f}` as MessageKey);
}

export function formatValue(field: ChipFigure, v: unknown, lang: Lang = 'en'): string {
  const num = { format: (n: number) => formatNumber(lang, n) };
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
      return lang === 'en' ? (v as string[]).join(', ') : (v as string[]).map((w) => t(lang, `workload.${w}` as MessageKey)).join(', ');
    case 'status':
      return lang === 'en' ? String(v) : t(lang, `status.${String(v)}` as MessageKey);
    default:
      return String(v);
  }
}

/**
 * "800 TFLOPS (reported) [2]", "768 GB/s [3] †1" or "unknown". With `figureNotes`, a fact's note gets a
 * marker (an unknown's note too: it says why no figure is shown).
 */
export function factText<T>(f: Fact<T>, show: (v: T) => string, notes: Footnotes, figureNotes?: FigureNotes, lang: Lang = 'en'): string {
  const marker = figureNotes && f.note ? ` ${figureNotes.mark(f.note)}` : '';
  if (f.value === null || !('source' in f)) return `${t(lang, 'fact.unknown')}${marker}`;
  const basis = f.basis === 'official' ? '' : t(lang, 'basis.mark', { basis: t(lang, `basis.${f.basis}`) });
  const shown = f.published ?? show(f.value);
  return `${shown}${basis} [${notes.mark(f.source)}]${marker}`;
}

export function figureText(chip: Chip, field: ChipFigure, notes: Footnotes, figureNotes?: FigureNotes, lang: Lang = 'en'): string {
  const f = chip[field] as Fact<unknown>;
  return factText(f, (v) => formatValue(field, v, lang), notes, figureNotes, lang);
}

/** A figure as published (its `published` form when kept), without source or basis: for tables. */
export function shownValue(chip: Chip, field: ChipFigure, lang: Lang = 'en'): string | null {
  const f = chip[field] as Fact<unknown>;
  if (f.value === null || !('source' in f)) return null;
  return f.published ?? formatValue(field, f.value, lang);
}

/** Figures where "2.1× H20" is meaningful: bigger is more. */
export const RATIO_FIGURES = ['fp16Tflops', 'int8Tops', 'memoryGB', 'memoryBandwidthTBs'] as const;

/** "FP16: 2.1× H20 · Memory: 1.3× H20", over the figures both chips publish; null when none. */
export function ratioLine(chip: Chip, ref: Chip, lang: Lang = 'en'): string | null {
  const parts: string[] = [];
  for (const f of RATIO_FIGURES) {
    const a = chip[f].value;
    const b = ref[f].value;
    if (a === null || b === null || b <= 0) continue;
    const ratio = (a / b).toFixed(a / b >= 10 ? 0 : 1);
    parts.push(t(lang, 'ratio.part', { label: t(lang, `ratio.${f}`), ratio: lang === 'de' ? ratio.replace('.', ',') : ratio, name: nameIn(lang, ref) }));
  }
  return parts.length ? parts.join(' · ') : null;
}
