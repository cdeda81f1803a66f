// Builds the neutral cards for /chip and /compare from catalog records. Pure functions over the data,
// so renderers and tests see exactly what a user sees.
import type { Card, Field } from '../core/reply.ts';
import type { StoryLine } from '../news/latest.ts';
import { FIGURE_LABELS, Footnotes, factText, figureText, formatValue, ratioLine } from './format.ts';
import { CHIP_FIGURES, type Chip, type Vendor } from './schema.ts';

export const BASIS_FOOTER = 'Figures are the vendor’s own unless marked (reported) or (estimate); unknown = not published. Numbers in [ ] are sources.';

export function vendorTitle(v: Vendor): string {
  return v.name.zh && v.name.zh !== v.name.en ? `${v.name.en} · ${v.name.zh}` : v.name.en;
}

export function chipTitle(c: Chip): string {
  return c.name.zh && c.name.zh !== c.name.en ? `${c.name.en} (${c.name.zh})` : c.name.en;
}

function vendorFields(v: Vendor, notes: Footnotes): Field[] {
  const listings = factText(
    v.listings,
    (ls) => (ls.length ? ls.map((l) => `${l.exchange}: ${l.ticker}${l.date ? ` (since ${l.date})` : ''}`).join('; ') : 'not listed'),
    notes,
  );
  const entity = factText(
    v.entityList,
    (e) => (e.listed ? `listed${e.since ? ` since ${e.since}` : ''}${e.entities ? ` (${e.entities})` : ''}` : 'not listed'),
    notes,
  );
  return [
    { name: 'Headquarters', value: factText(v.headquarters, String, notes), inline: true },
    { name: 'Parent', value: factText(v.parent, String, notes), inline: true },
    { name: 'Founded', value: factText(v.founded, String, notes), inline: true },
    { name: 'Listing', value: listings, inline: false },
    { name: 'US Entity List', value: entity, inline: false },
  ];
}

function chipRow(c: Chip): string[] {
  const cell = (f: 'year' | 'process' | 'fp16Tflops' | 'memoryGB' | 'status') => {
    const fact = c[f];
    if (fact.value === null) return '—';
    return formatValue(f, fact.value) + (fact.basis === 'official' ? '' : '*');
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
  const summary = `${v.summary.en} [${notes.mark(v.summary.source)}]`;
  const fields = vendorFields(v, notes);
  const card: Card = {
    title: vendorTitle(v),
    ...(v.website ? { url: v.website } : {}),
    description: summary,
    fields,
    ...(chips.length
      ? { table: { columns: ['Chip', 'Year', 'Node', 'FP16 dense', 'Memory', 'Status'], rows: withBaseline(chips, baseline).map(chipRow) } }
      : {}),
    footnotes: notes.list,
    footer: chips.length ? `${BASIS_FOOTER} * = reported or estimated.` : BASIS_FOOTER,
  };
  return [card, newsCard(v, news)];
}

export function newsCard(v: Vendor, news: StoryLine[]): Card {
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
export function chipCard(c: Chip, vendor: Vendor, baseline: Chip | undefined): Card {
  const notes = new Footnotes();
  const fields: Field[] = CHIP_FIGURES.map((f) => ({ name: FIGURE_LABELS[f], value: figureText(c, f, notes), inline: true }));
  const vs = baseline && baseline.slug !== c.slug ? ratioLine(c, baseline) : null;
  if (baseline && baseline.slug !== c.slug)
    fields.push({ name: `Against ${baseline.name.en} (baseline)`, value: vs ?? `Not comparable: too few published figures.`, inline: false });
  const description = [`${vendor.name.en}${c.reference ? ' · NVIDIA reference part' : ''}`, c.note].filter(Boolean).join('\n');
  return { title: chipTitle(c), description, fields, footnotes: notes.list, footer: BASIS_FOOTER };
}

/** Side-by-side table of 2–4 chips, one row per figure. */
export function compareCard(chips: Chip[], baseline: Chip | undefined): Card {
  const notes = new Footnotes();
  const rows = CHIP_FIGURES.map((f) => [FIGURE_LABELS[f], ...chips.map((c) => figureText(c, f, notes))]);
  const ratios = baseline
    ? chips.filter((c) => c.slug !== baseline.slug).map((c) => `${c.name.en}: ${ratioLine(c, baseline) ?? 'not comparable'}`)
    : [];
  return {
    title: chips.map((c) => c.name.en).join(' vs '),
    table: { columns: ['', ...chips.map((c) => c.name.en)], rows },
    ...(ratios.length ? { description: ratios.join('\n') } : {}),
    footnotes: notes.list,
    footer: BASIS_FOOTER,
  };
}
