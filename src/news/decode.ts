// Turns a feed's bytes into text. No feed parser decodes legacy charsets from bytes it is handed
// (../shared/notes/feeds-and-parsers.md §3), so this happens here, in this order:
//   1. a byte-order mark (UTF-8, UTF-16, UTF-32), or the 16/32-bit pattern of "<?" (XML spec, appendix F);
//   2. the HTTP Content-Type charset;
//   3. the XML declaration's encoding (gb2312/gbk read as their superset gb18030);
//   4. bytes that are valid UTF-8 win over a declared legacy charset (servers and prologs lie);
//   5. otherwise UTF-8 — unless the bytes are not UTF-8 and the source's language hints at a legacy
//      charset (Chinese → GB18030, else Windows-1252), which is how undeclared GB2312 feeds get read.
// Node's full ICU supplies GB18030, GBK, Big5, Shift_JIS, EUC-*, KOI8-R and Windows-125x; it lacks
// UTF-32, which is decoded by hand below.
import { isUtf8 } from 'node:buffer';
import type { Lang } from './schema.ts';

export type CharsetSource = 'bom' | 'pattern' | 'http' | 'xml' | 'utf8' | 'hint' | 'default';

export interface Decoded {
  text: string;
  /** The WHATWG encoding name used ("utf-8", "gb18030", "utf-32be", …). */
  encoding: string;
  /** What decided it. */
  from: CharsetSource;
  /** Set when a declaration was ignored or unsupported: worth recording, not an error. */
  note?: string;
}

/** Labels that mean a narrower Chinese set; GB18030 decodes all of them correctly. */
const GB_ALIASES = new Set(['gb2312', 'gbk', 'x-gbk', 'cp936', 'ms936', 'windows-936', 'csgb2312', 'euc-cn', 'gb_2312-80', 'chinese', 'iso-ir-58']);

/** The charset parameter of a Content-Type header ("text/xml; charset='gb2312'" → "gb2312"). */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '');
  return m ? m[1]!.toLowerCase() : null;
}

/** The encoding="…" of the XML declaration, read from the first bytes as ASCII. */
export function charsetFromXmlDeclaration(head: Buffer): string | null {
  const s = head.subarray(0, 1024).toString('latin1');
  const m = /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(s);
  return m ? m[1]!.toLowerCase() : null;
}

/** A label TextDecoder accepts (with our GB mapping), or null when this Node cannot decode it. */
function supported(label: string): string | null {
  const l = GB_ALIASES.has(label) ? 'gb18030' : label;
  if (/^utf-?32(le|be)?$/.test(l)) return l.replace('utf32', 'utf-32');
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return null;
  }
}

function isUnicodeFamily(encoding: string): boolean {
  return encoding.startsWith('utf-');
}

function bomOf(b: Buffer): { encoding: string; length: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { encoding: 'utf-32le', length: 4 };
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}

/** "<?" (or "<" then "?" after leading whitespace is too rare to matter) in UTF-16/32 without a BOM. */
function patternOf(b: Buffer): string | null {
  const h = b.subarray(0, 4).toString('hex');
  if (h === '3c000000') return 'utf-32le';
  if (h === '0000003c') return 'utf-32be';
  if (h === '3c003f00' || (b[0] !== 0 && b[1] === 0 && b[2] !== 0 && b[3] === 0 && b.length % 2 === 0 && b[0]! < 0x80 && b[2]! < 0x80)) return 'utf-16le';
  if (h === '003c003f' || (b[0] === 0 && b[1] !== 0 && b[2] === 0 && b[3] !== 0 && b.length % 2 === 0 && b[1]! < 0x80 && b[3]! < 0x80)) return 'utf-16be';
  return null;
}

function decodeUtf32(b: Buffer, littleEndian: boolean): string {
  const parts: string[] = [];
  const codes: number[] = [];
  for (let i = 0; i + 3 < b.length; i += 4) {
    const cp = littleEndian ? b.readUInt32LE(i) : b.readUInt32BE(i);
    codes.push(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? cp : 0xfffd);
    if (codes.length === 8192) parts.push(String.fromCodePoint(...codes.splice(0)));
  }
  parts.push(String.fromCodePoint(...codes));
  return parts.join('');
}

