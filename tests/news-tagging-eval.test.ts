// Vendor and topic tagging on real stories the rules were not written beside (issue 11): scores ONLY the
// test half of tests/fixtures/tagging-eval.json (the dev half is what rules may be tuned on) and asserts
// the goals, so a regression fails CI. `npm run eval tagging` prints the same figures with the worst errors.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testApp } from './helpers/app.ts';
import { matchersOf } from '../src/news/tag-matchers.ts';
import { evaluateTagging, formatTaggingReport, readTaggingEval } from '../src/news/eval-tagging.ts';
import { catalogOf } from '../src/catalog/load.ts';

const app = testApp();
const rows = readTaggingEval();

describe('the tagging evaluation set', () => {
  it('GIVEN the fixture THEN it holds distinct real stories in three languages, look-alikes, and a split fixed by URL hash', () => {
    // The size: at least 400 stories, 150 English, 120 Chinese (both scripts), 80 German, 40 look-alikes.
    expect(rows.length).toBeGreaterThanOrEqual(400);
    expect(new Set(rows.map((r) => r.url)).size).toBe(rows.length);
    const minimum = { en: 150, zh: 120, de: 80 } as const;
    for (const lang of ['en', 'zh', 'de'] as const) expect(rows.filter((r) => r.lang === lang).length, lang).toBeGreaterThanOrEqual(minimum[lang]);
    for (const script of ['hans', 'hant'] as const) expect(rows.filter((r) => r.lang === 'zh' && r.script === script).length, script).toBeGreaterThanOrEqual(50);
    expect(rows.filter((r) => r.kind === 'look-alike').length).toBeGreaterThanOrEqual(40);
    const { vendors } = catalogOf(app.db);
    for (const r of rows) {
      for (const v of [...r.vendors, ...r.mentioned]) expect(vendors.has(v), `${v} in ${r.url}`).toBe(true);
      if (r.kind === 'look-alike') expect(r.vendors).toEqual([]);
      const first = createHash('sha256').update(`chipwatch-tagging-eval-v1\n${r.url}`).digest()[0]!;
      expect(r.split, r.url).toBe(first < 128 ? 'dev' : 'test');
    }
  });
});

describe('tagging on the test half', () => {
  const f = evaluateTagging(matchersOf(app.db), rows, { half: 'test', minRelevance: app.config.CHIPWATCH_MIN_RELEVANCE });

  it('GIVEN the test half THEN vendor, topic, keep and look-alike figures meet the goals', () => {
    console.log(formatTaggingReport(f, { worst: 0 }));
    expect(f.rows).toBeGreaterThanOrEqual(200);
    // Goals: vendor P ≥ 0.95, R ≥ 0.90; topic P ≥ 0.85, R ≥ 0.80; ≥ 95% of on-topic stories kept; ≥ 90% of look-alikes.
    // Measured 2026-12-01 on the 212-story test half (405 stories in all), after round 3 (the foundry label
    // rule, rules tuned on dev-half errors only): vendor 95.7% / 94.6%, topic 86.5% / 84.7%, kept 98.9%,
    // look-alikes 93.5%. Before round 3 (old labels and tagger): vendor 94.6% / 94.6%, topic 86.8% / 84.0%,
    // kept 98.3%, look-alikes 93.8%.
    expect(f.vendor.precision).toBeGreaterThanOrEqual(0.95);
    expect(f.vendor.recall).toBeGreaterThanOrEqual(0.9);
    expect(f.topic.precision).toBeGreaterThanOrEqual(0.85);
    expect(f.topic.recall).toBeGreaterThanOrEqual(0.8);
    expect(f.onTopicKept.share).toBeGreaterThanOrEqual(0.95);
    expect(f.lookalikesHandled.share).toBeGreaterThanOrEqual(0.9);
  });

  it('GIVEN the report THEN every figure the issue asks for is printed, with the worst errors and their reasons', () => {
    const text = formatTaggingReport(f);
    for (const s of ['vendor tags', 'topic tags', 'on-topic kept', 'look-alikes dropped or untagged', 'per vendor:', 'per topic:', 'worst']) expect(text).toContain(s);
    const worst = f.results.filter((r) => r.cost > 0).length;
    expect(text).toContain(`worst ${Math.min(20, worst)} errors`);
  });
});
