// Application command JSON derived from the command definitions (commands/index.ts) — the one list of
// commands — and the bulk overwrite that installs it, printing what changed against what Discord has.
// https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  REST,
  Routes,
  type APIApplicationCommand,
  type APIApplicationCommandBasicOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Command } from '../../core/command.ts';
import type { Localized } from '../../core/i18n.ts';
import type { AnyOption } from '../../core/options.ts';
import { normaliseApiBase } from './client.ts';
import { discordApiFailure } from './api-failure.ts';
import { OperatorError } from '../../core/errors.ts';
import { COMMAND_DESCRIPTION_MAX, DISCORD_API_DEFAULT, OPTION_CHOICES_MAX } from './limits.ts';

export type CommandJson = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Discord's names for our locales: https://discord.com/developers/docs/reference#locales */
function localizations(l: Localized): { 'zh-CN': string; de: string } {
  return { 'zh-CN': checkedDescription(l['zh-CN']), de: checkedDescription(l.de) };
}

function checkedDescription(s: string): string {
  if (s.length < 1 || s.length > COMMAND_DESCRIPTION_MAX) throw new Error(`Discord descriptions must be 1–${COMMAND_DESCRIPTION_MAX} characters: "${s}"`);
  return s;
}

function optionJson(o: AnyOption): APIApplicationCommandBasicOption {
  const common = {
    name: o.name,
    description: checkedDescription(o.description.en),
    description_localizations: localizations(o.description),
    required: o.required,
  };
  switch (o.kind) {
    case 'string':
      if (o.choices) {
        if (o.choices.length > OPTION_CHOICES_MAX) throw new Error(`option ${o.name}: Discord allows ${OPTION_CHOICES_MAX} choices`);
        return { ...common, type: ApplicationCommandOptionType.String, choices: o.choices.map((c) => ({ name: o.choiceNames?.[c] ?? c, value: c })) };
      }
      return {
        ...common,
        type: ApplicationCommandOptionType.String,
        ...(o.minLength !== undefined ? { min_length: o.minLength } : {}),
        ...(o.maxLength !== undefined ? { max_length: o.maxLength } : {}),
        ...(o.autocomplete ? { autocomplete: true } : {}),
      };
    case 'integer':
      return {
        ...common,
        type: ApplicationCommandOptionType.Integer,
        ...(o.min !== undefined ? { min_value: o.min } : {}),
        ...(o.max !== undefined ? { max_value: o.max } : {}),
      };
    case 'boolean':
      return { ...common, type: ApplicationCommandOptionType.Boolean };
  }
}

/**
 * One command's JSON. Global commands say where they may be used: servers and the bot's DMs
 * (`contexts`, which replaces the deprecated `dm_permission`), installed to servers only. Guild commands
 * take neither field. Commands that change a channel are hidden by default from members without Manage
 * Channels (server admins can widen that in Server Settings → Integrations); the core checks again.
 */
export function commandJson(cmd: Command, scope: 'global' | 'guild'): CommandJson {
  if (!/^[-_\p{Ll}\p{N}]{1,32}$/u.test(cmd.name)) throw new Error(`"${cmd.name}" is not a valid Discord command name`);
  const firstOptional = cmd.options.findIndex((o) => !o.required);
  if (firstOptional >= 0 && cmd.options.slice(firstOptional).some((o) => o.required))
    throw new Error(`/${cmd.name}: Discord needs required options before optional ones`);
  return {
    type: ApplicationCommandType.ChatInput,
    name: cmd.name,
    description: checkedDescription(cmd.description.en),
    description_localizations: localizations(cmd.description),
    options: cmd.options.map(optionJson),
    default_member_permissions: cmd.permission === 'manage-channel' ? String(PermissionFlagsBits.ManageChannels) : null,
    ...(scope === 'global'
      ? { contexts: [InteractionContextType.Guild, InteractionContextType.BotDM], integration_types: [ApplicationIntegrationType.GuildInstall] }
      : {}),
  };
}

export function commandsJson(cmds: readonly Command[], scope: 'global' | 'guild'): CommandJson[] {
  return cmds.map((c) => commandJson(c, scope));
}

