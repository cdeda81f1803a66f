// Extraction accuracy end to end (decode → parse → normalise) against the expected outputs that gofeed,
// rss-parser and feed-rs ship with their tests (src/news/eval-extraction.ts). The subset in
// tests/fixtures/extraction runs everywhere; the full 600 pairs run where ../shared/corpus exists (or
// CHIPWATCH_CORPUS_DIR), and with CHIPWATCH_REQUIRE_CORPUS=1 (for this
// project's CI) a missing corpus fails rather than skipping. Not CI=true: a self-hoster's CI has no ../shared.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateExtraction, FIELDS, formatExtractionReport, knownReason, readPairs, type ExtractionReport } from '../src/news/eval-extraction.ts';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures', 'extraction');
const SHARED = path.resolve(import.meta.dirname, '..', process.env.CHIPWATCH_CORPUS_DIR || '../shared/corpus');
const REQUIRED = process.env.CHIPWATCH_REQUIRE_CORPUS === '1';
const haveShared = existsSync(path.join(SHARED, 'expected', 'PAIRS.tsv'));

/** The acceptance figures of issue 16 (summaries: those with real expected text). */
const GOALS = { title: 0.995, link: 0.995, summary: 0.95, date: 0.995, id: 0.995 };

/** With `explained`, differences whose cause is known to be on the expected side count as passes. */
function expectGoalsMet(r: ExtractionReport, explained = false): void {
  for (const f of FIELDS) {
    const { compared } = r.fields[f];
    const passed = r.fields[f].passed + (explained ? r.differences.filter((d) => d.field === f && knownReason(d)).length : 0);
    expect(compared, f).toBeGreaterThan(0);
    expect(passed / compared, `${f}: ${passed} of ${compared}`).toBeGreaterThanOrEqual(GOALS[f]);
  }
  expect(r.rejected).toEqual([]);
}

describe('extraction against the parsers\' expected outputs', () => {
  it('meets the goals on the subset in the repository, and every difference has a known reason', { timeout: 30_000 }, async () => {
    const pairs = readPairs(FIXTURES);
    expect(pairs.length).toBeGreaterThanOrEqual(20);
    const r = await evaluateExtraction(FIXTURES, pairs);
    // The subset holds the one feed whose expectation is known to be wrong (rss-parser's Reddit RSS), a
    // larger share of it than the full set does.
    expectGoalsMet(r, true);
    expect(r.itemsCompared).toBeGreaterThan(200);
    const unexplained = r.differences.filter((d) => d.field === 'items' || !knownReason(d));
    expect(unexplained, formatExtractionReport(r, true)).toEqual([]);
  });

  it.skipIf(!haveShared && !REQUIRED)('meets the goals on all of ../shared/corpus/expected (CI)', { timeout: 120_000 }, async () => {
    // In CI the shared corpus must be there: a missing corpus is a failure, not a skip.
    expect(haveShared, `${SHARED}/expected/PAIRS.tsv is missing`).toBe(true);
    const pairs = readPairs(SHARED);
    expect(pairs.length).toBe(600);
    const r = await evaluateExtraction(SHARED, pairs);
    expectGoalsMet(r);
  });

  if (!haveShared && !REQUIRED) {
    it('notes that the full comparison did not run here', () => {
      console.log(`news-extraction: ${SHARED} not found; the full 600-pair comparison runs only where it exists (this project's CI).`);
      expect(haveShared).toBe(false);
    });
  }
});
