// Turns typed text ("/compare ascend-910c h20", "/subscribe huawei mode:digest", Slack's command text)
// into the same raw options object a Discord interaction carries; the dispatcher then validates both the
// same way. Grammar: words, quoted phrases ("double", 'single', “curly”, „German“, «French», 「CJK」 …:
// QUOTES below), and name:value (the value may be quoted). Bare words fill positional options in
// declaration order; a 'rest' option takes the rest. quoteValue() is the inverse for one value: buttons
// carry command lines built with it, so whatever a person typed runs again exactly as typed.
import type { Command } from './command.ts';
import { usage } from './command.ts';
import { UserError, type CatalogText } from './errors.ts';
import { t as msg } from '../i18n/t.ts';

/** A refusal in English with its catalog key beside it, so the dispatcher can show it in the reader's language. */
function refusal(code: ConstructorParameters<typeof UserError>[0], message: CatalogText, hint?: CatalogText): UserError {
  return new UserError(code, msg('en', message.key, message.values), hint ? msg('en', hint.key, hint.values) : undefined, { message, ...(hint ? { hint } : {}) });
}
import { nearest } from './fuzzy.ts';

export interface Token {
  text: string;
  /** Set for name:value tokens. */
  name?: string;
  quoted: boolean;
}

/**
 * Opening quote mark → the marks that close it. Typed on phones and in other languages' conventions:
 * English “…” ‘…’, German „…“ (and Polish/Hungarian „…”), French «…» and ‹…›, Danish »…«, Swedish and
 * Finnish ”…” and »…», CJK 「…」 and 『…』.
 */
export const QUOTES: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  '“': '”',
  '‘': '’',
  '„': '“”',
  '”': '”',
  '«': '»',
  '»': '«»',
  '‹': '›',
  '「': '」',
  '『': '』',
};
const MAX_INPUT = 2000;

export function tokenize(input: string): Token[] {
  if (input.length > MAX_INPUT) throw refusal('BAD_OPTION', { key: 'parse.tooLong', values: { max: String(MAX_INPUT) } });
  const tokens: Token[] = [];
  let i = 0;
  const s = input;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (i >= s.length) break;
    let name: string | undefined;
    const m = /^([a-zA-Z][a-zA-Z0-9_-]*)[:=](?!\/\/)/.exec(s.slice(i)); // NAME_PREFIX, capturing
    if (m) {
      name = m[1]!.toLowerCase();
      i += m[0].length;
    }
    const open = s[i];
    if (open !== undefined && QUOTES[open] !== undefined) {
      const closers = QUOTES[open]!;
      let end = i + 1;
      while (end < s.length && !closers.includes(s[end]!)) end++;
      if (end >= s.length) throw refusal('BAD_OPTION', { key: 'parse.openQuote', values: { quote: open } });
      tokens.push({ text: s.slice(i + 1, end), quoted: true, ...(name ? { name } : {}) });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < s.length && !/\s/.test(s[j]!)) j++;
    const text = s.slice(i, j);
    if (name !== undefined && text === '') throw refusal('MISSING_OPTION', { key: 'parse.noValue', values: { name } });
    tokens.push({ text, quoted: false, ...(name ? { name } : {}) });
    i = j;
  }
  return tokens;
}

const NAME_PREFIX = /^[a-zA-Z][a-zA-Z0-9_-]*[:=](?!\/\/)/;

/**
 * `value` written so that tokenize() reads it back as exactly one token with exactly this text (after
 * `name:` or on its own): bare when it can be, else inside the first quote pair whose closing marks it
 * does not contain. Only a value containing a closing mark of every pair has no exact form; its quote
 * marks become spaces (no button is built from such text in practice, and it still runs).
 */
export function quoteValue(value: string): string {
  // "//…" after name: would read as a URL ("query://x" is one bare word, not query + "//x").
  const needsQuotes = value === '' || /\s/.test(value) || QUOTES[value[0]!] !== undefined || NAME_PREFIX.test(value) || value.startsWith('//');
  if (!needsQuotes) return value;
  for (const [open, closers] of Object.entries(QUOTES)) {
    if (![...closers].some((c) => value.includes(c))) return `${open}${value}${closers[0]}`;
  }
  const allClosers = new Set(Object.values(QUOTES).join(''));
  return quoteValue([...value].map((c) => (allClosers.has(c) ? ' ' : c)).join('').replace(/\s+/g, ' ').trim());
}

/** Splits "/chip ascend 910c" into the command name and the rest. */
export function splitCommandLine(line: string): { name: string; args: string } {
  const m = /^\s*\/?(\S+)\s*([\s\S]*)$/.exec(line);
  if (!m) throw refusal('UNKNOWN_COMMAND', { key: 'parse.noCommand' });
  return { name: m[1]!.toLowerCase(), args: m[2]! };
}

/** Raw (unvalidated) options for `cmd` from its argument text. */
export function parseArguments(cmd: Command, args: string): Record<string, unknown> {
  const tokens = tokenize(args);
  const out: Record<string, unknown> = {};
  const positional = cmd.options.filter((o) => o.positional);
  const fail = (code: ConstructorParameters<typeof UserError>[0], message: CatalogText) => refusal(code, message, { key: 'error.usage', values: { usage: usage(cmd) } });
  const bare: Token[] = [];
  for (const t of tokens) {
    if (t.name === undefined) {
      bare.push(t);
      continue;
    }
    const opt = cmd.options.find((o) => o.name === t.name);
    if (!opt) {
      const near = nearest(t.name, cmd.options, (o) => o.name, 1)[0];
      throw fail('UNKNOWN_OPTION', near ? { key: 'parse.unknownOptionNear', values: { command: cmd.name, option: t.name, near: near.name } } : { key: 'error.unknownOption', values: { command: cmd.name, option: t.name } });
    }
    if (out[opt.name] !== undefined) throw fail('BAD_OPTION', { key: 'parse.twice', values: { option: opt.name } });
    out[opt.name] = t.text;
  }
  // Bare words go to the positional options not already named, in declaration order.
  const open = positional.filter((o) => out[o.name] === undefined);
  let k = 0;
  for (const o of open) {
    if (k >= bare.length) break;
    if (o.positional === 'rest') {
      out[o.name] = bare
        .slice(k)
        .map((t) => t.text)
        .join(' ');
      k = bare.length;
    } else {
      out[o.name] = bare[k]!.text;
      k++;
    }
  }
  if (k < bare.length) {
    const extra = bare
      .slice(k)
      .map((t) => (t.quoted ? `"${t.text}"` : t.text))
      .join(' ');
    throw fail('TOO_MANY_ARGUMENTS', { key: 'parse.tooMany', values: { command: cmd.name, extra } });
  }
  return out;
}
