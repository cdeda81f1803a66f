// Feed titles and summaries to plain text: markup stripped (script/style bodies too), entities decoded,
// control, zero-width and bidi-override characters removed (they can disguise text in chat), whitespace
// folded, length capped at a word boundary. The renderers escape for their platform; this only makes
// the text honest plain text.
import { c1AsWindows1252 } from './decode.ts';

/** The named entities that occur in real feeds (HTML 4's Latin-1 and typographic sets, plus &apos;). */
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ', shy: '',
  zwj: '', zwnj: '', lrm: '', rlm: '', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“',
  rdquo: '”', bdquo: '„', laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', hellip: '…', bull: '•', middot: '·',
  copy: '©', reg: '®', trade: '™', deg: '°', plusmn: '±', times: '×', divide: '÷', micro: 'µ', para: '¶', sect: '§',
  euro: '€', pound: '£', yen: '¥', cent: '¢', curren: '¤', dagger: '†', Dagger: '‡', permil: '‰', prime: '′',
  Prime: '″', frac14: '¼', frac12: '½', frac34: '¾', sup1: '¹', sup2: '²', sup3: '³', iexcl: '¡', iquest: '¿',
  ordf: 'ª', ordm: 'º', not: '¬', macr: '¯', acute: '´', cedil: '¸', uml: '¨', brvbar: '¦', larr: '←', rarr: '→',
  uarr: '↑', darr: '↓', harr: '↔', le: '≤', ge: '≥', ne: '≠', asymp: '≈', infin: '∞', minus: '−', alpha: 'α',
  beta: 'β', gamma: 'γ', delta: 'δ', mu: 'μ', pi: 'π', sigma: 'σ', Omega: 'Ω', omega: 'ω', szlig: 'ß',
};
// Latin-1 letters by name: &Auml; &eacute; … (generated rather than listed).
const LETTERS: Array<[string, number]> = [
  ['Agrave', 192], ['Aacute', 193], ['Acirc', 194], ['Atilde', 195], ['Auml', 196], ['Aring', 197], ['AElig', 198], ['Ccedil', 199],
  ['Egrave', 200], ['Eacute', 201], ['Ecirc', 202], ['Euml', 203], ['Igrave', 204], ['Iacute', 205], ['Icirc', 206], ['Iuml', 207],
  ['ETH', 208], ['Ntilde', 209], ['Ograve', 210], ['Oacute', 211], ['Ocirc', 212], ['Otilde', 213], ['Ouml', 214], ['Oslash', 216],
  ['Ugrave', 217], ['Uacute', 218], ['Ucirc', 219], ['Uuml', 220], ['Yacute', 221], ['THORN', 222],
];
for (const [name, code] of LETTERS) {
  NAMED[name] = String.fromCharCode(code);
  NAMED[name.charAt(0).toLowerCase() + name.slice(1)] = String.fromCharCode(code + 32);
}
NAMED.yuml = 'ÿ';

function codePoint(n: number): string {
  // Windows-1252 numbers that feeds mean as curly quotes and dashes (&#146; is ’), as HTML5 reads them.
  if (n >= 0x80 && n <= 0x9f) return c1AsWindows1252(String.fromCharCode(n));
  if (n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(n);
}

/** Decodes HTML character references; unknown names are left as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?/g, (m, ref: string) => {
    if (ref[0] === '#') return codePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10));
    const v = NAMED[ref];
    return v === undefined || (!m.endsWith(';') && !/^(amp|lt|gt|quot|nbsp)$/.test(ref)) ? m : v;
  });
}

// C0/C1 controls (tabs and newlines become spaces first), zero-width and bidi controls, BOM.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/g;

/** Markup to folded plain text (no cap). */
export function htmlToText(html: string): string {
  let s = html;
  if (s.includes('<')) {
    s = s
      .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
      .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
      .replace(/<(script|style|noscript|iframe|template|svg|math)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
      // Block-level boundaries become spaces so words from adjacent paragraphs do not merge.
      .replace(/<\/?(p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|blockquote|section|article|figure|figcaption|hr)\b[^>]*>/gi, ' ')
      .replace(/<\/?[A-Za-z][^<>]*>/g, '');
  }
  s = decodeEntities(s);
  // Markup that was escaped twice ("History of the &amp;lt;blink&amp;gt; tag") is text the author meant
  // to show, and stays; an escaped comment never was meant to be read.
  if (s.includes('<!--')) s = s.replace(/<!--[\s\S]*?(-->|$)/g, ' ');
  // C1 controls in text are Windows-1252 punctuation that went through a Latin-1 step somewhere
  // (a UTF-8 feed built from cp1252 text): read them as such rather than dropping them.
  return c1AsWindows1252(s.replace(/[\t\n\r]/g, ' ')).replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

/** Caps at `max` characters, cutting at a word boundary when one is near, with an ellipsis. */
export function capText(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  // Chinese has no spaces: cut anywhere (but never inside a surrogate pair).
  let out = space > max * 0.7 ? cut.slice(0, space) : cut;
  if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  return `${out.trimEnd()}…`;
}
