// Tags a story with the vendors and chips it names and scores how much it is about China's AI chips
// (0..1). Stories below CHIPWATCH_MIN_RELEVANCE are dropped at ingest, so Alibaba's shopping festival
// or Huawei's phones without chip context stay out. Names come from the catalog (tag-matchers.ts).
import type { Matchers, NameEntry, TermMatcher } from './tag-matchers.ts';
import { matchAllAtWordStarts, testAtWordStart } from './word-start.ts';
import { cjkEntries, scanLatin } from './tag-matchers.ts';
import { AMOUNT_AFTER, LEAD_CHARS, CHINA_CONTEXT_VENDORS, COMPARISON_AFTER, COMPARISON_BEFORE, CONGLOMERATE_VENDORS, EXAMPLES_BEFORE } from './tag-terms.ts';

export interface StoryTags {
  vendors: string[];
  chips: string[];
  /** 0..1, three decimals. */
  relevance: number;
  /** Chip or AI-compute terms, a chip name, or a chip-only vendor. */
  chipContext: boolean;
  chinaContext: boolean;
}

type Field = 'title' | 'summary';
const HAN = /\p{Script=Han}/u;
interface Mention {
  entry: NameEntry;
  field: Field;
  /** Named only as a yardstick ("challenging Nvidia", "Nvidia-Konkurrent"). */
  comparison: boolean;
  /** A model number follows the name ("Ascend 910D"): even a weak name is then unambiguous. */
  modelFollows: boolean;
}

function findMentions(m: Matchers, text: string, field: Field, out: Mention[]): void {
  const record = (start: number, end: number, entries: NameEntry[]) => {
    const before = text.slice(Math.max(0, start - 24), start);
    const after = text.slice(end, end + 24);
    const comparison = (COMPARISON_BEFORE.test(before) && !EXAMPLES_BEFORE.test(before)) || COMPARISON_AFTER.test(after);
    const modelFollows = /^[\s-]?\d{3}/.test(after);
    const bareNumber = /^\d+$/.test(text.slice(start, end));
    for (const entry of entries) {
      // A bare model number followed by a unit is an amount ("970 million"), not the chip.
      if (entry.kind === 'chip' && bareNumber && AMOUNT_AFTER.test(after)) continue;
      out.push({ entry, field, comparison, modelFollows });
    }
  };
  for (const h of scanLatin(m, text)) record(h.start, h.end, h.entries);
  if (m.cjk && HAN.test(text)) {
    m.cjk.lastIndex = 0;
    for (const hit of text.matchAll(m.cjk)) record(hit.index, hit.index + hit[0].length, cjkEntries(m, hit[0]));
  }
}

/** Distinct chip-topic terms in `text` ("blue-chip" is about stocks, not chips). */
function chipTerms(m: Matchers, text: string): Set<string> {
  const found = new Set<string>();
  for (const t of m.chipTerms) {
    for (const hit of termHits(t, text)) {
      const before = text.slice(Math.max(0, hit.index - 5), hit.index).toLowerCase();
      if (/blue[\s-]?$/.test(before)) continue;
      found.add(hit[0].toLowerCase());
    }
  }
  return found;
}

function termHits(t: TermMatcher, text: string): Iterable<RegExpExecArray> {
  return t.wordStart ? matchAllAtWordStarts(t.re, text) : text.matchAll(t.re);
}

function anyMatch(terms: TermMatcher[], text: string): boolean {
  return terms.some((t) => {
    if (t.wordStart) return testAtWordStart(t.re, text);
    t.re.lastIndex = 0;
    return t.re.test(text);
  });
}

