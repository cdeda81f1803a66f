// `chipwatch <subcommand>`: one small file per subcommand, listed here. Each returns the exit code.
import { ConfigError } from '../config.ts';
import { CatalogError } from '../catalog/load.ts';

type Subcommand = (args: string[]) => Promise<number>;

const subcommands: Record<string, { load: () => Promise<Subcommand>; help: string }> = {
  start: { load: async () => (await import('./start.ts')).start, help: 'run everything configured (console, poller, scheduler, Discord, Slack)' },
  ask: { load: async () => (await import('./ask.ts')).ask, help: 'ask "<slash command>" [--channel ID] [--user ID] [--json]: run one command and print the answer' },
  console: { load: async () => (await import('./console.ts')).consoleCommand, help: 'the interactive prompt' },
  bench: { load: async () => (await import('./bench.ts')).bench, help: 'run the benchmarks' },
  ingest: { load: async () => (await import('./ingest.ts')).ingest, help: 'ingest --once | --file PATH [--lang en|zh|de] [--outlet NAME]: poll all feeds once, or ingest a feed file' },
  sources: { load: async () => (await import('./sources.ts')).sourcesCommand, help: 'sources [add --id ID --url URL --lang L | disable ID | enable ID]: feed health, or edit data/sources.json' },
  digest: { load: async () => (await import('./digest.ts')).digestCommand, help: 'digest --channel ID [--platform P] [--workspace ID] --preview: print a channel\'s next digest' },
  discord: { load: async () => (await import('./discord.ts')).discordCommand, help: 'discord register [--guild ID] [--dry-run]: install the slash commands (one bulk overwrite) and print what changed' },
  slack: { load: async () => (await import('./slack.ts')).slack, help: 'slack manifest [--url https://host] [--socket] [--yaml]: print the Slack app manifest' },
};

function usageText(): string {
  const w = Math.max(...Object.keys(subcommands).map((k) => k.length));
  return ['Usage: chipwatch <command> [options]', '', ...Object.entries(subcommands).map(([k, v]) => `  ${k.padEnd(w)}  ${v.help}`)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    console.log(usageText());
    return name ? 0 : 2;
  }
  const sub = subcommands[name];
  if (!sub) {
    console.error(`chipwatch: unknown command "${name}".\n\n${usageText()}`);
    return 2;
  }
  try {
    return await (await sub.load())(rest);
  } catch (e) {
    // Expected start-up problems get their message only; anything else is a bug worth a trace.
    if (e instanceof ConfigError || e instanceof CatalogError || (e as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`chipwatch: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  }
}
