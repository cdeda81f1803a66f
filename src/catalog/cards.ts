// Builds the neutral cards for /chip and /compare from catalog records. Pure functions over the data,
// so renderers and tests see exactly what a user sees.
import type { Card, Field } from '../core/reply.ts';
import type { StoryLine } from '../news/latest.ts';
import { FigureNotes, Footnotes, factText, figureLabel, figureText, notesText, ratioLine, shownValue } from './format.ts';
import { CHIP_FIGURES, type Chip, type Vendor } from './schema.ts';
import type { Lang } from '../i18n/locale.ts';
import { t } from '../i18n/t.ts';
import { formatDate, joinList } from '../i18n/intl.ts';
import { nameIn, zhName } from '../i18n/names.ts';

export const BASIS_FOOTER = t('en', 'card.basisFooter');

/** "As of 2026-12-01 (last review)." — when the record was last checked against its sources. */
export function asOf(reviewed: string, lang: Lang = 'en'): string {
  return t(lang, 'card.asOf', { date: formatDate(lang, reviewed) });
}

/** "Alibaba (T-Head) · 阿里巴巴（平头哥）"; a Chinese reader sees the Chinese name first. */
export function vendorTitle(v: Vendor, lang: Lang = 'en'): string {
  const zh = zhName(lang, v);
  if (zh) return zh !== v.name.en ? `${zh} · ${v.name.en}` : zh;
  return v.name.zh && v.name.zh !== v.name.en ? `${v.name.en} · ${v.name.zh}` : v.name.en;
}

/** "Ascend 910C (昇腾910C)"; a Chinese reader sees "昇腾910C (Ascend 910C)". */
export function chipTitle(c: Chip, lang: Lang = 'en'): string {
  const zh = zhName(lang, c);
  if (zh) return zh !== c.name.en ? `${zh} (${c.name.en})` : zh;
  return c.name.zh && c.name.zh !== c.name.en ? `${c.name.en} (${c.name.zh})` : c.name.en;
}

/** The latest events a vendor card shows (the rest stay in the catalog). */
const EVENTS_SHOWN = 3;

// Place names, parents and event texts are the catalog's English (sourced text, not UI): shown as kept.
function vendorFields(v: Vendor, notes: Footnotes, fnotes: FigureNotes, lang: Lang): Field[] {
  // Built in display order, so source numbers and note markers read 1, 2, 3 down the card.
  const headquarters = factText(v.headquarters, String, notes, fnotes, lang);
  const parent = factText(v.parent, String, notes, fnotes, lang);
  const founded = factText(v.founded, String, notes, fnotes, lang);
  const listings = factText(
    v.listings,
    (ls) =>
      ls.length
        ? ls.map((l) => (l.date ? t(lang, 'vendor.listingSince', { listing: `${l.exchange}: ${l.ticker}`, date: formatDate(lang, l.date) }) : `${l.exchange}: ${l.ticker}`)).join('; ')
        : t(lang, 'vendor.notListed'),
    notes,
    fnotes,
    lang,
  );
  const entity = factText(
    v.entityList,
    (e) =>
      e.listed
        ? `${e.since ? t(lang, 'vendor.entityListedSince', { date: formatDate(lang, e.since) }) : t(lang, 'vendor.entityListed')}${e.entities ? ` (${e.entities})` : ''}`
        : t(lang, 'vendor.notListed'),
    notes,
    fnotes,
    lang,
  );
  const basis = (b: string) => (b === 'official' ? '' : t(lang, 'basis.mark', { basis: t(lang, `basis.${b as 'reported'}`) }));
  return [
    { name: t(lang, 'vendor.headquarters'), value: headquarters, inline: true },
    { name: t(lang, 'vendor.parent'), value: parent, inline: true },
    { name: t(lang, 'vendor.founded'), value: founded, inline: true },
    { name: t(lang, 'vendor.listing'), value: listings, inline: false },
    { name: t(lang, 'vendor.entityList'), value: entity, inline: false },
    ...(v.events?.length
      ? [{ name: t(lang, 'vendor.events'), value: [...v.events].sort((a, b) => b.date.localeCompare(a.date)).slice(0, EVENTS_SHOWN).map((e) => `${formatDate(lang, e.date)}: ${e.text}${basis(e.basis)} [${notes.mark(e.source)}]`).join('\n'), inline: false }]
      : []),
  ];
}

