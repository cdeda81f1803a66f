// /compare's chart: one panel per metric, each on its own scale (TFLOPS and GB/s share no axis), one bar
// per chip. The vendor's own figures are solid; reported, estimated and derived ones hatched; an unknown
// figure is a dashed empty slot reading "unknown", never a zero-height bar that looks like a measurement.
// Every word comes from the spec (in the reader's language); this file draws, it does not translate.
import type { BarsChart } from './spec.ts';
import { fit, rect, svgDocument, text, textWidth, wrap } from './svg.ts';
import { INK, MUTED, PANEL, SERIES, hatchPattern } from './palette.ts';

const W = 960;
const MARGIN = 24;
const GAP = 16;
const PANEL_TOP = 104;
const PLOT_H = 220;
const CAPTION_SIZE = 11;
const CAPTION_LINE = 15;

export function barsSvg(c: BarsChart): string {
  const body: string[] = [];
  const colors = c.series.map((_, i) => SERIES[i % SERIES.length]!);
  body.push(`<defs>${colors.map((col, i) => hatchPattern(i, col)).join('')}</defs>`);
  body.push(text(MARGIN, 34, fit(c.title, 20, W - 2 * MARGIN), { size: 20, weight: 700, fill: INK }));

  // Legend: each chip, then what hatched and dashed mean.
  let x = MARGIN;
  const ly = 62;
  c.series.forEach((name, i) => {
    const label = fit(name, 13, 200);
    body.push(rect(x, ly - 11, 14, 14, colors[i]!, 'rx="2"'), text(x + 20, ly, label, { size: 13, fill: INK }));
    x += 20 + textWidth(label, 13) + 18;
  });
  body.push(rect(x, ly - 11, 14, 14, 'url(#hatch-0)', 'rx="2"'), text(x + 20, ly, c.legend.estimate, { size: 13, fill: MUTED }));
  x += 20 + textWidth(c.legend.estimate, 13) + 18;
  body.push(rect(x, ly - 11, 14, 14, 'none', `stroke="${MUTED}" stroke-dasharray="3 2"`), text(x + 20, ly, c.legend.unknown, { size: 13, fill: MUTED }));
  body.push(text(MARGIN, 84, fit(c.legend.scaleNote, 12, W - 2 * MARGIN), { size: 12, fill: MUTED }));

  const m = Math.max(1, c.metrics.length);
  const pw = (W - 2 * MARGIN - (m - 1) * GAP) / m;
  const baseY = PANEL_TOP + PLOT_H;
  c.metrics.forEach((metric, mi) => {
    const px = MARGIN + mi * (pw + GAP);
    body.push(rect(px, PANEL_TOP, pw, PLOT_H, PANEL, 'rx="4"'));
    const known = metric.values.filter((v) => v !== null).map((v) => v.value);
    const max = known.length ? Math.max(...known) : 1;
    const slot = (pw - 12) / Math.max(1, c.series.length);
    const bw = Math.min(44, slot - 8);
    metric.values.forEach((v, si) => {
      const cx = px + 6 + slot * si + slot / 2;
      if (v === null) {
        body.push(rect(cx - bw / 2, baseY - 26, bw, 26, 'none', `stroke="${MUTED}" stroke-dasharray="3 2"`));
        body.push(text(cx, baseY - 32, fit(c.legend.unknown, 10, slot), { size: 10, anchor: 'middle', fill: MUTED }));
        return;
      }
      const h = Math.max(2, (v.value / max) * (PLOT_H - 36));
      const fill = v.basis === 'official' ? colors[si]! : `url(#hatch-${si})`;
      body.push(rect(cx - bw / 2, baseY - h, bw, h, fill, v.basis === 'official' ? '' : `stroke="${colors[si]}" stroke-width="1"`));
      body.push(text(cx, baseY - h - 6, fit(v.label, 10, slot + 4), { size: 10, anchor: 'middle', fill: INK }));
    });
    body.push(`<line x1="${px}" y1="${baseY}" x2="${px + pw}" y2="${baseY}" stroke="${MUTED}" stroke-width="1"/>`);
    body.push(text(px + pw / 2, baseY + 20, fit(metric.label, 13, pw), { size: 13, anchor: 'middle', weight: 700, fill: INK }));
  });

  const lines = wrap(c.caption, CAPTION_SIZE, W - 2 * MARGIN, 4);
  lines.forEach((l, i) => body.push(text(MARGIN, baseY + 48 + i * CAPTION_LINE, l, { size: CAPTION_SIZE, fill: MUTED })));
  const height = Math.ceil(baseY + 48 + Math.max(0, lines.length - 1) * CAPTION_LINE + 16);
  return svgDocument(W, height, body);
}
