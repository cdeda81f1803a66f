// A command is data: name, localised description, options, the permission it needs, and a handler that
// returns a neutral Reply. Discord's option JSON, the Slack manifest and /help are all derived from it.
import type { Localized } from './i18n.ts';
import type { AnyOption, OptionValues } from './options.ts';
import type { CommandContext } from './context.ts';
import type { Reply, Visibility } from './reply.ts';

export type Permission = 'everyone' | 'manage-channel';

export interface CommandDefinition<Os extends readonly AnyOption[]> {
  name: string;
  description: Localized;
  options: Os;
  permission: Permission;
  /** Whether the answer is for the channel or only the caller (handlers may still override per reply). */
  visibility: Visibility;
  /** May take more than a second or two (network, big queries): adapters defer first. */
  slow?: boolean;
  /** Extra usage examples for /help. */
  examples?: string[];
  handler: (ctx: CommandContext, options: OptionValues<Os>) => Reply | Promise<Reply>;
}

/** The erased form the dispatcher and adapters work with. */
export interface Command {
  name: string;
  description: Localized;
  options: readonly AnyOption[];
  permission: Permission;
  visibility: Visibility;
  slow: boolean;
  examples: string[];
  handler: (ctx: CommandContext, options: Record<string, unknown>) => Reply | Promise<Reply>;
}

export function defineCommand<const Os extends readonly AnyOption[]>(def: CommandDefinition<Os>): Command {
  return {
    ...def,
    slow: def.slow ?? false,
    examples: def.examples ?? [],
    handler: def.handler as Command['handler'],
  };
}

/** "/news [vendor] [query…] [topic:…] [days:N]": the usage line shown in help and in errors. */
export function usage(cmd: Command): string {
  const parts = cmd.options.map((o) => {
    const bare = o.kind === 'string' && o.choices ? o.choices.join('|') : o.name;
    const inner = o.positional === 'rest' ? `${o.name}…` : o.positional ? bare : `${o.name}:${placeholder(o)}`;
    return o.required ? `<${inner}>` : `[${inner}]`;
  });
  return [`/${cmd.name}`, ...parts].join(' ');
}

function placeholder(o: AnyOption): string {
  if (o.kind === 'string' && o.choices) return o.choices.join('|');
  if (o.kind === 'integer') return o.min !== undefined && o.max !== undefined ? `${o.min}-${o.max}` : 'N';
  if (o.kind === 'boolean') return 'yes|no';
  return o.example ?? o.name;
}
