// Vendor and topic tagging measured on real stories the rules were not written beside
// (tests/fixtures/tagging-eval.json: title, lead, hand labels, and a dev/test split fixed by URL hash).
// Scored as a subscriber sees it: a story dropped at ingest (relevance below CHIPWATCH_MIN_RELEVANCE)
// carries no tags, so an on-topic story dropped costs recall and a look-alike dropped costs nothing.
// Used by `chipwatch eval tagging` (all rows, or one half) and tests/news-tagging-eval.test.ts (test half).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../config.ts';
import { readCatalog } from '../catalog/load.ts';
import { compileMatchers, type Matchers } from './tag-matchers.ts';
import { keptAtIngest, tagStory, type TagReason } from './tag.ts';
import { explainTopics, type TopicReason } from './topic-rules.ts';
import { TOPIC_IDS } from './topics.ts';

export const TAGGING_EVAL_FILE = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'tagging-eval.json');

const Row = z.object({
  url: z.string().url(),
  outlet: z.string(),
  date: z.string().nullable(),
  lang: z.enum(['en', 'zh', 'de']),
  script: z.enum(['hans', 'hant']).optional(),
  title: z.string().min(1),
  titleFrom: z.enum(['excerpt', 'slug', 'lead']),
  lead: z.string(),
  vendors: z.array(z.string()),
  mentioned: z.array(z.string()),
  topics: z.array(z.enum(TOPIC_IDS)),
  kind: z.enum(['on-topic', 'look-alike']),
  split: z.enum(['dev', 'test']),
  /** Why an ambiguous row is labelled as it is (optional; read by people, not scored). */
  note: z.string().min(1).optional(),
});
export type EvalRow = z.infer<typeof Row>;

export function readTaggingEval(file = TAGGING_EVAL_FILE): EvalRow[] {
  return z.object({ items: z.array(Row) }).parse(JSON.parse(readFileSync(file, 'utf8'))).items;
}

