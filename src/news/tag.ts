// Tags a story with the vendors it is ABOUT (and the chips it names), and scores how much it is about
// China's AI chips (0..1). Stories below CHIPWATCH_MIN_RELEVANCE are dropped at ingest, so Alibaba's
// shopping festival or Huawei's phones without chip context stay out. Names come from the catalog
// (tag-matchers.ts). Measured on real stories by `chipwatch eval tagging` (eval-tagging.ts).
//
// Subject versus mention (the rules the evaluation set is labelled by, tests/fixtures/tagging-eval.json):
//   - the title decides: vendors it names, other than as a yardstick ("challenges Nvidia", "剑指英伟达",
//     "继摩尔线程之后") or as examples ("giants like Alibaba"), are the subjects; vendors named only further
//     down are mentions (customers, partners, peers);
//   - a title naming no vendor leaves it to the lead's first sentence, by the same rules;
//   - a title whose subject it does not name ("This Chinese chip giant … but how will Huawei feel?") leaves
//     it to the lead, when the lead names another vendor as its subject (UNNAMED_SUBJECT_TITLE);
//   - three or more vendors in the deciding text is a list of peers: a sector story, no subject; so is a
//     vendor "leading" a wave ("a wave of IPOs, led by the listing of Biren");
//   - a foundry named in the title or lead as the maker of a chip ("made on SMIC's 7 nm") is a subject
//     too, whoever designed the chip: its followers expect the story (FOUNDRY_MAKER_BEFORE/AFTER);
//   - NVIDIA is a subject only for its China business (NVIDIA_CHINA_BUSINESS, CHINA_PARTS);
//   - Huawei in a phone story (CONSUMER_DEVICE without AI_COMPUTE) is not its chip business.
// Mentions still count towards relevance: a sector story about China's GPU listings is on topic.
import type { Matchers, NameEntry, TermMatcher } from './tag-matchers.ts';
import { matchAllAtWordStarts, testAtWordStart } from './word-start.ts';
import { cjkEntries, scanLatin } from './tag-matchers.ts';
import {
  AI_COMPUTE,
  AMOUNT_AFTER,
  CHINA_CONTEXT_VENDORS,
  CHINA_PARTS,
  COMPARISON_AFTER,
  COMPARISON_BEFORE,
  CONGLOMERATE_VENDORS,
  CONSUMER_DEVICE,
  EXAMPLES_BEFORE,
  FOUNDRY_MAKER_AFTER,
  FOUNDRY_MAKER_BEFORE,
  LEAD_CHARS,
  LED_BY_BEFORE,
  NVIDIA_CHINA_BUSINESS,
  UNNAMED_SUBJECT_TITLE,
  WAVE_OF,
} from './tag-terms.ts';

/** Where in a story a phrase was found: its title, the lead (first LEAD_CHARS of the summary) or below. */
export type Place = 'title' | 'lead' | 'body';

/** Why a vendor or chip was tagged, or (`tagged: false`) why a name found was not made a tag. */
export interface TagReason {
  kind: 'vendor' | 'chip';
  slug: string;
  tagged: boolean;
  /** The text that matched, as written in the story. */
  phrase: string;
  place: Place;
  why: string;
}

export interface StoryTags {
  /** The vendors the story is about. */
  vendors: string[];
  /** Vendors named but not the subject (yardsticks, customers, peers, the foundry). */
  mentioned: string[];
  chips: string[];
  /** 0..1, three decimals. */
  relevance: number;
  /** Chip or AI-compute terms, a chip name, or a chip-only vendor. */
  chipContext: boolean;
  chinaContext: boolean;
  /** Only with `{ explain: true }`: one reason per tag, and per name found that was not made a tag. */
  reasons?: TagReason[];
}

