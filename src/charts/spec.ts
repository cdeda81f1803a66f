// What a chart shows, as plain data: a Reply carries a chart spec (not pixels), so replies stay JSON for
// the outbox and the console, and each adapter renders the spec to PNG only when it sends (render.ts).
// Every word a chart draws is in its spec, already in the reader's language (the specs are built with the
// message catalog), so the SVG builders know no language.

/** How sure a figure is; anything but the vendor's own is drawn hatched and lighter. */
export type ChartBasis = 'official' | 'reported' | 'estimate' | 'derived';

export interface BarValue {
  value: number;
  basis: ChartBasis;
  /** The figure as the card prints it ("768 GB/s"), drawn above the bar. */
  label: string;
}

/** Grouped bars: one panel per metric, each on its own scale; one bar per series (chip) in each. */
export interface BarsChart {
  kind: 'bars';
  title: string;
  /** The chips, in the order the user named them. */
  series: string[];
  metrics: { label: string; values: (BarValue | null)[] }[];
  /** The legend's words: what hatched bars and dashed empty slots mean, and the note on scales. */
  legend: { estimate: string; unknown: string; scaleNote: string };
  /** Sources, short names and dates, as one line or a few. */
  caption: string;
  /** What a screen reader says: the key numbers. */
  alt: string;
}

/** Stories per week, stacked by topic. */
export interface WeeklyChart {
  kind: 'weekly';
  title: string;
  /** Monday of each week, YYYY-MM-DD, oldest first. */
  weeks: string[];
  /** The axis label for each week ("Sep 1", "9月1日"), aligned with `weeks`; every fourth is drawn. */
  weekLabels: string[];
  /** One row per topic (the last may be "other", drawn grey): counts aligned with `weeks`. */
  stacks: { topic: string; label: string; counts: number[] }[];
  caption: string;
  alt: string;
}

export type ChartSpec = BarsChart | WeeklyChart;
