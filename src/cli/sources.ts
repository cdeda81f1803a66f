// `chipwatch sources`: each feed's health (last success, failures, last error, next poll);
// `chipwatch sources add --id ID --url URL --lang en|zh|de [--name NAME]` and `sources disable|enable ID`
// edit data/sources.json safely (validated, atomic). A running bot picks edits up on its next start.
import { parseArgs } from 'node:util';
import { boot } from './boot.ts';
import { addSource, setSourceEnabled } from '../news/sources-edit.ts';
import { allSourceRows, loadSourcesFile, SOURCES_FILE, SourcesError, syncSources, type SourceRow } from '../news/sources.ts';

const USAGE = `Usage:
  chipwatch sources [--json]                         each source's health
  chipwatch sources add --id ID --url FEED_URL --lang en|zh|de [--name NAME] [--homepage URL]
                        [--kind official|trade|general] [--poll MINUTES] [--weight 0.1-1]
  chipwatch sources disable ID | enable ID
Options: --sources PATH  another sources file (default data/sources.json)`;

function ago(ms: number | null, now: number): string {
  if (ms === null) return 'never';
  const d = Math.round((now - ms) / 60_000);
  if (d < 0) return `in ${fmtMinutes(-d)}`;
  return d === 0 ? 'just now' : `${fmtMinutes(d)} ago`;
}

function fmtMinutes(m: number): string {
  if (m < 60) return `${m} min`;
  if (m < 48 * 60) return `${Math.round(m / 60)} h`;
  return `${Math.round(m / 1440)} d`;
}

function status(r: SourceRow): string {
  if (!r.enabled) return 'disabled';
  if (r.consecutive_failures > 0) return `failing ×${r.consecutive_failures}`;
  return r.last_success_at === null ? 'not polled' : 'ok';
}

export function healthTable(rows: SourceRow[], now: number): string {
  const head = ['SOURCE', 'LANG', 'STATUS', 'LAST SUCCESS', 'NEXT POLL', 'ITEMS', 'LAST ERROR'];
  const body = rows.map((r) => [
    r.id,
    r.lang,
    status(r),
    ago(r.last_success_at, now),
    r.enabled ? (r.next_poll_at <= now ? 'due' : ago(r.next_poll_at, now)) : '-',
    String(r.items_seen),
    r.last_error ? `${r.last_error.slice(0, 60)}${r.last_error_at ? ` (${ago(r.last_error_at, now)})` : ''}` : '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const enabled = rows.filter((r) => r.enabled).length;
  const failing = rows.filter((r) => r.enabled && r.consecutive_failures > 0).length;
  return [line(head), ...body.map(line), '', `${rows.length} sources, ${enabled} enabled, ${failing} failing.`].join('\n');
}

export async function sourcesCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      sources: { type: 'string' },
      id: { type: 'string' },
      url: { type: 'string' },
      lang: { type: 'string' },
      name: { type: 'string' },
      homepage: { type: 'string' },
      kind: { type: 'string' },
      poll: { type: 'string' },
      weight: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const file = values.sources ?? SOURCES_FILE;
  const [action, arg] = positionals;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  try {
    if (action === 'add') {
      if (!values.id || !values.url || !values.lang) {
        console.error(`chipwatch sources add needs --id, --url and --lang.\n\n${USAGE}`);
        return 2;
      }
      const s = addSource(file, {
        id: values.id,
        feedUrl: values.url,
        lang: values.lang,
        ...(values.name ? { name: values.name } : {}),
        ...(values.homepage ? { homepage: values.homepage } : {}),
        ...(values.kind ? { kind: values.kind } : {}),
        ...(values.poll ? { pollMinutes: Number(values.poll) } : {}),
        ...(values.weight ? { weight: Number(values.weight) } : {}),
      });
      console.log(`Added ${s.id} (${s.name}, ${s.lang}, every ${s.pollMinutes} min): ${s.feedUrl}`);
      return 0;
    }
    if (action === 'disable' || action === 'enable') {
      if (!arg) {
        console.error(`chipwatch sources ${action} needs a source id.\n\n${USAGE}`);
        return 2;
      }
      const changed = setSourceEnabled(file, arg, action === 'enable');
      console.log(changed ? `${arg} ${action}d.` : `${arg} was already ${action}d.`);
      return 0;
    }
    if (action) {
      console.error(`chipwatch sources: unknown action "${action}".\n\n${USAGE}`);
      return 2;
    }
    const app = boot({ logLevel: 'warn' });
    try {
      syncSources(app.db, loadSourcesFile(file).sources);
      const rows = allSourceRows(app.db);
      console.log(values.json ? JSON.stringify(rows, null, 2) : healthTable(rows, app.now().getTime()));
      return 0;
    } finally {
      app.db.close();
    }
  } catch (e) {
    if (e instanceof SourcesError) {
      console.error(`chipwatch sources: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
