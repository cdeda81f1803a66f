// Builds the neutral cards for /chip and /compare from catalog records. Pure functions over the data,
// so renderers and tests see exactly what a user sees.
import type { Card, Field } from '../core/reply.ts';
import type { StoryLine } from '../news/latest.ts';
import { FIGURE_LABELS, FigureNotes, Footnotes, factText, figureText, notesText, ratioLine, shownValue } from './format.ts';
import { CHIP_FIGURES, type Chip, type Vendor } from './schema.ts';

export const BASIS_FOOTER =
  'Figures are the vendor’s own unless marked (reported), (estimate) or (derived: computed from other figures, see its note); unknown = not published. Numbers in [ ] are sources, † marks a note.';

/** "As of 2026-12-01 (last review)." — when the record was last checked against its sources. */
export function asOf(reviewed: string): string {
  return `As of ${reviewed} (last review).`;
}

export function vendorTitle(v: Vendor): string {
  return v.name.zh && v.name.zh !== v.name.en ? `${v.name.en} · ${v.name.zh}` : v.name.en;
}

export function chipTitle(c: Chip): string {
  return c.name.zh && c.name.zh !== c.name.en ? `${c.name.en} (${c.name.zh})` : c.name.en;
}

/** The latest events a vendor card shows (the rest stay in the catalog). */
const EVENTS_SHOWN = 3;

function vendorFields(v: Vendor, notes: Footnotes, fnotes: FigureNotes): Field[] {
  // Built in display order, so source numbers and note markers read 1, 2, 3 down the card.
  const headquarters = factText(v.headquarters, String, notes, fnotes);
  const parent = factText(v.parent, String, notes, fnotes);
  const founded = factText(v.founded, String, notes, fnotes);
  const listings = factText(
    v.listings,
    (ls) => (ls.length ? ls.map((l) => `${l.exchange}: ${l.ticker}${l.date ? ` (since ${l.date})` : ''}`).join('; ') : 'not listed'),
    notes,
    fnotes,
  );
  const entity = factText(
    v.entityList,
    (e) => (e.listed ? `listed${e.since ? ` since ${e.since}` : ''}${e.entities ? ` (${e.entities})` : ''}` : 'not listed'),
    notes,
    fnotes,
  );
  return [
    { name: 'Headquarters', value: headquarters, inline: true },
    { name: 'Parent', value: parent, inline: true },
    { name: 'Founded', value: founded, inline: true },
    { name: 'Listing', value: listings, inline: false },
    { name: 'US Entity List', value: entity, inline: false },
    ...(v.events?.length
      ? [{ name: 'Events', value: [...v.events].sort((a, b) => b.date.localeCompare(a.date)).slice(0, EVENTS_SHOWN).map((e) => `${e.date}: ${e.text}${e.basis === 'official' ? '' : ` (${e.basis})`} [${notes.mark(e.source)}]`).join('\n'), inline: false }]
      : []),
  ];
}

function chipRow(c: Chip): string[] {
  const cell = (f: 'year' | 'process' | 'fp16Tflops' | 'memoryGB' | 'status') => {
    const fact = c[f];
    const shown = shownValue(c, f);
    if (shown === null || fact.value === null) return '—';
    return shown + (fact.basis === 'official' ? '' : '*');
  };
  const mem = c.memoryGB.value === null ? '—' : `${cell('memoryGB')}${c.memoryType.value ? ` ${c.memoryType.value}` : ''}`;
  return [c.name.en, cell('year'), cell('process'), cell('fp16Tflops'), mem, cell('status')];
}

function withBaseline(chips: Chip[], baseline: Chip | undefined): Chip[] {
  if (!baseline || chips.some((c) => c.slug === baseline.slug)) return chips;
  return [...chips, { ...baseline, name: { ...baseline.name, en: `${baseline.name.en} (baseline)` } }];
}

/** The vendor card (its chips beside the NVIDIA baseline) and, under it, its latest news. */
export function vendorCards(v: Vendor, chips: Chip[], news: StoryLine[], baseline?: Chip): Card[] {
  const notes = new Footnotes();
  const fnotes = new FigureNotes();
  const summary = `${v.summary.en} [${notes.mark(v.summary.source)}]`;
  const fields = vendorFields(v, notes, fnotes);
  const noteBlock = notesText(fnotes);
  if (noteBlock) fields.push({ name: 'Notes', value: noteBlock, inline: false });
  const card: Card = {
    title: vendorTitle(v),
    ...(v.website ? { url: v.website } : {}),
    description: summary,
    fields,
    ...(chips.length
      ? { table: { columns: ['Chip', 'Year', 'Node', 'FP16 dense', 'Memory', 'Status'], rows: withBaseline(chips, baseline).map(chipRow) } }
      : {}),
    footnotes: notes.list,
    footer: `${asOf(v.reviewed)} ${chips.length ? `${BASIS_FOOTER} * = not the vendor’s own figure.` : BASIS_FOOTER}`,
  };
  return [card, newsCard(v, news)];
}

