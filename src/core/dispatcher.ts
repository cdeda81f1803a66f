// The one way into a command: find it, validate its options (typed or parsed from text), check the
// permission, run the handler. Every failure becomes a short reply here — a UserError as itself, anything
// else as an apology with a reference while the details go to the log. No stack trace reaches a user.
import { randomBytes } from 'node:crypto';
import type { App } from '../app.ts';
import type { Command } from './command.ts';
import { usage } from './command.ts';
import type { Caller, CapabilityProbe, CommandContext } from './context.ts';
import { UserError, isUserError, type CatalogText } from './errors.ts';
import { nearest } from './fuzzy.ts';
import { requireManageChannel } from './permission.ts';
import type { AnyOption } from './options.ts';
import { errorReply, type Reply } from './reply.ts';
import { pickLang, type Lang } from '../i18n/locale.ts';
import { t, type MessageValues } from '../i18n/t.ts';
import { parseArguments, splitCommandLine } from './text-parser.ts';
import { observeInteraction } from '../ops/observe.ts';

export type Invocation =
  /** A command line as typed: "/chip ascend 910c" (console, Slack text, button presses). */
  | { kind: 'text'; line: string }
  /** Options already typed by the platform (Discord): the command name and raw values by option name. */
  | { kind: 'typed'; name: string; options: Record<string, unknown> };

export function findCommand(app: App, name: string, lang: Lang = 'en'): Command {
  const key = name.replace(/^\//, '').toLowerCase();
  const cmd = app.commands.find((c) => c.name === key);
  if (cmd) return cmd;
  const near = nearest(key, app.commands, (c) => c.name, 2).map((c) => `/${c.name}`);
  const message: CatalogText = near.length
    ? { key: 'error.unknownCommandNear', values: { name: key, near: near.join(t(lang, 'error.or')) } }
    : { key: 'error.unknownCommand', values: { name: key } };
  throw new UserError('UNKNOWN_COMMAND', t('en', message.key, message.values), t('en', 'error.helpHint'), { message, hint: { key: 'error.helpHint' } });
}

/** Validates raw values against the command's option schemas; unknown names are refused. */
export function validateOptions(cmd: Command, raw: Record<string, unknown>, lang: Lang = 'en'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const hint = { key: 'error.usage', values: { usage: usage(cmd) } } as const;
  // English text for the log and English readers; the catalog keys for everyone else.
  const refuse = (code: 'UNKNOWN_OPTION' | 'MISSING_OPTION' | 'BAD_OPTION', message: CatalogText) =>
    new UserError(code, t('en', message.key, message.values), t('en', hint.key, hint.values), { message, hint });
  for (const name of Object.keys(raw)) {
    if (!cmd.options.some((o) => o.name === name)) throw refuse('UNKNOWN_OPTION', { key: 'error.unknownOption', values: { command: cmd.name, option: name } });
  }
  for (const o of cmd.options) {
    const v = raw[o.name];
    if (v === undefined || v === null || v === '') {
      if (o.required)
        throw refuse(
          'MISSING_OPTION',
          o.example ? { key: 'error.missingOptionExample', values: { command: cmd.name, option: o.name, example: o.example } } : { key: 'error.missingOption', values: { command: cmd.name, option: o.name } },
        );
      continue;
    }
    const r = o.schema.safeParse(v);
    if (!r.success) throw new UserError('BAD_OPTION', badValue(o, v, 'en'), t('en', hint.key, hint.values), { message: { key: 'error.badOption', values: badValues(o, v, lang) }, hint });
    out[o.name] = r.data;
  }
  return out;
}

function badValues(o: AnyOption, v: unknown, lang: Lang): MessageValues {
  const shown = String(v).length > 40 ? `${String(v).slice(0, 40)}…` : String(v);
  return { option: o.name, expected: expectedIn(lang, o), value: shown };
}

function badValue(o: AnyOption, v: unknown, lang: Lang): string {
  return t(lang, 'error.badOption', badValues(o, v, lang));
}

/** What a value of this option looks like ("a whole number from 1 to 30"), in the reader's language. */
function expectedIn(lang: Lang, o: AnyOption): string {
  switch (o.kind) {
    case 'string':
      return o.choices ? t(lang, 'expected.choices', { choices: o.choices.join(', ') }) : t(lang, 'expected.text', { min: String(o.minLength ?? 1), max: String(o.maxLength ?? 200) });
    case 'integer':
      if (o.min !== undefined && o.max !== undefined) return t(lang, 'expected.range', { min: String(o.min), max: String(o.max) });
      if (o.min !== undefined) return t(lang, 'expected.atLeast', { min: String(o.min) });
      return t(lang, 'expected.integer');
    case 'boolean':
      return t(lang, 'expected.boolean');
  }
}

/** A refusal in the reader's language: the catalog text where the error carries it, else as thrown. */
function refusalText(e: UserError, lang: Lang): string {
  const message = lang !== 'en' && e.localized ? t(lang, e.localized.message.key, e.localized.message.values) : e.message;
  const hint = lang !== 'en' && e.localized?.hint ? t(lang, e.localized.hint.key, e.localized.hint.values) : e.hint;
  return hint ? `${message}\n${hint}` : message;
}

export async function dispatch(app: App, caller: Caller, capabilities: CapabilityProbe, input: Invocation): Promise<Reply> {
  // Counted for /metrics (src/ops): outcome and time of every interaction, whatever the platform.
  const started = performance.now();
  const reply = await dispatchUncounted(app, caller, capabilities, input);
  observeInteraction(app, caller.platform, input, reply, (performance.now() - started) / 1000);
  return reply;
}

async function dispatchUncounted(app: App, caller: Caller, capabilities: CapabilityProbe, input: Invocation): Promise<Reply> {
  let commandName = input.kind === 'typed' ? input.name : '?';
  // The caller's language, then the server's, then English (the channel's setting: issue 14, step 4).
  const lang = pickLang(caller.locale, caller.guildLocale);
  try {
    let cmd: Command;
    let raw: Record<string, unknown>;
    if (input.kind === 'text') {
      const { name, args } = splitCommandLine(input.line);
      commandName = name;
      cmd = findCommand(app, name, lang);
      raw = parseArguments(cmd, args);
    } else {
      cmd = findCommand(app, input.name, lang);
      raw = input.options;
    }
    const options = validateOptions(cmd, raw, lang);
    const ctx: CommandContext = { ...caller, app, capabilities, lang };
    if (cmd.permission === 'manage-channel') await requireManageChannel(capabilities, `use /${cmd.name}`, { lang, key: 'error.forbiddenUse', values: { command: cmd.name } });
    const answer = await cmd.handler(ctx, options);
    // English replies stay exactly as they were (no lang field): renderers default to English.
    return lang === 'en' || answer.lang ? answer : { ...answer, lang };
  } catch (e) {
    if (isUserError(e)) return errorReply(e.code, refusalText(e, lang));
    const ref = randomBytes(3).toString('hex');
    app.log.error({ err: e, code: 'COMMAND_FAILED', command: commandName, ref, platform: caller.platform }, 'command failed');
    return errorReply('INTERNAL', t(lang, 'error.internal', { ref }));
  }
}
