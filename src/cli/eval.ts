// `chipwatch eval <name> [--differences]`: prints an accuracy evaluation. Each evaluation is one entry in
// EVALUATIONS (a help line and a function returning its printed report); `eval` with no name runs all.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, PROJECT_ROOT } from '../config.ts';
import { evaluateExtraction, formatExtractionReport, readPairs } from '../news/eval-extraction.ts';
import { taggingEvaluationReport } from '../news/eval-tagging.ts';

interface EvalOptions {
  differences: boolean;
}

type Evaluation = { help: string; run: (o: EvalOptions) => Promise<string> };

/** The shared corpus exists beside the project only in its CI and on the developers' machine. */
const SHARED_CORPUS = path.resolve(PROJECT_ROOT, '..', 'shared', 'corpus');
const FIXTURE_CORPUS = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'extraction');

const EVALUATIONS: Record<string, Evaluation> = {
  extraction: {
    help: "feed items (title, link, summary, date, id) against the expected outputs of gofeed, rss-parser and feed-rs",
    async run(o) {
      const root = existsSync(path.join(SHARED_CORPUS, 'expected', 'PAIRS.tsv')) ? SHARED_CORPUS : FIXTURE_CORPUS;
      const where = root === SHARED_CORPUS ? '../shared/corpus' : 'the subset in tests/fixtures/extraction (no ../shared/corpus here)';
      const report = await evaluateExtraction(root, readPairs(root));
      return `${formatExtractionReport(report, o.differences)}\n  (pairs from ${where})`;
    },
  },
  tagging: {
    help: 'vendor and topic tags on real stories (tests/fixtures/tagging-eval.json): test-half figures, dev-half worst errors',
    async run() {
      return taggingEvaluationReport(loadConfig().CHIPWATCH_MIN_RELEVANCE);
    },
  },
};

export async function evalCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { differences: { type: 'boolean', default: false } } });
  const unknown = positionals.filter((p) => !EVALUATIONS[p]);
  if (unknown.length) {
    console.error(`chipwatch eval: unknown evaluation "${unknown[0]}"; available: ${Object.keys(EVALUATIONS).join(', ')}`);
    return 2;
  }
  const names = positionals.length ? positionals : Object.keys(EVALUATIONS);
  for (const name of names) {
    console.log(`== ${name}: ${EVALUATIONS[name]!.help}`);
    console.log(await EVALUATIONS[name]!.run({ differences: values.differences ?? false }));
  }
  return 0;
}
