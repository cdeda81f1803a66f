// A vendor's stories per week, stacked by topic: whether something is happening, at a glance. The y axis
// counts stories (clusters, so one event reported by ten outlets counts once). Every word, the week labels
// included, comes from the spec in the reader's language.
import type { WeeklyChart } from './spec.ts';
import { fit, n, rect, svgDocument, text, textWidth, wrap } from './svg.ts';
import { INK, MUTED, PANEL, SERIES } from './palette.ts';

const W = 960;
const LEFT = 48;
const RIGHT = 24;
const TOP = 88;
const PLOT_H = 160;

/** A round axis maximum at or above `x`: 1, 2, 5 × 10^k. */
export function niceMax(x: number): number {
  if (x <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 5, 10].map((f) => f * p).find((v) => v >= x)!;
}

export function weeklySvg(c: WeeklyChart): string {
  const body: string[] = [];
  body.push(text(LEFT - 24, 34, fit(c.title, 20, W - LEFT), { size: 20, weight: 700, fill: INK }));
  const colors = c.stacks.map((s, i) => (s.topic === 'other' ? '#b8c0c8' : SERIES[i % SERIES.length]!));
  let x = LEFT - 24;
  c.stacks.forEach((s, i) => {
    if (!s.counts.some((k) => k > 0)) return;
    body.push(rect(x, 51, 14, 14, colors[i]!, 'rx="2"'), text(x + 20, 62, s.label, { size: 13, fill: INK }));
    x += 20 + textWidth(s.label, 13) + 16;
  });

  const totals = c.weeks.map((_, w) => c.stacks.reduce((a, s) => a + (s.counts[w] ?? 0), 0));
  const max = niceMax(Math.max(4, ...totals)); // at least 4: one story should not fill the plot
  const plotW = W - LEFT - RIGHT;
  const baseY = TOP + PLOT_H;
  body.push(rect(LEFT, TOP, plotW, PLOT_H, PANEL));
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    if (!Number.isInteger(v)) continue;
    const y = baseY - (v / max) * PLOT_H;
    body.push(`<line x1="${LEFT}" y1="${n(y)}" x2="${LEFT + plotW}" y2="${n(y)}" stroke="#d0d7de" stroke-width="1"/>`);
    body.push(text(LEFT - 6, y + 4, String(v), { size: 11, anchor: 'end', fill: MUTED }));
  }
  const slot = plotW / Math.max(1, c.weeks.length);
  const bw = Math.max(2, slot - 6);
  c.weeks.forEach((_, w) => {
    let y = baseY;
    c.stacks.forEach((s, i) => {
      const k = s.counts[w] ?? 0;
      if (!k) return;
      const h = (k / max) * PLOT_H;
      body.push(rect(LEFT + w * slot + (slot - bw) / 2, y - h, bw, h, colors[i]!));
      y -= h;
    });
    if (w % 4 === 0) {
      body.push(text(LEFT + w * slot + slot / 2, baseY + 16, c.weekLabels[w] ?? '', { size: 11, anchor: 'middle', fill: MUTED }));
    }
  });
  body.push(`<line x1="${LEFT}" y1="${baseY}" x2="${LEFT + plotW}" y2="${baseY}" stroke="${MUTED}" stroke-width="1"/>`);
  const lines = wrap(c.caption, 11, W - LEFT - RIGHT, 2);
  lines.forEach((l, i) => body.push(text(LEFT - 24, baseY + 40 + i * 15, l, { size: 11, fill: MUTED })));
  return svgDocument(W, Math.ceil(baseY + 40 + (lines.length - 1) * 15 + 14), body);
}