export function tagStory(m: Matchers, rawTitle: string, rawSummary: string): StoryTags {
  const title = rawTitle.normalize('NFKC');
  const summary = rawSummary.normalize('NFKC');
  const mentions: Mention[] = [];
  findMentions(m, title, 'title', mentions);
  findMentions(m, summary, 'summary', mentions);
  const lead = summary.slice(0, LEAD_CHARS);
  const titleTerms = chipTerms(m, title);
  const summaryTerms = chipTerms(m, lead);
  for (const t of titleTerms) summaryTerms.delete(t);
  // Chinese-language text is China context by itself (the outlet writes for Chinese readers).
  let chinaContext = HAN.test(title) || anyMatch(m.chinaTerms, title) || anyMatch(m.chinaTerms, lead);

  // First the mentions that stand on their own; they decide whether weak ones count.
  const strong = mentions.filter((x) => x.entry.strength === 'strong' || (x.entry.kind === 'vendor' && x.modelFollows));
  const strongVendors = new Set(strong.map((x) => x.entry.vendor));
  let chipContext =
    titleTerms.size + summaryTerms.size > 0 ||
    strong.some((x) => x.entry.kind === 'chip' || !CONGLOMERATE_VENDORS.has(x.entry.vendor)) ||
    // A chip family name with a model number ("Ascend 910D", not in the catalog yet) is a chip.
    mentions.some((x) => x.entry.kind === 'vendor' && x.entry.strength === 'weak' && x.modelFollows);
  const accepted = [...strong];
  for (const x of mentions) {
    if (x.entry.strength === 'weak' && (chipContext || strongVendors.has(x.entry.vendor))) accepted.push(x);
  }
  const namedVendors = new Set(accepted.map((x) => x.entry.vendor));
  for (const x of mentions) if (x.entry.strength === 'needs-vendor' && namedVendors.has(x.entry.vendor)) accepted.push(x);
  // A vendor named only as a yardstick, in a story that names another vendor, is not what it is about.
  const allVendors = new Set(accepted.map((x) => x.entry.vendor));
  if (allVendors.size > 1) {
    for (const v of allVendors) {
      const own = accepted.filter((x) => x.entry.vendor === v);
      if (own.every((x) => x.entry.kind === 'vendor' && x.comparison) && [...allVendors].some((o) => o !== v && !accepted.filter((x) => x.entry.vendor === o).every((x) => x.comparison))) {
        for (let i = accepted.length - 1; i >= 0; i--) if (accepted[i]!.entry.vendor === v) accepted.splice(i, 1);
      }
    }
  }

  // An accepted chip is chip context; NVIDIA's parts are in the catalog because they are its China parts.
  for (const x of accepted) {
    if (x.entry.kind !== 'chip') continue;
    chipContext = true;
    if (CHINA_CONTEXT_VENDORS.has(x.entry.vendor)) chinaContext = true;
  }
  // A chip names its vendor too ("H20" is an NVIDIA story).
  const vendorField = new Map<string, Field>();
  const chipField = new Map<string, Field>();
  for (const x of accepted) {
    if (x.entry.kind === 'chip') chipField.set(x.entry.slug, chipField.get(x.entry.slug) === 'title' ? 'title' : x.field);
    vendorField.set(x.entry.vendor, vendorField.get(x.entry.vendor) === 'title' ? 'title' : x.field);
  }

  let vendorScore = 0;
  for (const [slug, field] of vendorField) {
    // A chip-only company named anywhere is a chip story; a conglomerate's name needs chip context.
    const w = CONGLOMERATE_VENDORS.has(slug) ? (field === 'title' ? 0.15 : 0.1) : field === 'title' ? 0.35 : 0.3;
    vendorScore = Math.max(vendorScore, w);
  }
  vendorScore = Math.min(0.5, vendorScore + 0.05 * Math.max(0, vendorField.size - 1));
  let chipScore = 0;
  for (const field of chipField.values()) chipScore = Math.max(chipScore, field === 'title' ? 0.3 : 0.2);
  for (const x of mentions) if (x.entry.kind === 'vendor' && x.entry.strength === 'weak' && x.modelFollows) chipScore = Math.max(chipScore, x.field === 'title' ? 0.3 : 0.2);
  const termScore = Math.min(0.4, 0.2 * titleTerms.size + 0.1 * summaryTerms.size);
  let score = vendorScore + chipScore + termScore + (chinaContext ? 0.1 : 0);
  const vendors = [...vendorField.keys()];
  if (vendors.length && vendors.every((v) => CHINA_CONTEXT_VENDORS.has(v)) && !chinaContext) score *= 0.5;
  // No tracked vendor: only a China AI-chip story with the chip term in its title (export rules, say) counts.
  if (!vendors.length) score = chinaContext && titleTerms.size ? Math.min(score, 0.4) : Math.min(score, 0.2);
  return {
    vendors: vendors.sort(),
    chips: [...chipField.keys()].sort(),
    relevance: Math.round(Math.min(1, score) * 1000) / 1000,
    chipContext,
    chinaContext,
  };
}
