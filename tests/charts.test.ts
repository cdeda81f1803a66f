// Charts: the SVG for fixed inputs (snapshots), the PNG that resvg makes from it (decoded, sized), and
// the weekly counts a vendor card's chart is built from.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { BarsChart, WeeklyChart } from '../src/charts/spec.ts';
import { chartSvg, renderChart } from '../src/charts/render.ts';
import { niceMax } from '../src/charts/weekly-svg.ts';
import { cachedWeeklyChartSpec, weekLabel, weekStart, weeklyChartSpec, WEEKS } from '../src/charts/weekly-spec.ts';
import { compareChartSpec } from '../src/charts/compare-spec.ts';
import { wrap } from '../src/charts/svg.ts';
import { t } from '../src/i18n/t.ts';
import type { Chip } from '../src/catalog/schema.ts';
import { decodePng } from './helpers/png.ts';

const bars: BarsChart = {
  kind: 'bars',
  title: 'Ascend 910C vs NVIDIA H20 vs Siyuan 590',
  series: ['Ascend 910C', 'NVIDIA H20', 'Siyuan 590'],
  metrics: [
    { label: 'FP16/BF16 TFLOPS', values: [{ value: 800, basis: 'estimate', label: '800 TFLOPS' }, { value: 148, basis: 'official', label: '148 TFLOPS' }, null] },
    { label: 'Memory GB', values: [{ value: 128, basis: 'reported', label: '128 GB' }, { value: 96, basis: 'official', label: '96 GB' }, { value: 64, basis: 'official', label: '64 GB' }] },
    { label: 'Bandwidth TB/s', values: [null, { value: 4, basis: 'official', label: '4 TB/s' }, { value: 0.768, basis: 'official', label: '768 GB/s' }] },
  ],
  legend: { estimate: 'reported / estimate', unknown: 'unknown', scaleNote: 'Each metric on its own scale; bars compare chips within a panel.' },
  caption: 'Sources: Huawei (2025-09-18) · NVIDIA (2024-06) · Cambricon (2025)',
  alt: 'Bar chart comparing three chips.',
};

const WEEKS_FROM_JUNE = Array.from({ length: 26 }, (_, i) => new Date(Date.UTC(2026, 5, 1) + i * 7 * 86_400_000).toISOString().slice(0, 10));

const weekly: WeeklyChart = {
  kind: 'weekly',
  title: 'Huawei: stories per week',
  weeks: WEEKS_FROM_JUNE,
  weekLabels: WEEKS_FROM_JUNE.map((w) => weekLabel('en', w)),
  stacks: [
    { topic: 'export-controls', label: 'export controls', counts: Array.from({ length: 26 }, (_, i) => (i % 5 === 0 ? 2 : 0)) },
    { topic: 'launch', label: 'launch', counts: Array.from({ length: 26 }, (_, i) => (i % 3 === 0 ? 1 : 0)) },
    { topic: 'other', label: 'other', counts: Array.from({ length: 26 }, (_, i) => i % 2) },
  ],
  caption: 'Last 26 weeks.',
  alt: 'Huawei stories per week.',
};

describe('chart SVG', () => {
  it('GIVEN fixed /compare figures THEN the SVG is stable', () => {
    expect(chartSvg(bars)).toMatchSnapshot();
  });

  it('GIVEN fixed weekly counts THEN the SVG is stable', () => {
    expect(chartSvg(weekly)).toMatchSnapshot();
  });

  it('draws estimates hatched, the vendor’s own figures solid, and unknown as a labelled gap', () => {
    const svg = chartSvg(bars);
    // series 0's 800 TFLOPS is an estimate: hatched with its own pattern; series 1 is solid blue-orange.
    expect(svg).toMatch(/fill="url\(#hatch-0\)"/);
    expect(svg).toMatch(/<rect [^>]*fill="#E69F00"/);
    expect(svg.match(/>unknown</g)?.length).toBe(3); // two gaps + the legend entry
  });

  it('escapes text: a chip or outlet name cannot inject markup', () => {
    const svg = chartSvg({ ...bars, title: '<script>alert(1)</script> & "x"', caption: '</text><image href="http://x"/>' });
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<image');
    expect(svg).toContain('&lt;script&gt;');
  });

  it('rounds the weekly axis up to 1, 2 or 5 × 10^k', () => {
    expect([0, 1, 3, 7, 11, 26, 101].map(niceMax)).toEqual([1, 1, 5, 10, 20, 50, 200]);
  });
});