type Field = 'title' | 'summary';
const MAYBE_EXAMPLE = /(?:like|such as|wie|etwa)[\s„“"']*$/i;
const HAN = /\p{Script=Han}/u;
/** Right before a vendor named as the customer another vendor's product or capacity is for. */
const CUSTOMER_BEFORE = /(?:\b(?:feed|feeds|feeding|supply|supplies|supplying|beliefer\w*)|供应|供應|供货|供貨)[\s„“"']*$/iu;
/** A name between enumeration commas (、) in a text listing at least three: a list of companies. */
function inEnumeration(text: string, start: number, end: number): boolean {
  const commas = text.split('、').length - 1;
  return commas >= 2 && (text[start - 1] === '、' || text[end] === '、' || /^-?U?、/.test(text.slice(end, end + 3)));
}
interface Mention {
  entry: NameEntry;
  field: Field;
  start: number;
  end: number;
  /** Named only as a yardstick ("challenging Nvidia", "Nvidia-Konkurrent"). */
  comparison: boolean;
  /** Named as one of a group's examples ("tech giants like Alibaba"). */
  example: boolean;
  /** A model number follows the name ("Ascend 910D"): even a weak name is then unambiguous. */
  modelFollows: boolean;
}

function findMentions(m: Matchers, text: string, field: Field, out: Mention[]): void {
  const record = (start: number, end: number, entries: NameEntry[]) => {
    const before = text.slice(Math.max(0, start - 24), start);
    const after = text.slice(end, end + 24);
    // EXAMPLES_BEFORE needs "like/such as/wie/etwa" right before the name: test that cheaply first.
    // "to feed Huawei's", "supplying Huawei", "供货华为": a customer of the story's subject. "龍芯中科、海光信息、寒武紀":
    // one name in an enumerated list of companies. Both are examples, not subjects.
    // "a wave of IPOs …, led by the recent listing of Biren": the first of a sector's examples.
    const example =
      (MAYBE_EXAMPLE.test(before) && EXAMPLES_BEFORE.test(before)) ||
      CUSTOMER_BEFORE.test(before) ||
      inEnumeration(text, start, end) ||
      (LED_BY_BEFORE.test(text.slice(Math.max(0, start - 72), start)) && WAVE_OF.test(text.slice(0, start)));
    const comparison = (!example && COMPARISON_BEFORE.test(before)) || COMPARISON_AFTER.test(after);
    const modelFollows = /^[\s-]?\d{3}/.test(after);
    const bareNumber = /^\d+$/.test(text.slice(start, end));
    for (const entry of entries) {
      // A bare model number followed by a unit is an amount ("970 million"), not the chip.
      if (entry.kind === 'chip' && bareNumber && AMOUNT_AFTER.test(after)) continue;
      out.push({ entry, field, start, end, comparison, example, modelFollows });
    }
  };
  const from = out.length;
  for (const h of scanLatin(m, text)) record(h.start, h.end, h.entries);
  if (m.cjk && HAN.test(text)) {
    m.cjk.lastIndex = 0;
    for (const hit of text.matchAll(m.cjk)) record(hit.index, hit.index + hit[0].length, cjkEntries(m, hit[0]));
  }
  // "Nvidia's H20", "Huawei's Ascend", "英伟达的H20": a name right after its own vendor's name shares that
  // name's role, so "takes aim at Nvidia's H20" is a yardstick and "to feed Huawei's Ascend" a customer.
  const own = out.slice(from).sort((a, b) => a.start - b.start);
  for (let i = 1; i < own.length; i++) {
    const prev = own[i - 1]!;
    const cur = own[i]!;
    if (prev.entry.vendor !== cur.entry.vendor || !/^(?:['’]s?\s?|\s|的)$/u.test(text.slice(prev.end, cur.start))) continue;
    cur.comparison ||= prev.comparison;
    cur.example ||= prev.example;
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

const ABBREVIATION_BEFORE = /(?:^|[^\p{L}])(?:mrd|mio|bzw|nr|dr|inc|co|corp|ltd|vs|st|jr|sr|mr|ms|ca|[a-z])$/iu;

/** The end of the summary's first sentence (at least 40 characters in, at most LEAD_CHARS). */
function firstSentenceEnd(summary: string): number {
  const re = /[.!?。！？](?=\s|$|[^\d])/gu;
  re.lastIndex = 40;
  for (let m = re.exec(summary); m; m = re.exec(summary)) {
    // "8 Mrd. Yuan", "U.S. officials", "Nvidia Corp." do not end a sentence.
    if (m[0] === '.' && ABBREVIATION_BEFORE.test(summary.slice(Math.max(0, m.index - 6), m.index))) continue;
    return Math.min(m.index + 1, LEAD_CHARS);
  }
  return Math.min(summary.length, LEAD_CHARS);
}

/** A story's subjects among its accepted mentions, with the reason each other vendor is not one. */
function decideSubjects(
  deciding: Mention[],
  where: string,
  notes: Map<string, string>,
): Set<string> {
  const named = new Set(deciding.map((x) => x.entry.vendor));
  const subjects = new Set<string>();
  for (const v of named) {
    const own = deciding.filter((x) => x.entry.vendor === v);
    if (own.every((x) => x.comparison)) notes.set(v, `named in the ${where} only as a yardstick`);
    else if (own.every((x) => x.comparison || x.example)) notes.set(v, `named in the ${where} as an example`);
    else subjects.add(v);
  }
  if (subjects.size >= 3) {
    for (const v of subjects) notes.set(v, `one of ${subjects.size} peers listed in the ${where} (a sector story)`);
    subjects.clear();
  }
  return subjects;
}

export function tagStory(m: Matchers, rawTitle: string, rawSummary: string, opts: { explain?: boolean } = {}): StoryTags {
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
    strong.some((x) => x.entry.kind === 'chip' || !CONGLOMERATE_VENDORS.has(x.entry.vendor) || x.entry.unit) ||
    // A chip family name with a model number ("Ascend 910D", not in the catalog yet) is a chip.
    mentions.some((x) => x.entry.kind === 'vendor' && x.entry.strength === 'weak' && x.modelFollows);
  const accepted = [...strong];
  for (const x of mentions) {
    if (x.entry.strength === 'weak' && (chipContext || strongVendors.has(x.entry.vendor))) accepted.push(x);
  }
  const namedVendors = new Set(accepted.map((x) => x.entry.vendor));
  for (const x of mentions) if (x.entry.strength === 'needs-vendor' && namedVendors.has(x.entry.vendor)) accepted.push(x);

  // An accepted chip is chip context; NVIDIA's parts are in the catalog because they are its China parts.
  for (const x of accepted) {
    if (x.entry.kind !== 'chip' || x.comparison) continue;
    chipContext = true;
    if (CHINA_CONTEXT_VENDORS.has(x.entry.vendor)) chinaContext = true;
  }

  // Subjects: the title decides; a title without vendors leaves it to the lead's first sentence.
  const notes = new Map<string, string>();
  const inTitle = accepted.filter((x) => x.field === 'title');
  const sentenceEnd = firstSentenceEnd(summary);
  // A title naming vendors only as yardsticks or examples ("plans to rival NVIDIA") also defers to the lead.
  let subjects = inTitle.length ? decideSubjects(inTitle, 'title', notes) : new Set<string>();
  const fromLead = () => {
    const leadNotes = new Map<string, string>();
    const found = decideSubjects(accepted.filter((x) => x.field === 'summary' && x.start < sentenceEnd), "lead's first sentence", leadNotes);
    for (const [v, why] of leadNotes) if (!notes.has(v)) notes.set(v, why);
    return found;
  };
  let decidedByTitle = true;
  if (!subjects.size && !inTitle.some((x) => !x.comparison && !x.example)) {
    subjects = fromLead();
    decidedByTitle = false;
  } else if (subjects.size && UNNAMED_SUBJECT_TITLE.test(title)) {
    // "This Chinese chip giant … but how will Huawei feel?": the title's subject is unnamed and the lead
    // names it. The title's vendors are background unless the lead names one of them as a subject too.
    const named = fromLead();
    if (named.size && ![...named].some((v) => subjects.has(v))) {
      for (const v of subjects) notes.set(v, 'named in the title beside its unnamed subject ("this chip giant"), which the lead names');
      subjects = named;
      decidedByTitle = false;
    }
  }
  const titleLead = `${title}\n${lead}`;
  let deviceStory = false;
  // NVIDIA outside its China business is not a subject; if it was the title's only one, the lead decides.
  if (decidedByTitle && subjects.size === 1 && subjects.has('nvidia') && !nvidiaChinaBusiness()) {
    notes.set('nvidia', 'named without its China business (no China part, export rule, ban or China sales)');
    subjects = fromLead();
  }
  function nvidiaChinaBusiness(): boolean {
    const chinaPart = accepted.some((x) => x.entry.kind === 'chip' && CHINA_PARTS.has(x.entry.slug) && !x.comparison && (x.field === 'title' || !inTitle.length));
    return chinaPart || (chinaContext && NVIDIA_CHINA_BUSINESS.test(titleLead));
  }
  if (subjects.has('nvidia')) {
    const chinaPart = accepted.some((x) => x.entry.kind === 'chip' && CHINA_PARTS.has(x.entry.slug) && !x.comparison && (x.field === 'title' || !inTitle.length));
    if (!chinaPart && !(chinaContext && NVIDIA_CHINA_BUSINESS.test(titleLead))) {
      subjects.delete('nvidia');
      notes.set('nvidia', 'named without its China business (no China part, export rule, ban or China sales)');
    } else if (!chinaPart && subjects.size > 1) {
      // "Huawei takes on Nvidia amid US curbs": beside a Chinese vendor's story and without one of its
      // China parts, NVIDIA is the yardstick the story measures that vendor against.
      subjects.delete('nvidia');
      notes.set('nvidia', 'named beside another vendor, the subject, without one of its China parts');
    }
  }
  // A foundry named in the title or lead as the maker of a chip ("made on SMIC's 7 nm") is a subject too:
  // its followers expect to hear which chips it makes (issue 11), whoever designed them.
  const makers = new Set<string>();
  for (const x of accepted) {
    if (!x.entry.foundry || subjects.has(x.entry.vendor) || x.comparison || x.example || (x.field === 'summary' && x.start >= LEAD_CHARS)) continue;
    const text = x.field === 'title' ? title : summary;
    if (FOUNDRY_MAKER_AFTER.test(text.slice(x.end, x.end + 48)) || FOUNDRY_MAKER_BEFORE.test(text.slice(Math.max(0, x.start - 72), x.start))) {
      subjects.add(x.entry.vendor);
      makers.add(x.entry.vendor);
    }
  }
  if (subjects.has('huawei') && CONSUMER_DEVICE.test(titleLead) && !AI_COMPUTE.test(titleLead)) {
    subjects.delete('huawei');
    notes.set('huawei', 'a phone or device story, not its chip business');
    deviceStory = !subjects.size;
  }
  for (const x of accepted) if (!subjects.has(x.entry.vendor) && !notes.has(x.entry.vendor)) notes.set(x.entry.vendor, x.field === 'title' ? 'named in the title' : 'named only below the deciding text');

  // Relevance, from every accepted name (mentions included: a story about China's GPU peers is on topic).
  const vendorField = new Map<string, Field>();
  const chipField = new Map<string, Field>();
  for (const x of accepted) {
    if (x.comparison && x.entry.kind === 'chip') continue;
    if (x.entry.kind === 'chip') chipField.set(x.entry.slug, chipField.get(x.entry.slug) === 'title' ? 'title' : x.field);
    if (x.comparison && !subjects.has(x.entry.vendor)) continue;
    vendorField.set(x.entry.vendor, vendorField.get(x.entry.vendor) === 'title' ? 'title' : x.field);
  }
  let vendorScore = 0;
  for (const [slug, field] of vendorField) {
    // A chip-only company named anywhere is a chip story; a conglomerate's name needs chip context.
    // NVIDIA as the subject has passed the China-business test above: that is a China AI-chip story.
    // Named by its chip unit (T-Head, 昇腾), a conglomerate is a chip company here.
    const conglomerate = CONGLOMERATE_VENDORS.has(slug) && !(slug === 'nvidia' && subjects.has(slug)) && !accepted.some((x) => x.entry.vendor === slug && x.entry.unit);
    const w = conglomerate ? (field === 'title' ? 0.15 : 0.1) : field === 'title' ? 0.35 : 0.3;
    vendorScore = Math.max(vendorScore, w);
  }
  vendorScore = Math.min(0.5, vendorScore + 0.05 * Math.max(0, vendorField.size - 1));
  let chipScore = 0;
  for (const field of chipField.values()) chipScore = Math.max(chipScore, field === 'title' ? 0.3 : 0.2);
  for (const x of mentions) if (x.entry.kind === 'vendor' && x.entry.strength === 'weak' && x.modelFollows) chipScore = Math.max(chipScore, x.field === 'title' ? 0.3 : 0.2);
  const termScore = Math.min(0.4, 0.2 * titleTerms.size + 0.1 * summaryTerms.size);
  let score = vendorScore + chipScore + termScore + (chinaContext ? 0.1 : 0);
  const scored = [...vendorField.keys()];
  if (scored.length && scored.every((v) => CHINA_CONTEXT_VENDORS.has(v)) && !chinaContext) score *= 0.5;
  // No tracked vendor: only a China AI-chip story with the chip term in its title (export rules, say) counts.
  if (!scored.length) score = chinaContext && titleTerms.size ? Math.min(score, 0.4) : Math.min(score, 0.2);
  // Huawei's phones with a processor named are still phone news.
  if (deviceStory) score = Math.min(score, 0.2);

  const vendors = [...subjects].sort();
  const chips = [...chipField.keys()].filter((c) => accepted.some((x) => x.entry.slug === c && x.entry.kind === 'chip' && subjects.has(x.entry.vendor))).sort();
  const tags: StoryTags = {
    vendors,
    mentioned: [...new Set(accepted.map((x) => x.entry.vendor))].filter((v) => !subjects.has(v)).sort(),
    chips,
    relevance: Math.round(Math.min(1, score) * 1000) / 1000,
    chipContext,
    chinaContext,
  };
  if (opts.explain) tags.reasons = explainMentions(accepted, title, summary, subjects, notes, chips, makers);
  return tags;
}

function explainMentions(accepted: Mention[], title: string, summary: string, subjects: Set<string>, notes: Map<string, string>, chips: string[], makers: Set<string>): TagReason[] {
  const reasons: TagReason[] = [];
  const seen = new Set<string>();
  // Title first, then the summary in reading order: the first sighting of each name is its reason.
  const ordered = [...accepted].sort((a, b) => (a.field === b.field ? a.start - b.start : a.field === 'title' ? -1 : 1));
  for (const x of ordered) {
    const kind = x.entry.kind;
    const slug = kind === 'vendor' ? x.entry.vendor : x.entry.slug;
    const tagged = kind === 'vendor' ? subjects.has(slug) : chips.includes(slug);
    const key = `${kind}:${slug}`;
    // A tag's reason is its first sighting that supports it; a non-tag's, its first sighting.
    if (seen.has(key) || (tagged && (x.comparison || x.example))) continue;
    seen.add(key);
    const text = x.field === 'title' ? title : summary;
    const place: Place = x.field === 'title' ? 'title' : x.start < LEAD_CHARS ? 'lead' : 'body';
    const subject = subjects.has(x.entry.vendor);
    const why = tagged
      ? kind === 'vendor'
        ? makers.has(slug)
          ? `named in the ${x.field === 'title' ? 'title' : 'lead'} as the maker of a chip (the foundry)`
          : x.field === 'title' ? 'named in the title as its subject' : "named in the lead's first sentence as its subject"
        : `a chip of ${x.entry.vendor}, a subject`
      : kind === 'vendor' ? (notes.get(slug) ?? 'not a subject') : subject ? 'named only as a yardstick' : `a chip of ${x.entry.vendor}, not a subject`;
    reasons.push({ kind, slug, tagged, phrase: text.slice(x.start, x.end), place, why });
  }
  // A subject found only through a comparison-free chip is explained by that chip; make sure each tag has one.
  return reasons;
}

/** Whether ingest keeps a story: the same test ingest-items.ts applies (relevance, and a vendor or chip context). */
export function keptAtIngest(tags: Pick<StoryTags, 'relevance' | 'vendors' | 'chipContext'>, minRelevance: number): boolean {
  return !(tags.relevance < minRelevance || (minRelevance > 0 && !tags.vendors.length && !tags.chipContext));
}
