// Makes plain text safe to show in Discord markdown: everything in a Reply is plain text and much of it
// comes from feeds, so nothing in it may format, ping or link. Links are only ever built here, from an
// explicit url field, in one controlled form.
//
// Discord's markdown escape rule (simple-markdown) treats "\" before any ASCII punctuation as a literal,
// so backslash-escaping renders the character unchanged. Mentions and bare URLs are broken with a
// zero-width space instead, which also survives places where backslashes would show (e.g. code blocks).
import { stripInvisible } from '../../core/invisible.ts';

const ZWSP = '\u200b';

/** C0/C1 controls (except newline); bidi and zero-width marks go through core/invisible.ts. */
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
/** Inline markdown anywhere in a line: emphasis, code, spoilers, strike, quotes, masked links. */
const INLINE = /[\\*_~`|\[\]()>]/g;
/** Block markdown at a line start: headings, subtext, lists, numbered lists. */
const LINE_START = /^([ \t]*)(#|-|\+|(\d+)\.)/gm;

export function stripControls(s: string): string {
  return stripInvisible(s.replace(CONTROLS, ''));
}

/** Mentions and bare links, which work even where markdown is escaped. */
function neutralise(s: string): string {
  return (
    s
      // <@user>, <@&role>, <#channel>, </cmd:id>, <t:…>, <:emoji:id>, <https://…>
      .replace(/</g, `<${ZWSP}`)
      .replace(/@(everyone|here)/gi, `@${ZWSP}$1`)
      // Bare URLs are auto-linked by the client; "https:​//" (with a zero-width space) is not a URL.
      .replace(/:\/\//g, `:${ZWSP}//`)
  );
}

/** Plain text → Discord markdown that shows exactly that text: no formatting, no pings, no links. */
export function escapeText(s: string): string {
  const escaped = stripControls(s)
    .replace(INLINE, (c) => `\\${c}`)
    .replace(LINE_START, (_m, indent: string, mark: string, digits?: string) => (digits ? `${indent}${digits}\\.` : `${indent}\\${mark}`));
  return neutralise(escaped);
}

/** For one-line places (titles, field names): newlines become spaces. */
export function escapeLine(s: string): string {
  return escapeText(s.replace(/\s*\n\s*/g, ' '));
}

/**
 * For text Discord shows verbatim (footers, button labels): markdown, mentions and links are not rendered
 * there, so no backslashes (they would show); mentions and URLs are still broken, invisibly, so the text
 * stays inert wherever a client might copy or quote it.
 */
export function plainLine(s: string): string {
  return neutralise(stripControls(s).replace(/\s*\n\s*/g, ' '));
}

/** Text inside a ``` code block: markdown is not rendered there, only a backtick could break out. */
export function codeText(s: string): string {
  return stripControls(s).replace(/\n/g, ' ').replace(/`/g, 'ˋ');
}

/**
 * An http(s) URL in a form that cannot break out of `[text](url)`: parsed and re-serialised, with the
 * characters markdown cares about percent-encoded. Anything else (javascript:, garbage) gives undefined.
 */
export function safeUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  if (u.username || u.password) return undefined;
  const href = u.href.replace(/[()<>\s*_~`|\[\]\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return href.length <= 2048 ? href : undefined;
}

/** `[title](url)` with the title escaped; just the escaped title when the url is not usable. */
export function maskedLink(title: string, url: string | undefined): string {
  const t = escapeLine(title) || 'link';
  const u = safeUrl(url);
  return u ? `[${t}](${u})` : t;
}

/**
 * Cuts already-escaped text to `max` UTF-16 units (Discord counts at least that many), ending with
 * `suffix`. Never leaves half a surrogate pair or a dangling escape backslash.
 */
export function clip(s: string, max: number, suffix = '…'): string {
  if (s.length <= max) return s;
  let cut = Math.max(0, max - suffix.length);
  const code = s.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  let out = s.slice(0, cut);
  const trailing = /\\+$/.exec(out)?.[0].length ?? 0;
  if (trailing % 2 === 1) out = out.slice(0, -1);
  return out + suffix;
}