function chipRow(c: Chip, lang: Lang): string[] {
  const cell = (f: 'year' | 'process' | 'fp16Tflops' | 'memoryGB' | 'status') => {
    const fact = c[f];
    const shown = shownValue(c, f, lang);
    if (shown === null || fact.value === null) return '—';
    return shown + (fact.basis === 'official' ? '' : '*');
  };
  const mem = c.memoryGB.value === null ? '—' : `${cell('memoryGB')}${c.memoryType.value ? ` ${c.memoryType.value}` : ''}`;
  return [nameIn(lang, c), cell('year'), cell('process'), cell('fp16Tflops'), mem, cell('status')];
}

function withBaseline(chips: Chip[], baseline: Chip | undefined, lang: Lang): Chip[] {
  if (!baseline || chips.some((c) => c.slug === baseline.slug)) return chips;
  const name = nameIn(lang, baseline);
  const marked = t(lang, 'table.baseline', { name });
  // The row shows nameIn(): mark whichever name the reader sees.
  return [...chips, { ...baseline, name: zhName(lang, baseline) ? { en: baseline.name.en, zh: marked } : { ...baseline.name, en: marked } }];
}

/** The vendor card (its chips beside the NVIDIA baseline) and, under it, its latest news. */
export function vendorCards(v: Vendor, chips: Chip[], news: StoryLine[], baseline?: Chip, lang: Lang = 'en'): Card[] {
  const notes = new Footnotes();
  const fnotes = new FigureNotes();
  const summary = `${v.summary.en} [${notes.mark(v.summary.source)}]`;
  const fields = vendorFields(v, notes, fnotes, lang);
  const noteBlock = notesText(fnotes, lang);
  if (noteBlock) fields.push({ name: t(lang, 'card.notes'), value: noteBlock, inline: false });
  const footer = t(lang, 'card.basisFooter');
  const card: Card = {
    title: vendorTitle(v, lang),
    ...(v.website ? { url: v.website } : {}),
    description: summary,
    fields,
    ...(chips.length
      ? {
          table: {
            columns: [t(lang, 'table.chip'), t(lang, 'table.year'), t(lang, 'table.node'), t(lang, 'table.fp16'), t(lang, 'table.memory'), t(lang, 'table.status')],
            rows: withBaseline(chips, baseline, lang).map((c) => chipRow(c, lang)),
          },
        }
      : {}),
    footnotes: notes.list,
    footer: `${asOf(v.reviewed, lang)} ${chips.length ? `${footer} ${t(lang, 'card.notOwnFigure')}` : footer}`,
  };
  return [card, newsCard(v, news, lang)];
}

/** "Latest news: <name>" under a vendor's or a chip's card; a short "no news yet" line when there is none. */
export function newsCard(v: Pick<Vendor | Chip, 'name'>, news: StoryLine[], lang: Lang = 'en'): Card {
  const name = nameIn(lang, v);
  const title = t(lang, 'news.title', { name });
  if (!news.length) return { title, description: t(lang, 'news.none', { name }) };
  return {
    title,
    // Titles stay as published: a story is quoted, not translated.
    items: news.map((s) => ({
      title: s.title,
      url: s.url,
      meta: [s.outlet, formatDate(lang, s.published.slice(0, 10)), s.lang, s.alsoCoveredBy.length ? t(lang, 'news.also', { outlets: joinList(lang, s.alsoCoveredBy.slice(0, 3)) }) : '']
        .filter(Boolean)
        .join(' · '),
    })),
  };
}

