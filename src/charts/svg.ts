// The few SVG pieces every chart draws with. All text passes through esc(): chart labels come from the
// catalog and from feeds' topic counts, never as markup.

/** Latin text is shaped with the small Noto Sans; hanzi fall back to Noto Sans SC (see font/make-subset.mjs). */
export const FONT = 'Noto Sans, Noto Sans SC';

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Numbers in SVG attributes: two decimals at most, no "-0". */
export const n = (x: number): string => String(Math.round(x * 100) / 100 || 0);

export function text(x: number, y: number, s: string, o: { size?: number; anchor?: 'start' | 'middle' | 'end'; fill?: string; weight?: number } = {}): string {
  const attrs = [`x="${n(x)}"`, `y="${n(y)}"`, `font-size="${o.size ?? 12}"`];
  if (o.anchor && o.anchor !== 'start') attrs.push(`text-anchor="${o.anchor}"`);
  if (o.fill) attrs.push(`fill="${o.fill}"`);
  if (o.weight) attrs.push(`font-weight="${o.weight}"`);
  return `<text ${attrs.join(' ')}>${esc(s)}</text>`;
}

export function rect(x: number, y: number, w: number, h: number, fill: string, extra = ''): string {
  return `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${fill}"${extra ? ` ${extra}` : ''}/>`;
}

/** Approximate drawn width in px: CJK and full-width characters count double. Good enough to wrap. */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0)! >= 0x2e80 ? 1 : 0.55) * size;
  return w;
}

/** Cuts `s` to fit `maxPx`, ending in "…". */
export function fit(s: string, size: number, maxPx: number): string {
  if (textWidth(s, size) <= maxPx) return s;
  let out = '';
  for (const ch of s) {
    if (textWidth(`${out}${ch}…`, size) > maxPx) break;
    out += ch;
  }
  return `${out}…`;
}

/** Greedy word wrap into at most `maxLines` lines (the last cut with "…"). Chinese has no spaces: a line
 * may break between any two CJK characters. */
export function wrap(s: string, size: number, maxPx: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of s.split(/(?<=\s)|(?<=[\u2e80-\uffef])|(?=[\u2e80-\uffef])/u)) {
    if (line && textWidth(line + word, size) > maxPx) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += word;
  }
  if (line.trim()) lines.push(line.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = fit(`${kept[maxLines - 1]} ${lines.slice(maxLines).join(' ')}`, size, maxPx);
  return kept;
}

export function svgDocument(width: number, height: number, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    rect(0, 0, width, height, '#ffffff'),
    ...body,
    '</svg>',
  ].join('\n');
}
