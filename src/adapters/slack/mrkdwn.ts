// Makes untrusted plain text inert in Slack's markup. Every string in a Reply is plain text (feed titles
// included), so before it goes into a Slack text object:
//  - `&`, `<`, `>` become entities: Slack's control characters, so `<!channel>`, `<@U123>` and
//    `<https://x|label>` show as text and never ping or link.
//    https://docs.slack.dev/messaging/formatting-message-text#escaping
//  - `*`, `_`, `~`, `` ` `` (and their fullwidth forms) become look-alike characters. Slack has no
//    escape for these; zero-width spaces around them FORCE formatting instead of stopping it, so
//    replacing them is the reliable way (the mapping follows jsx-slack's <Escape>:
//    https://github.com/yhatt/jsx-slack/blob/main/docs/about-escape-and-exact-mode.md).
//  - a `>` at the start of a line would quote it: a soft hyphen in front stops that.
//  - "https://" is broken with a word joiner and "@channel"-style words likewise, as a second line of
//    defence behind `verbatim: true` (which already turns Slack's auto-linking and mention parsing off).
// Links are made only by `link()`, from an explicit URL that is validated here.

import { stripInvisible } from '../../core/invisible.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const LOOKALIKE: Record<string, string> = {
  '*': '\u2217', // ∗ asterisk operator
  '＊': '\uFE61', // ﹡ small asterisk
  _: '\u02CD', // ˍ modifier letter low macron
  '＿': '\u2E0F', // ⸏ paragraphos
  '`': '\u02CB', // ˋ modifier letter grave accent
  '｀': '\u02CB',
  '~': '\u223C', // ∼ tilde operator
  '～': '\u223C',
};
const WORD_JOINER = '\u2060';
const SOFT_HYPHEN = '\u00AD';

/** Only Slack's three control characters; for places with no formatting (code blocks, plain_text). */
export function escapeControl(s: string): string {
  return s.replace(/[&<>]/g, (c) => ENTITIES[c]!);
}

/** Removes control characters Slack would show as boxes (keeps newline and tab), and the bidi and
 *  zero-width marks that could reorder or hide text (core/invisible.ts). */
function stripControl(s: string): string {
  return stripInvisible(s.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, ''));
}

/** Breaks things a client might still turn live: URL schemes and @channel/@here/@everyone words. */
function defang(s: string): string {
  return s.replace(/:\/\//g, `:${WORD_JOINER}//`).replace(/@(channel|here|everyone)\b/gi, `@${WORD_JOINER}$1`);
}

/** Plain text → inert mrkdwn: shows exactly as written, formats nothing, pings no one, links nothing. */
export function mrkdwnText(s: string): string {
  const neutral = defang(stripControl(s)).replace(/[*＊_＿`｀~～]/g, (c) => LOOKALIKE[c]!);
  // A leading ">" (or "＞") quotes the line; a soft hyphen before it keeps it literal.
  return escapeControl(neutral).replace(/^(\s*)(&gt;|＞)/gm, `$1${SOFT_HYPHEN}$2`);
}

/** Plain text for a plain_text object (header, button label): no mrkdwn there, but Slack still decodes
 *  the three entities, so they are escaped; URLs and mention words are defanged all the same. */
export function plainText(s: string): string {
  return escapeControl(defang(stripControl(s)));
}

/**
 * For ``` code blocks, before escaping: no formatting applies there, but a backtick run could close the
 * block early. Kept unescaped so columns can be measured and padded; escape the finished lines with
 * escapeControl (an entity counts as one character on screen).
 */
export function codeRaw(s: string): string {
  return defang(stripControl(s)).replace(/[`｀]/g, '\u02CB');
}

/** codeRaw, escaped: ready to go inside a code block. */
export function codeText(s: string): string {
  return escapeControl(codeRaw(s));
}

/**
 * An http(s) URL fit for `<url|label>`: parsed with WHATWG URL, scheme checked, and `|`, `>`, `<` and
 * spaces percent-encoded so the URL cannot end the link early or smuggle a label. null if not usable.
 */
export function safeUrl(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (u.username || u.password) return null;
  const s = u.href.replace(/[|<> "]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return s.length <= 3000 ? s : null;
}

/** A link with an inert label; falls back to the label alone when the URL is not usable. */
export function link(url: string, label: string): string {
  const u = safeUrl(url);
  const l = mrkdwnText(label) || (u ?? '');
  return u ? `<${u}|${l}>` : l;
}

/** Cuts text to `max` characters (code points kept whole) with an ellipsis. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = s.slice(0, max - 1);
  // Do not leave half a surrogate pair or half an entity (&amp;) at the end.
  if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  out = out.replace(/&[a-z]{0,4}$/, '');
  return `${out}…`;
}