/** A chip's spec card, with how it stands against the NVIDIA baseline. */
export function chipCard(c: Chip, vendor: Vendor, baseline: Chip | undefined, parts: Chip[] = [], lang: Lang = 'en'): Card {
  const notes = new Footnotes();
  const fnotes = new FigureNotes();
  const system = c.kind === 'system';
  const fields: Field[] = CHIP_FIGURES.map((f) => {
    const label = figureLabel(f, lang);
    return { name: system && RATIO_LIKE.has(f) ? t(lang, 'figure.system', { label }) : label, value: figureText(c, f, notes, fnotes, lang), inline: true };
  });
  if (c.contains?.length) {
    const bySlug = new Map(parts.map((p) => [p.slug, p]));
    const unknown = t(lang, 'fact.unknown');
    const count = (p: NonNullable<Chip['contains']>[number]) => {
      const text = factText(p.count, (n) => `${n} ×`, notes, fnotes, lang);
      return text.startsWith(unknown) ? `${t(lang, 'chip.countUnknown')}${text.slice(unknown.length)}` : text;
    };
    const lines = c.contains.map((p) => {
      const part = bySlug.get(p.chip);
      return `${count(p)} ${part ? nameIn(lang, part) : p.chip}`;
    });
    fields.push({ name: t(lang, 'chip.builtFrom'), value: lines.join('\n'), inline: false });
  }
  // A system's totals against one chip would mislead: only chips and cards get the ratio line.
  if (baseline && baseline.slug !== c.slug && !system) {
    const vs = ratioLine(c, baseline, lang);
    fields.push({ name: t(lang, 'chip.against', { name: nameIn(lang, baseline) }), value: vs ?? t(lang, 'chip.notComparable'), inline: false });
  }
  const noteBlock = notesText(fnotes, lang);
  if (noteBlock) fields.push({ name: t(lang, 'card.notes'), value: noteBlock, inline: false });
  const kind = c.kind === 'system' ? t(lang, 'chip.kindSystem') : c.kind === 'card' ? t(lang, 'chip.kindCard') : null;
  // The chip's note is sourced catalog text (English), shown as kept.
  const description = [[nameIn(lang, vendor), kind, c.reference ? t(lang, 'chip.reference') : null].filter(Boolean).join(' · '), c.note].filter(Boolean).join('\n');
  return { title: chipTitle(c, lang), description, fields, footnotes: notes.list, footer: `${asOf(c.reviewed, lang)} ${t(lang, 'card.basisFooter')}` };
}

/** Figures that add up across a system's chips (shown as "(system)" on a system's card). */
const RATIO_LIKE = new Set<string>(['fp16Tflops', 'int8Tops', 'memoryGB', 'memoryBandwidthTBs', 'tdpW']);

/** Side-by-side table of 2–4 chips, one row per figure. */
export function compareCard(chips: Chip[], baseline: Chip | undefined, lang: Lang = 'en'): Card {
  const notes = new Footnotes();
  const fnotes = new FigureNotes();
  const names = chips.map((c) => nameIn(lang, c));
  const rows = CHIP_FIGURES.map((f) => [figureLabel(f, lang), ...chips.map((c) => figureText(c, f, notes, fnotes, lang))]);
  const ratios = baseline
    ? chips.filter((c) => c.slug !== baseline.slug).map((c) => `${nameIn(lang, c)}: ${ratioLine(c, baseline, lang) ?? t(lang, 'compare.notComparable')}`)
    : [];
  return {
    title: names.reduce((a, b) => t(lang, 'compare.versus', { a, b })),
    table: { columns: ['', ...names], rows },
    ...(ratios.length || fnotes.list.length ? { description: [...ratios, notesText(fnotes, lang)].filter(Boolean).join('\n') } : {}),
    footnotes: notes.list,
    footer: `${asOf(chips.map((c) => c.reviewed).sort()[0]!, lang)} ${t(lang, 'card.basisFooter')}`,
  };
}
