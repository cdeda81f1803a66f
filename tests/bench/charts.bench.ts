// Chart rendering: a new /compare chart (SVG built from the catalog, rendered to PNG by resvg with the
// bundled fonts) and the same chart again from the cache, beside the floor: resvg rendering a blank SVG of
// the same size (PNG encoding alone, the part no chart can avoid).
import { Resvg } from '@resvg/resvg-js';
import { createApp } from '../../src/app.ts';
import { commands } from '../../commands/index.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { openDatabase } from '../../src/store/db.ts';
import { catalogOf } from '../../src/catalog/load.ts';
import { compareChartSpec } from '../../src/charts/compare-spec.ts';
import { weeklyChartSpec } from '../../src/charts/weekly-spec.ts';
import { chartSvg, renderChart } from '../../src/charts/render.ts';
import { latencyLine, sample, stats } from './kit.ts';

export async function run(): Promise<void> {
  const db = openDatabase(':memory:');
  createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), log: createLogger('silent'), db, commands });
  const chips = [...catalogOf(db).chips.values()];
  const spec = compareChartSpec(chips.slice(0, 3));
  const [, w, h] = chartSvg(spec).match(/width="(\d+)" height="(\d+)"/)!;
  const blank = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="#fff"/></svg>`;
  const floor = stats(await sample(60, () => new Resvg(blank, { font: { loadSystemFonts: false } }).render().asPng(), 5));

  // A new chart each time: different chips (the cache holds 64, the loop cycles through more than that).
  let i = 0;
  const pairs = chips.flatMap((a, x) => chips.slice(x + 1).map((b) => [a, b]));
  const fresh = stats(await sample(Math.min(120, pairs.length), () => renderChart(compareChartSpec(pairs[i++ % pairs.length]!)), 5));
  console.log(latencyLine('/compare chart, new (SVG + PNG)', fresh, floor, 'p99 < 100 ms'));
  // The same /compare asked again: a new spec object each time, so the SVG is rebuilt and hashed.
  const again = pairs[0]!;
  await renderChart(compareChartSpec(again));
  const cached = stats(await sample(2000, () => renderChart(compareChartSpec(again))));
  console.log(latencyLine('/compare chart, from the cache', cached, undefined, 'p99 < 1 ms'));
  const weekly = weeklyChartSpec(db, { slug: 'huawei', name: 'Huawei' }, Date.now());
  await renderChart(weekly);
  const reused = stats(await sample(2000, () => renderChart(weekly)));
  console.log(latencyLine('vendor news chart, same spec reused', reused, undefined, 'p99 < 1 ms'));
  const ok = fresh.p99 < 100 && cached.p99 < 1 && reused.p99 < 1;
  console.log(ok ? 'charts: goals met' : 'charts: GOAL MISSED');
}
