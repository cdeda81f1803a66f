// Chart spec → SVG → PNG, in-process: resvg (Rust, through its Node binding) with the bundled font, no
// browser, no system fonts, no network. PNGs are cached by their spec: the same /compare asked twice,
// or a card re-rendered for another channel, costs a map lookup.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChartSpec } from './spec.ts';
import { barsSvg } from './bars-svg.ts';
import { weeklySvg } from './weekly-svg.ts';

const FONT_FILES = ['NotoSans-chart.ttf', 'NotoSans-chart-bold.ttf', 'NotoSansSC-chart.ttf'];

/** The fonts beside this file (sources) or under src/charts/font from the bundle in .build/. */
function fontPaths(): string[] {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dir = [path.join(here, 'font'), path.join(here, '..', 'src', 'charts', 'font')].find((d) => existsSync(path.join(d, FONT_FILES[0]!)));
  if (!dir) throw new Error(`chart fonts missing: expected them in ${path.join(here, 'font')}`);
  return FONT_FILES.map((f) => path.join(dir, f));
}

export function chartSvg(spec: ChartSpec): string {
  return spec.kind === 'bars' ? barsSvg(spec) : weeklySvg(spec);
}

export interface ChartImage {
  png: Buffer;
  width: number;
  height: number;
  /** A file name for attachments: "compare-<hash>.png". */
  name: string;
}

const CACHE_SIZE = 64;
const cache = new Map<string, ChartImage>();
let resvg: typeof import('@resvg/resvg-js') | undefined;
let fonts: string[] | undefined;

/** The same spec object again (a vendor's weekly chart is reused for minutes): no SVG to build or hash. */
const bySpec = new WeakMap<ChartSpec, ChartImage>();

/** Renders (or returns the cached) PNG of a chart. A new chart takes tens of milliseconds. */
export async function renderChart(spec: ChartSpec): Promise<ChartImage> {
  const same = bySpec.get(spec);
  if (same) return same;
  const image = await renderBySvg(spec);
  bySpec.set(spec, image);
  return image;
}

async function renderBySvg(spec: ChartSpec): Promise<ChartImage> {
  // Keyed by the spec's JSON: the same figures asked again skip building the SVG (and its text fitting).
  const json = JSON.stringify(spec);
  const hit = cache.get(json);
  if (hit) {
    cache.delete(json); // re-insert: Map order is the LRU order
    cache.set(json, hit);
    return hit;
  }
  const svg = chartSvg(spec);
  const key = createHash('sha256').update(svg).digest('base64url').slice(0, 16);
  resvg ??= await import('@resvg/resvg-js'); // loaded on the first chart, not at start
  fonts ??= fontPaths();
  const rendered = new resvg.Resvg(svg, { font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: 'Noto Sans' }, fitTo: { mode: 'original' } }).render();
  const image: ChartImage = { png: rendered.asPng(), width: rendered.width, height: rendered.height, name: `${spec.kind === 'bars' ? 'compare' : 'news'}-${key}.png` };
  cache.set(json, image);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return image;
}