describe('chart PNG', () => {
  it('renders a whole PNG of the SVG’s size, and serves a repeat from the cache', async () => {
    const img = await renderChart(bars);
    const png = decodePng(img.png);
    const [, w, h] = chartSvg(bars).match(/width="(\d+)" height="(\d+)"/)!;
    expect([png.width, png.height]).toEqual([Number(w), Number(h)]);
    expect(png.colorType).toBe(6);
    expect(img.png.length).toBeLessThan(8 * 1024 * 1024); // Discord's smallest attachment limit is 8 MiB... ours are ~100 KB
    expect(img.name).toMatch(/^compare-[\w-]{16}\.png$/);
    expect(await renderChart(structuredClone(bars))).toBe(img);
  });

  it('draws text with the bundled fonts (Latin and hanzi), not as empty boxes', async () => {
    // The same chart with and without its labels: text adds dark pixels only if a font was found.
    const ink = (b: Buffer) => {
      const { pixels } = decodePng(b);
      let dark = 0;
      for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! + pixels[i + 1]! + pixels[i + 2]! < 300) dark++;
      return dark;
    };
    const plain = { ...weekly, title: '', caption: '', stacks: [] };
    const latin = { ...plain, title: 'Moore Threads' };
    const hanzi = { ...plain, title: '摩尔线程 寒武纪 輝達' };
    const base = ink((await renderChart(plain)).png);
    expect(ink((await renderChart(latin)).png)).toBeGreaterThan(base + 100);
    expect(ink((await renderChart(hanzi)).png)).toBeGreaterThan(base + 100);
  });
});

