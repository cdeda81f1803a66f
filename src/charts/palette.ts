// Colours: Okabe–Ito, distinguishable with the common colour-vision deficiencies; a figure that is not the
// vendor's own is drawn hatched on a lighter tint of its series colour, so the difference survives greyscale.

export const SERIES = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'] as const;
export const INK = '#1f2328';
export const MUTED = '#59636e';
export const PANEL = '#f6f8fa';

/** `hex` mixed with white: amount 0 = white, 1 = the colour. */
export function tint(hex: string, amount: number): string {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `#${c.map((v) => Math.round(255 - (255 - v) * amount).toString(16).padStart(2, '0')).join('')}`;
}

/** A 45° hatch in the series colour over its light tint; referenced as url(#hatch-i). */
export function hatchPattern(i: number, color: string): string {
  return `<pattern id="hatch-${i}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="${tint(color, 0.3)}"/><line x1="0" y1="0" x2="0" y2="6" stroke="${color}" stroke-width="2.4"/></pattern>`;
}