/** The fields we set, with Discord's defaults filled in, so what we send and what it returns compare. */
function comparable(c: CommandJson | APIApplicationCommand): Record<string, unknown> {
  const opt = (o: Record<string, unknown>) => ({
    type: o.type,
    name: o.name,
    description: o.description,
    description_localizations: o.description_localizations ?? null,
    required: o.required ?? false,
    choices: o.choices ?? null,
    min_length: o.min_length ?? null,
    max_length: o.max_length ?? null,
    min_value: o.min_value ?? null,
    max_value: o.max_value ?? null,
    autocomplete: o.autocomplete ?? false,
  });
  return {
    type: c.type ?? ApplicationCommandType.ChatInput,
    description: c.description,
    description_localizations: c.description_localizations ?? null,
    options: ((c.options ?? []) as unknown as Record<string, unknown>[]).map(opt),
    default_member_permissions: c.default_member_permissions ?? null,
    contexts: c.contexts ?? null,
    integration_types: c.integration_types ?? null,
  };
}

export interface CommandChange {
  name: string;
  change: 'added' | 'removed' | 'changed' | 'unchanged';
  /** For "changed": which top-level fields differ. */
  fields?: string[];
}

export function diffCommands(existing: readonly APIApplicationCommand[], wanted: readonly CommandJson[]): CommandChange[] {
  const out: CommandChange[] = [];
  for (const w of wanted) {
    const e = existing.find((x) => x.name === w.name);
    if (!e) {
      out.push({ name: w.name, change: 'added' });
      continue;
    }
    const a = comparable(e);
    const b = comparable(w);
    const fields = Object.keys(b).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
    out.push(fields.length ? { name: w.name, change: 'changed', fields } : { name: w.name, change: 'unchanged' });
  }
  for (const e of existing) if (!wanted.some((w) => w.name === e.name)) out.push({ name: e.name, change: 'removed' });
  return out;
}

export interface RegisterOptions {
  token: string;
  appId: string;
  apiBase?: string;
  /** Register to one server (instant; for testing) instead of globally. */
  guildId?: string;
  dryRun?: boolean;
  commands: readonly Command[];
}

export interface RegisterResult {
  changes: CommandChange[];
  /** Whether the bulk overwrite was sent (not on a dry run, nor when nothing changed). */
  sent: boolean;
}

/**
 * Reads the installed commands, diffs them against the definitions, and overwrites them in one PUT.
 * A refusal by Discord (bad token, wrong application id, rate limit, outage, no network) is thrown as one
 * OperatorError naming what to fix (api-failure.ts).
 */
export async function registerCommands(o: RegisterOptions): Promise<RegisterResult> {
  const api = normaliseApiBase(o.apiBase ?? DISCORD_API_DEFAULT);
  // A person is waiting at the terminal: a rate limit longer than a few seconds is reported, not sat out.
  const rest = new REST({ api, rejectOnRateLimit: (d) => d.retryAfter > 5000 }).setToken(o.token);
  const route = o.guildId ? Routes.applicationGuildCommands(o.appId, o.guildId) : Routes.applicationCommands(o.appId);
  const wanted = commandsJson(o.commands, o.guildId ? 'guild' : 'global');
  try {
    // Without with_localizations Discord leaves the localization maps out, and every command would look changed.
    const existing = (await rest.get(route, { query: new URLSearchParams({ with_localizations: 'true' }) })) as APIApplicationCommand[];
    // An HTML page or other non-JSON answer arrives as an ArrayBuffer: not Discord, whatever the status said.
    if (!Array.isArray(existing)) throw new OperatorError('DISCORD_API', `${api} did not answer as Discord's API does (no list of commands); check DISCORD_API_BASE`);
    const changes = diffCommands(existing, wanted);
    const needed = changes.some((c) => c.change !== 'unchanged');
    if (needed && !o.dryRun) await rest.put(route, { body: wanted });
    return { changes, sent: needed && !o.dryRun };
  } catch (e) {
    throw discordApiFailure(e, api);
  }
}

export function describeChanges(r: RegisterResult, o: { guildId?: string; dryRun?: boolean }): string {
  const where = o.guildId ? `server ${o.guildId}` : 'all servers (global; may take a few minutes to appear)';
  const mark = { added: '+', removed: '-', changed: '~', unchanged: '=' } as const;
  const lines = r.changes.map((c) => `  ${mark[c.change]} /${c.name} ${c.change}${c.fields ? ` (${c.fields.join(', ')})` : ''}`);
  const verdict = r.sent ? `Registered ${r.changes.filter((c) => c.change !== 'removed').length} commands for ${where}.` : r.changes.every((c) => c.change === 'unchanged') ? `Commands for ${where} are already up to date; nothing sent.` : `Dry run: nothing sent to ${where}.`;
  return [...lines, verdict].join('\n');
}