/** "Latest news: <name>" under a vendor's or a chip's card; a short "no news yet" line when there is none. */
export function newsCard(v: Pick<Vendor | Chip, 'name'>, news: StoryLine[]): Card {
  if (!news.length) return { title: `Latest news: ${v.name.en}`, description: `No news about ${v.name.en} yet. Stories appear here as the feeds are read.` };
  return {
    title: `Latest news: ${v.name.en}`,
    items: news.map((s) => ({
      title: s.title,
      url: s.url,
      meta: [s.outlet, s.published.slice(0, 10), s.lang, s.alsoCoveredBy.length ? `also: ${s.alsoCoveredBy.slice(0, 3).join(', ')}` : '']
        .filter(Boolean)
        .join(' · '),
    })),
  };
}

/** A chip's spec card, with how it stands against the NVIDIA baseline. */
export function chipCard(c: Chip, vendor: Vendor, baseline: Chip | undefined, parts: Chip[] = []): Card {
  const notes = new Footnotes();
  const fnotes = new FigureNotes();
  const system = c.kind === 'system';
  const fields: Field[] = CHIP_FIGURES.map((f) => ({ name: `${FIGURE_LABELS[f]}${system && RATIO_LIKE.has(f) ? ' (system)' : ''}`, value: figureText(c, f, notes, fnotes), inline: true }));
  if (c.contains?.length) {
    const bySlug = new Map(parts.map((p) => [p.slug, p]));
    const lines = c.contains.map((p) => `${factText(p.count, (n) => `${n} ×`, notes, fnotes).replace(/^unknown/, 'count unknown:')} ${bySlug.get(p.chip)?.name.en ?? p.chip}`);
    fields.push({ name: 'Built from', value: lines.join('\n'), inline: false });
  }
  // A system's totals against one chip would mislead: only chips and cards get the ratio line.
  if (baseline && baseline.slug !== c.slug && !system) {
    const vs = ratioLine(c, baseline);
    fields.push({ name: `Against ${baseline.name.en} (baseline)`, value: vs ?? `Not comparable: too few published figures.`, inline: false });
  }
  const noteBlock = notesText(fnotes);
  if (noteBlock) fields.push({ name: 'Notes', value: noteBlock, inline: false });
  const kind = c.kind === 'system' ? 'System' : c.kind === 'card' ? 'Accelerator card' : null;
  const description = [[vendor.name.en, kind, c.reference ? 'NVIDIA reference part' : null].filter(Boolean).join(' · '), c.note].filter(Boolean).join('\n');
  return { title: chipTitle(c), description, fields, footnotes: notes.list, footer: `${asOf(c.reviewed)} ${BASIS_FOOTER}` };
}

/** Figures that add up across a system's chips (shown as "(system)" on a system's card). */
const RATIO_LIKE = new Set<string>(['fp16Tflops', 'int8Tops', 'memoryGB', 'memoryBandwidthTBs', 'tdpW']);

/** Side-by-side table of 2–4 chips, one row per figure. */
export function compareCard(chips: Chip[], baseline: Chip | undefined): Card {
  const notes = new Footnotes();
  const fnotes = new FigureNotes();
  const rows = CHIP_FIGURES.map((f) => [FIGURE_LABELS[f], ...chips.map((c) => figureText(c, f, notes, fnotes))]);
  const ratios = baseline
    ? chips.filter((c) => c.slug !== baseline.slug).map((c) => `${c.name.en}: ${ratioLine(c, baseline) ?? 'not comparable'}`)
    : [];
  return {
    title: chips.map((c) => c.name.en).join(' vs '),
    table: { columns: ['', ...chips.map((c) => c.name.en)], rows },
    ...(ratios.length || fnotes.list.length ? { description: [...ratios, notesText(fnotes)].filter(Boolean).join('\n') } : {}),
    footnotes: notes.list,
    footer: `${asOf(chips.map((c) => c.reviewed).sort()[0]!)} ${BASIS_FOOTER}`,
  };
}