/**
 * Windows-1252's printable characters at 0x80–0x9F (WHATWG's index), which Node 20's TextDecoder
 * ('windows-1252', and so 'iso-8859-1' and 'latin1', its WHATWG aliases) returns as C1 control codes
 * U+0080–U+009F instead: curly quotes, dashes and € would then be dropped as invisible.
 */
const CP1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** Maps C1 control characters to the Windows-1252 characters they almost always stand for. */
export function c1AsWindows1252(s: string): string {
  return s.replace(/[\u0080-\u009F]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]!);
}

function decodeAs(b: Buffer, encoding: string): string {
  if (encoding === 'utf-32le' || encoding === 'utf-32') return decodeUtf32(b, true);
  if (encoding === 'utf-32be') return decodeUtf32(b, false);
  if (encoding === 'windows-1252') return c1AsWindows1252(b.toString('latin1'));
  // Not fatal: a stray bad byte becomes U+FFFD instead of losing the whole feed.
  return new TextDecoder(encoding, { ignoreBOM: true }).decode(b);
}

function tryStrict(b: Buffer, encoding: string): string | null {
  // Every byte is defined in Windows-1252 as WHATWG reads it (the five holes map to C1 codes).
  if (encoding === 'windows-1252') return decodeAs(b, encoding);
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(b);
  } catch {
    return null;
  }
}

export interface DecodeHints {
  /** The Content-Type header, if the bytes came over HTTP. */
  contentType?: string | null;
  /** The source's language: picks the legacy charset for undeclared, non-UTF-8 bytes. */
  lang?: Lang;
}

export function decodeFeedBytes(bytes: Buffer, hints: DecodeHints = {}): Decoded {
  const bom = bomOf(bytes);
  if (bom) return { text: decodeAs(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding, from: 'bom' };
  const pattern = patternOf(bytes);
  if (pattern) return { text: decodeAs(bytes, pattern), encoding: pattern, from: 'pattern' };

  const utf8 = isUtf8(bytes);
  const notes: string[] = [];
  const declared: Array<[CharsetSource, string | null]> = [
    ['http', charsetFromContentType(hints.contentType)],
    ['xml', charsetFromXmlDeclaration(bytes)],
  ];
  for (const [from, label] of declared) {
    if (!label) continue;
    const enc = supported(label);
    if (!enc) {
      notes.push(`unsupported ${from} charset "${label}"`);
      continue;
    }
    if (enc === 'utf-8') {
      if (utf8) return { text: decodeAs(bytes, 'utf-8'), encoding: 'utf-8', from, ...note(notes) };
      // Declared UTF-8 but it is not: a later declaration (or the language hint) may know better.
      notes.push(`declared ${from} charset utf-8 but bytes are not valid UTF-8`);
      continue;
    }
    // A UTF-16/32 declaration with no BOM and no 16-bit pattern is false (the bytes are 8-bit);
    // a legacy declaration over valid, non-ASCII UTF-8 is almost always a stale prolog.
    if (utf8 && (isUnicodeFamily(enc) || hasNonAscii(bytes))) {
      notes.push(`declared ${from} charset ${label} ignored: bytes are valid UTF-8`);
      return { text: decodeAs(bytes, 'utf-8'), encoding: 'utf-8', from: 'utf8', ...note(notes) };
    }
    if (isUnicodeFamily(enc)) {
      notes.push(`declared ${from} charset ${label} ignored: no BOM and no 16/32-bit pattern`);
      continue;
    }
    return { text: decodeAs(bytes, enc), encoding: enc, from, ...note(notes) };
  }
  if (utf8) return { text: decodeAs(bytes, 'utf-8'), encoding: 'utf-8', from: 'default', ...note(notes) };
  if (hints.lang) {
    const guess = hints.lang === 'zh' ? ['gb18030', 'big5'] : ['windows-1252'];
    for (const enc of guess) {
      const text = tryStrict(bytes, enc);
      if (text !== null) return { text, encoding: enc, from: 'hint', ...note([...notes, `no charset declared; read as ${enc} from the source language`]) };
    }
  }
  notes.push('no charset declared and bytes are not valid UTF-8; invalid bytes replaced');
  return { text: decodeAs(bytes, 'utf-8'), encoding: 'utf-8', from: 'default', ...note(notes) };
}

function hasNonAscii(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) return true;
  return false;
}

function note(notes: string[]): { note?: string } {
  return notes.length ? { note: notes.join('; ') } : {};
}
