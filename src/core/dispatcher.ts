// The one way into a command: find it, validate its options (typed or parsed from text), check the
// permission, run the handler. Every failure becomes a short reply here — a UserError as itself, anything
// else as an apology with a reference while the details go to the log. No stack trace reaches a user.
import { randomBytes } from 'node:crypto';
import type { App } from '../app.ts';
import type { Command } from './command.ts';
import { usage } from './command.ts';
import type { Caller, CapabilityProbe, CommandContext } from './context.ts';
import { UserError, isUserError } from './errors.ts';
import { nearest } from './fuzzy.ts';
import { requireManageChannel } from './permission.ts';
import { describeExpected, type AnyOption } from './options.ts';
import { errorReply, type Reply } from './reply.ts';
import { parseArguments, splitCommandLine } from './text-parser.ts';
import { observeInteraction } from '../ops/observe.ts';

export type Invocation =
  /** A command line as typed: "/chip ascend 910c" (console, Slack text, button presses). */
  | { kind: 'text'; line: string }
  /** Options already typed by the platform (Discord): the command name and raw values by option name. */
  | { kind: 'typed'; name: string; options: Record<string, unknown> };

export function findCommand(app: App, name: string): Command {
  const key = name.replace(/^\//, '').toLowerCase();
  const cmd = app.commands.find((c) => c.name === key);
  if (cmd) return cmd;
  const near = nearest(key, app.commands, (c) => c.name, 2).map((c) => `/${c.name}`);
  throw new UserError(
    'UNKNOWN_COMMAND',
    `There is no /${key} command.${near.length ? ` Did you mean ${near.join(' or ')}?` : ''}`,
    'Type /help for the list of commands.',
  );
}

/** Validates raw values against the command's option schemas; unknown names are refused. */
export function validateOptions(cmd: Command, raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const hint = `Usage: ${usage(cmd)}`;
  for (const name of Object.keys(raw)) {
    if (!cmd.options.some((o) => o.name === name)) throw new UserError('UNKNOWN_OPTION', `/${cmd.name} has no option "${name}".`, hint);
  }
  for (const o of cmd.options) {
    const v = raw[o.name];
    if (v === undefined || v === null || v === '') {
      if (o.required) throw new UserError('MISSING_OPTION', `/${cmd.name} needs ${o.name}${o.example ? ` (e.g. ${o.example})` : ''}.`, hint);
      continue;
    }
    const r = o.schema.safeParse(v);
    if (!r.success) throw new UserError('BAD_OPTION', badValue(o, v), hint);
    out[o.name] = r.data;
  }
  return out;
}

function badValue(o: AnyOption, v: unknown): string {
  const shown = String(v).length > 40 ? `${String(v).slice(0, 40)}…` : String(v);
  return `Option "${o.name}" must be ${describeExpected(o)}; "${shown}" is not.`;
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
  try {
    let cmd: Command;
    let raw: Record<string, unknown>;
    if (input.kind === 'text') {
      const { name, args } = splitCommandLine(input.line);
      commandName = name;
      cmd = findCommand(app, name);
      raw = parseArguments(cmd, args);
    } else {
      cmd = findCommand(app, input.name);
      raw = input.options;
    }
    const options = validateOptions(cmd, raw);
    const ctx: CommandContext = { ...caller, app, capabilities };
    if (cmd.permission === 'manage-channel') await requireManageChannel(capabilities, `use /${cmd.name}`);
    return await cmd.handler(ctx, options);
  } catch (e) {
    if (isUserError(e)) return errorReply(e.code, e.hint ? `${e.message}\n${e.hint}` : e.message);
    const ref = randomBytes(3).toString('hex');
    app.log.error({ err: e, code: 'COMMAND_FAILED', command: commandName, ref, platform: caller.platform }, 'command failed');
    return errorReply('INTERNAL', `Sorry, something went wrong on our side (ref ${ref}). Please try again later.`);
  }
}