describe('weekly counts', () => {
  const DAY = 86_400_000;
  const now = Date.UTC(2026, 11, 1, 12); // Tuesday 2026-12-01

  function db() {
    const d = new Database(':memory:');
    d.exec(`CREATE TABLE stories (id INTEGER PRIMARY KEY, cluster_id INTEGER NOT NULL);
      CREATE TABLE story_vendors (vendor_slug TEXT, published_at INTEGER, story_id INTEGER);
      CREATE TABLE story_topics (topic TEXT, published_at INTEGER, story_id INTEGER);`);
    return d;
  }
  function add(d: Database.Database, id: number, cluster: number, at: number, topics: string[], vendor = 'huawei') {
    d.prepare(`INSERT INTO stories (id, cluster_id) VALUES (?, ?)`).run(id, cluster);
    d.prepare(`INSERT INTO story_vendors VALUES (?, ?, ?)`).run(vendor, at, id);
    for (const t of topics) d.prepare(`INSERT INTO story_topics VALUES (?, ?, ?)`).run(t, at, id);
  }

  it('weeks start on Monday (UTC)', () => {
    expect(new Date(weekStart(now)).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(new Date(weekStart(Date.UTC(2026, 10, 29, 23))).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  it('counts an event once, in its first week, under its main topic; other vendors and older weeks are left out', () => {
    const d = db();
    add(d, 1, 10, now - DAY, ['benchmarks', 'export-controls']); // main topic: export controls
    add(d, 2, 10, now - 8 * DAY, ['launch']); // same cluster, a week earlier (Monday 23 Nov): the cluster counts there
    add(d, 3, 11, now - DAY / 2, []); // no topic: other
    add(d, 4, 12, now - 2 * DAY, ['launch'], 'cambricon'); // another vendor
    add(d, 5, 13, now - 400 * DAY, ['launch']); // older than 26 weeks
    const spec = weeklyChartSpec(d as never, { slug: 'huawei', name: 'Huawei' }, now);
    expect(spec.weeks).toHaveLength(WEEKS);
    expect(spec.weeks.at(-1)).toBe('2026-11-30');
    const get = (label: string) => spec.stacks.find((s) => s.label === label)!.counts;
    expect(get('launch').at(-2)).toBe(1); // cluster 10 first appeared 8 days ago, as a launch story
    expect(get('export controls').reduce((a, b) => a + b)).toBe(0);
    expect(get('other').at(-1)).toBe(1);
    expect(spec.stacks.flatMap((s) => s.counts).reduce((a, b) => a + b)).toBe(2);
    expect(spec.alt).toBe('Huawei: 2 stories in the last 26 weeks; busiest week from 2026-11-23 with 1; by topic: launch 1, other 1.');
  });

  it('is in the reader’s language, and cached per language: a German reader never gets the English spec', () => {
    const d = db();
    add(d, 1, 10, now - DAY, ['export-controls']);
    add(d, 2, 11, now - 9 * DAY, ['launch']);
    const en = cachedWeeklyChartSpec(d as never, { slug: 'huawei', name: 'Huawei' }, now, 'en');
    const de = cachedWeeklyChartSpec(d as never, { slug: 'huawei', name: 'Huawei' }, now, 'de');
    const zh = cachedWeeklyChartSpec(d as never, { slug: 'huawei', name: '华为' }, now, 'zh-CN');
    expect(en.title).toBe('Huawei: stories per week');
    expect(de.title).toBe('Huawei: Meldungen pro Woche');
    expect(zh.title).toBe('华为：每周新闻数');
    expect(cachedWeeklyChartSpec(d as never, { slug: 'huawei', name: 'Huawei' }, now, 'de')).toBe(de);
    expect(cachedWeeklyChartSpec(d as never, { slug: 'huawei', name: 'Huawei' }, now, 'en')).toBe(en);
    expect(de.stacks.map((s) => s.label)).toContain('Exportkontrollen');
    expect(zh.stacks.find((s) => s.topic === 'other')!.label).toBe('其他');
    expect(zh.caption).toContain('2026年12月1日');
    expect(zh.alt).toBe('华为：最近 26 周共 2 条新闻；最多的一周始于 2026年11月16日，共 1 条；按话题：出口管制 1、产品 1。');
    expect(de.alt).toContain('2 Meldungen in den letzten 26 Wochen');
    // Week labels: English as before the catalog ("Nov 30"), others through Intl.
    expect(en.weekLabels.at(-1)).toBe('Nov 30');
    expect(zh.weekLabels.at(-1)).toBe('11月30日');
    expect(de.weekLabels.at(-1)).toMatch(/^30\. Nov/);
    expect(weekLabel('zh-TW', '2026-09-07')).toBe('9月7日');
  });
});

describe('charts in the reader’s language', () => {
  const fact = (value: number | null, basis = 'official') =>
    value === null ? { value: null } : { value, basis, source: { url: `https://example.com/${value}`, outlet: 'Huawei', date: '2025-09-18' } };
  const chip = (en: string, zh: string | null, fp16: number | null, basis = 'official') =>
    ({ slug: en.toLowerCase(), name: { en, zh }, fp16Tflops: fact(fp16, basis), int8Tops: fact(null), memoryGB: fact(128, 'reported'), memoryBandwidthTBs: fact(null), tdpW: fact(null) }) as unknown as Chip;
  const chips = [chip('Ascend 910C', '昇腾910C', 800, 'estimate'), chip('H20', null, 148)];

  it('English /compare chart words are as before the catalog', () => {
    const s = compareChartSpec(chips, 'en');
    expect(s.title).toBe('Ascend 910C vs H20');
    expect(s.metrics.map((m) => m.label)).toEqual(['FP16/BF16 TFLOPS', 'INT8 TOPS', 'Memory GB', 'Bandwidth TB/s', 'TDP W']);
    expect(s.legend).toEqual({ estimate: 'reported / estimate', unknown: 'unknown', scaleNote: 'Each metric on its own scale; bars compare chips within a panel.' });
    expect(s.caption).toBe('Sources: Huawei (2025-09-18)');
    expect(s.alt).toMatch(/^Bar chart comparing Ascend 910C, H20\. FP16\/BF16 TFLOPS: Ascend 910C 800 TFLOPS \(estimate\), H20 148 TFLOPS\. INT8 TOPS: Ascend 910C unknown, H20 unknown\./);
  });

  it('a Chinese reader gets Chinese names, labels, legend, caption and alt; the SVG draws them', () => {
    const s = compareChartSpec(chips, 'zh-CN');
    expect(s.title).toBe('昇腾910C 对比 H20');
    expect(s.series).toEqual(['昇腾910C', 'H20']);
    expect(s.metrics[2]!.label).toBe('内存 GB');
    expect(s.legend.unknown).toBe('未知');
    expect(s.caption).toBe('来源：Huawei (2025-09-18)');
    expect(s.alt).toContain('FP16/BF16 TFLOPS：昇腾910C 800 TFLOPS（估计）');
    const svg = chartSvg(s);
    expect(svg).toContain('>报道值 / 估计值<');
    expect(svg).toContain('>每项指标使用各自的刻度；柱形只在同一面板内比较芯片。<');
    expect(svg).not.toMatch(/>unknown<|reported \/ estimate|Each metric/);
    const tw = compareChartSpec(chips, 'zh-TW');
    expect(tw.legend.estimate).toBe(t('zh-TW', 'chart.legendEstimate'));
    expect(tw.title).toContain('對比');
  });

  it('a German reader gets German words in the SVG; the weekly SVG draws the spec’s week labels', () => {
    const svg = chartSvg(compareChartSpec(chips, 'de'));
    expect(svg).toContain('>berichtet / geschätzt<');
    expect(svg.match(/>unbekannt</g)!.length).toBeGreaterThan(1);
    const labels = weekly.weeks.map((w) => weekLabel('de', w));
    const wsvg = chartSvg({ ...weekly, weekLabels: labels });
    expect(wsvg).toContain(`>${labels[0]}<`);
    expect(wsvg).not.toContain('>Jun 1<');
  });

  it('wraps a Chinese caption between characters (it has no spaces), within the lines allowed', () => {
    const lines = wrap('截至 2026年12月1日 的最近 26 周；多家媒体报道的同一事件只计一次，归入其主要话题。'.repeat(4), 11, 300, 3);
    expect(lines.length).toBe(3);
    expect(lines[0]!.length).toBeGreaterThan(5);
    expect(lines[2]!.endsWith('…')).toBe(true);
  });
});