export interface PR {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

export interface RowResult {
  row: EvalRow;
  kept: boolean;
  relevance: number;
  vendors: string[];
  topics: string[];
  vendorReasons: TagReason[];
  topicReasons: TopicReason[];
  /** Wrong tags (false positives and negatives, vendors and topics); a look-alike kept with a vendor counts 2 more. */
  cost: number;
}

export interface TaggingFigures {
  rows: number;
  half: 'dev' | 'test' | 'all';
  minRelevance: number;
  vendor: PR;
  topic: PR;
  perVendor: Record<string, PR>;
  perTopic: Record<string, PR>;
  /** On-topic stories kept at ingest, of all on-topic stories. */
  onTopicKept: { kept: number; of: number; share: number };
  /** Look-alikes dropped at ingest or kept without a vendor tag, of all look-alikes. */
  lookalikesHandled: { handled: number; of: number; share: number };
  results: RowResult[];
}

function pr(tp: number, fp: number, fn: number): PR {
  return { tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 };
}

function count(pairs: { got: string[]; want: string[] }[], keys?: string[]) {
  const per = new Map<string, [number, number, number]>();
  const bump = (k: string, i: 0 | 1 | 2) => {
    const c = per.get(k) ?? [0, 0, 0];
    c[i]++;
    per.set(k, c);
  };
  for (const k of keys ?? []) per.set(k, [0, 0, 0]);
  for (const { got, want } of pairs) {
    for (const g of got) bump(g, want.includes(g) ? 0 : 1);
    for (const w of want) if (!got.includes(w)) bump(w, 2);
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const out: Record<string, PR> = {};
  for (const [k, [a, b, c]] of [...per].sort(([x], [y]) => x.localeCompare(y))) {
    out[k] = pr(a, b, c);
    tp += a;
    fp += b;
    fn += c;
  }
  return { micro: pr(tp, fp, fn), per: out };
}

export function evaluateTagging(m: Matchers, all: EvalRow[], o: { half: 'dev' | 'test' | 'all'; minRelevance: number }): TaggingFigures {
  const rows = o.half === 'all' ? all : all.filter((r) => r.split === o.half);
  const results: RowResult[] = rows.map((row) => {
    const t = tagStory(m, row.title, row.lead, { explain: true });
    const kept = keptAtIngest(t, o.minRelevance);
    const topicReasons = explainTopics(row.title, row.lead);
    const vendors = kept ? t.vendors : [];
    const topics = kept ? topicReasons.map((x) => x.topic) : [];
    const wrong = (got: string[], want: string[]) => got.filter((g) => !want.includes(g)).length + want.filter((w) => !got.includes(w)).length;
    const wantTopics = row.kind === 'look-alike' ? [] : row.topics;
    const cost = wrong(vendors, row.vendors) + wrong(topics, wantTopics) + (row.kind === 'look-alike' && vendors.length ? 2 : 0) + (row.kind === 'on-topic' && !kept ? 2 : 0);
    return { row, kept, relevance: t.relevance, vendors, topics, vendorReasons: t.reasons ?? [], topicReasons, cost };
  });
  // A look-alike's topic labels say what a naive reader might tag: it should get none.
  const v = count(results.map((r) => ({ got: r.vendors, want: r.row.vendors })));
  const tp = count(results.map((r) => ({ got: r.topics, want: r.row.kind === 'look-alike' ? [] : r.row.topics })), [...TOPIC_IDS]);
  const on = results.filter((r) => r.row.kind === 'on-topic');
  const looks = results.filter((r) => r.row.kind === 'look-alike');
  const kept = on.filter((r) => r.kept).length;
  const handled = looks.filter((r) => !r.kept || !r.vendors.length).length;
  return {
    rows: rows.length,
    half: o.half,
    minRelevance: o.minRelevance,
    vendor: v.micro,
    topic: tp.micro,
    perVendor: v.per,
    perTopic: tp.per,
    onTopicKept: { kept, of: on.length, share: on.length ? kept / on.length : 1 },
    lookalikesHandled: { handled, of: looks.length, share: looks.length ? handled / looks.length : 1 },
    results,
  };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(6);
const line = (name: string, p: PR) => `  ${name.padEnd(16)} P ${pct(p.precision)}  R ${pct(p.recall)}   (tp ${p.tp}, fp ${p.fp}, fn ${p.fn})`;

function describeRow(r: RowResult): string {
  const { row } = r;
  const want = `vendors [${row.vendors.join(', ')}] topics [${row.kind === 'look-alike' ? '' : row.topics.join(', ')}]`;
  const got = r.kept ? `vendors [${r.vendors.join(', ')}] topics [${r.topics.join(', ')}]` : `dropped (relevance ${r.relevance})`;
  const why = [
    ...r.vendorReasons.map((x) => `${x.tagged ? '+' : '-'}${x.slug}: "${x.phrase}" in ${x.place}, ${x.why}`),
    ...r.topicReasons.map((x) => `${r.kept ? '+' : '(dropped) '}${x.topic}: "${x.phrase}" in ${x.place}`),
  ];
  return [`  [${row.split} ${row.lang} ${row.kind}] ${row.title.slice(0, 110)}`, `      want ${want}`, `      got  ${got}`, ...why.map((w) => `        ${w}`)].join('\n');
}

export function formatTaggingReport(f: TaggingFigures, o: { worst?: number } = {}): string {
  const out: string[] = [];
  const by = (lang: string) => f.results.filter((r) => r.row.lang === lang).length;
  out.push(`${f.rows} stories (${f.half === 'all' ? 'both halves' : `${f.half} half`}; en ${by('en')}, zh ${by('zh')}, de ${by('de')}), CHIPWATCH_MIN_RELEVANCE ${f.minRelevance}`);
  out.push(line('vendor tags', f.vendor), line('topic tags', f.topic));
  out.push(`  on-topic kept   ${pct(f.onTopicKept.share)}   (${f.onTopicKept.kept} of ${f.onTopicKept.of})`);
  out.push(`  look-alikes dropped or untagged ${pct(f.lookalikesHandled.share)}   (${f.lookalikesHandled.handled} of ${f.lookalikesHandled.of})`);
  out.push('per vendor:', ...Object.entries(f.perVendor).map(([k, p]) => line(k, p)));
  out.push('per topic:', ...Object.entries(f.perTopic).map(([k, p]) => line(k, p)));
  const worst = f.results.filter((r) => r.cost > 0).sort((a, b) => b.cost - a.cost || a.row.url.localeCompare(b.row.url)).slice(0, o.worst ?? 20);
  out.push(`worst ${worst.length} errors (with the tagger's reasons):`, ...worst.map(describeRow));
  return out.join('\n');
}

/**
 * `chipwatch eval tagging`: the test half's figures (the ones the test suite asserts), then the dev half's
 * with its worst errors: only dev-half errors may guide rule changes, so only those are printed.
 */
export function taggingEvaluationReport(minRelevance: number, file = TAGGING_EVAL_FILE): string {
  const cat = readCatalog();
  const m = compileMatchers(new Map(cat.vendors.map((v) => [v.slug, v])), new Map(cat.chips.map((c) => [c.slug, c])));
  const rows = readTaggingEval(file);
  const test = evaluateTagging(m, rows, { half: 'test', minRelevance });
  const dev = evaluateTagging(m, rows, { half: 'dev', minRelevance });
  const goals = 'goals on the test half: vendor P ≥ 95% R ≥ 90%, topic P ≥ 85% R ≥ 80%, on-topic kept ≥ 95%, look-alikes ≥ 90%';
  return [`TEST half (${goals})`, formatTaggingReport(test, { worst: 0 }).replace(/\nworst 0 errors.*$/s, ''), '', 'DEV half (the one rules may be tuned on)', formatTaggingReport(dev, { worst: 20 })].join('\n');
}
