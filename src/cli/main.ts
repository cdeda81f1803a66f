// `chipwatch <subcommand>`: one small file per subcommand, listed here. Each returns the exit code.
import { reportFailure, wantsDebug } from './failure.ts';

type Subcommand = (args: string[]) => Promise<number>;

const subcommands: Record<string, { load: () => Promise<Subcommand>; help: string }> = {
  start: { load: async () => (await import('./start.ts')).start, help: 'run everything configured (console, poller, scheduler, Discord, Slack)' },
  ask: { load: async () => (await import('./ask.ts')).ask, help: 'ask "<slash command>" [--channel ID] [--user ID] [--lang en|zh-CN|zh-TW|de] [--json]: run one command and print the answer' },
  console: { load: async () => (await import('./console.ts')).consoleCommand, help: 'the interactive prompt [--lang en|zh-CN|zh-TW|de]' },
  bench: { load: async () => (await import('./bench.ts')).bench, help: 'run the benchmarks' },
  eval: { load: async () => (await import('./eval.ts')).evalCommand, help: 'eval [extraction] [tagging] [--differences]: print accuracy figures (all, or those named)' },
  explain: { load: async () => (await import('./explain.ts')).explainCommand, help: 'explain <story id|url>: why a stored story has its vendor, chip and topic tags (phrase and place)' },
  ingest: { load: async () => (await import('./ingest.ts')).ingest, help: 'ingest --once | --file PATH [--lang en|zh|de] [--outlet NAME]: poll all feeds once, or ingest a feed file' },
  sources: { load: async () => (await import('./sources.ts')).sourcesCommand, help: 'sources [add --id ID --url URL --lang L | disable ID | enable ID]: feed health, or edit data/sources.json' },
  digest: { load: async () => (await import('./digest.ts')).digestCommand, help: 'digest --channel ID [--platform P] [--workspace ID] --preview: print a channel\'s next digest' },
  discord: { load: async () => (await import('./discord.ts')).discordCommand, help: 'discord register [--guild ID] [--dry-run]: install the slash commands (one bulk overwrite) and print what changed' },
  backup: { load: async () => (await import('./backup.ts')).backupCommand, help: 'backup PATH [--force]: copy the database while the bot runs (file mode 0600)' },
  slack: { load: async () => (await import('./slack.ts')).slack, help: 'slack manifest [--url https://host] [--socket] [--yaml]: print the Slack app manifest' },
  catalog: { load: async () => (await import('./catalog.ts')).catalogCommand, help: 'catalog audit [--json] [--today YYYY-MM-DD] | catalog suggestions [--days N]: source audit per record; news naming unknown models or status changes' },
  doctor: { load: async () => (await import('./doctor.ts')).doctor, help: 'check configuration, tokens, registered commands, database and feeds; exit 1 if anything fails' },
};

function usageText(): string {
  const w = Math.max(...Object.keys(subcommands).map((k) => k.length));
  return ['Usage: chipwatch <command> [options] [--debug]', '', ...Object.entries(subcommands).map(([k, v]) => `  ${k.padEnd(w)}  ${v.help}`)].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  // --debug is global: anywhere on the line, for any subcommand (which never sees it).
  const [name, ...rest] = argv.filter((a) => a !== '--debug');
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
    // The one error boundary: one line saying what to fix (the trace only with --debug). Asked now, not at
    // the start: LOG_LEVEL may come from .env, which the subcommand has loaded by then.
    return reportFailure(e, wantsDebug(argv));
  }
}
