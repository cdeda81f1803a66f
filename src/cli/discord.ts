// `chipwatch discord register [--guild ID] [--dry-run]`: installs the slash commands derived from
// commands/index.ts with one bulk overwrite (global, or one server for instant testing) and prints what
// changed against what Discord has. Needs DISCORD_TOKEN and DISCORD_APP_ID; no gateway connection.
import { parseArgs } from 'node:util';
import { commands } from '../../commands/index.ts';
import { ConfigError, loadConfig, loadDotEnv } from '../config.ts';
import { describeChanges, registerCommands } from '../adapters/discord/register.ts';

const USAGE = 'Usage: chipwatch discord register [--guild ID] [--dry-run]';

export async function discordCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { guild: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } } });
  if (positionals[0] !== 'register' || positionals.length > 1) {
    console.error(USAGE);
    return 2;
  }
  if (values.guild !== undefined && !/^\d{17,20}$/.test(values.guild)) {
    console.error(`--guild must be a server id (Developer Mode on, right-click the server → Copy Server ID), not "${values.guild}".\n${USAGE}`);
    return 2;
  }
  loadDotEnv();
  const config = loadConfig();
  if (!config.DISCORD_TOKEN || !config.DISCORD_APP_ID)
    throw new ConfigError('DISCORD_TOKEN and DISCORD_APP_ID must be set to register commands (Developer Portal → your application: Bot → Token, General Information → Application ID).');
  const o = { ...(values.guild ? { guildId: values.guild } : {}), dryRun: values['dry-run'] };
  const r = await registerCommands({ token: config.DISCORD_TOKEN, appId: config.DISCORD_APP_ID, ...(config.DISCORD_API_BASE ? { apiBase: config.DISCORD_API_BASE } : {}), commands, ...o });
  console.log(describeChanges(r, o));
  return 0;
}
