// `chipwatch doctor`: checks what a self-hoster gets wrong, one line each, ok / warn / fail:
// the configuration, each platform token (by a harmless call: Discord GET /users/@me, Slack auth.test),
// the Discord slash commands against the definitions, the database (quick_check, schema version, file
// mode) and each feed's last result. Exit 0 when nothing failed, 1 otherwise. It changes nothing: the
// database is opened read-only, and no command is registered. Secrets are never printed: only which
// variable to fix.
import { stripInvisible } from '../core/invisible.ts';
import { parseArgs } from 'node:util';
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { commands as allCommands } from '../../commands/index.ts';
import type { Command } from '../core/command.ts';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../config.ts';
import { migrations } from '../store/migrations/index.ts';

export type Level = 'ok' | 'warn' | 'fail';

export interface CheckLine {
  level: Level;
  name: string;
  detail: string;
}

export interface DoctorOptions {
  commands?: readonly Command[];
  /** Per network call. */
  timeoutMs?: number;
  now?: () => number;
}

const USAGE = 'Usage: chipwatch doctor   (checks configuration, tokens, commands, database and feeds)';
const DISCORD_API = 'https://discord.com/api';
const SLACK_API = 'https://slack.com/api/';

/** Text from outside (feed errors, API answers) printed to a terminal: no control or bidi characters. */
function clean(s: string, max = 100): string {
  // Bidi and zero-width marks as every reply strips them (core/invisible.ts), then C0/C1 controls.
  // eslint-disable-next-line no-control-regex
  const t = stripInvisible(s).replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function ago(ms: number, now: number): string {
  const m = Math.round((now - ms) / 60_000);
  if (m < 1) return 'just now';
  if (m < 60) return `${m} min ago`;
  if (m < 48 * 60) return `${Math.round(m / 60)} h ago`;
  return `${Math.round(m / 1440)} d ago`;
}

/** "ECONNREFUSED" rather than fetch's bare "fetch failed". */
function networkReason(e: unknown): string {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return 'no answer in time';
  return clean(err.cause?.code ?? err.cause?.message ?? err.message ?? String(e), 80);
}

function configLine(c: Config): CheckLine {
  const parts: string[] = [];
  if (c.DISCORD_TOKEN) parts.push(`Discord (application ${c.DISCORD_APP_ID})`);
  if (c.SLACK_BOT_TOKEN || c.SLACK_CLIENT_ID) {
    const how = c.SLACK_APP_TOKEN ? 'Socket Mode' : `HTTP on port ${c.SLACK_PORT}`;
    parts.push(`Slack ${c.SLACK_CLIENT_ID ? 'multi-workspace (OAuth)' : 'one workspace'}, ${how}`);
  }
  const platforms = parts.length ? parts.join('; ') : 'no chat platform configured: `npm start` runs the console only';
  const metrics = c.CHIPWATCH_METRICS_PORT === undefined ? 'metrics off' : `metrics on ${c.CHIPWATCH_METRICS_HOST}:${c.CHIPWATCH_METRICS_PORT}`;
  return { level: parts.length ? 'ok' : 'warn', name: 'configuration', detail: `${platforms}; feed polling ${c.CHIPWATCH_POLL ? 'on' : 'off'}; ${metrics}` };
}

async function discordChecks(c: Config, o: Required<DoctorOptions>): Promise<CheckLine[]> {
  const { normaliseApiBase } = await import('../adapters/discord/client.ts');
  const { commandsJson, diffCommands } = await import('../adapters/discord/register.ts');
  const base = `${normaliseApiBase(c.DISCORD_API_BASE ?? DISCORD_API)}/v10`;
  const get = (path: string) => fetch(`${base}${path}`, { headers: { authorization: `Bot ${c.DISCORD_TOKEN}` }, signal: AbortSignal.timeout(o.timeoutMs) });

  let me: Response;
  try {
    me = await get('/users/@me');
  } catch (e) {
    return [{ level: 'fail', name: 'discord token', detail: `cannot reach Discord at ${base} (${networkReason(e)}); check the network${c.DISCORD_API_BASE ? ' or DISCORD_API_BASE' : ''}` }];
  }
  if (me.status === 401)
    return [
      { level: 'fail', name: 'discord token', detail: 'Discord refused DISCORD_TOKEN (401): Developer Portal → your application → Bot → Reset Token, and set the new one' },
      { level: 'warn', name: 'discord commands', detail: 'not checked: the token does not work' },
    ];
  if (!me.ok) return [{ level: 'fail', name: 'discord token', detail: `Discord answered HTTP ${me.status} to GET /users/@me` }];
  const user = (await me.json()) as { id?: string; username?: string };
  const lines: CheckLine[] = [{ level: 'ok', name: 'discord token', detail: `works: bot "${clean(user.username ?? '?', 40)}" (user id ${clean(user.id ?? '?', 24)})` }];

  let listed: Response;
  try {
    listed = await get(`/applications/${c.DISCORD_APP_ID}/commands?with_localizations=true`);
  } catch (e) {
    return [...lines, { level: 'fail', name: 'discord commands', detail: `cannot reach Discord (${networkReason(e)})` }];
  }
  if (listed.status === 403 || listed.status === 404)
    return [...lines, { level: 'fail', name: 'discord commands', detail: `DISCORD_APP_ID ${c.DISCORD_APP_ID} is not this bot's application (HTTP ${listed.status}): copy the Application ID from General Information` }];
  if (!listed.ok) return [...lines, { level: 'fail', name: 'discord commands', detail: `Discord answered HTTP ${listed.status} to the command list` }];
  const existing = (await listed.json()) as Parameters<typeof diffCommands>[0];
  const changes = diffCommands(existing, commandsJson(o.commands, 'global'));
  const off = changes.filter((ch) => ch.change !== 'unchanged');
  if (!off.length) return [...lines, { level: 'ok', name: 'discord commands', detail: `${changes.length} global commands registered, all as defined` }];
  if (!existing.length) return [...lines, { level: 'fail', name: 'discord commands', detail: 'no commands registered: run `chipwatch discord register`' }];
  const says = { added: 'not registered', removed: 'registered but no longer defined', changed: 'differs', unchanged: '' } as const;
  const list = off.map((ch) => `/${ch.name} ${says[ch.change]}${ch.fields ? ` (${ch.fields.join(', ')})` : ''}`).join('; ');
  return [...lines, { level: 'warn', name: 'discord commands', detail: `${off.length} of ${changes.length} differ from the definitions: ${list}; run \`chipwatch discord register\`` }];
}

async function slackCall(c: Config, method: string, token: string, o: Required<DoctorOptions>): Promise<{ ok: boolean; error?: string; team?: string; user_id?: string } | { unreachable: string }> {
  const base = c.SLACK_API_URL ? (c.SLACK_API_URL.endsWith('/') ? c.SLACK_API_URL : `${c.SLACK_API_URL}/`) : SLACK_API;
  try {
    const r = await fetch(`${base}${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' }, body: '', signal: AbortSignal.timeout(o.timeoutMs) });
    if (!r.ok) return { ok: false, error: `HTTP ${r.status}` };
    return (await r.json()) as { ok: boolean; error?: string };
  } catch (e) {
    return { unreachable: `cannot reach Slack at ${base} (${networkReason(e)}); check the network${c.SLACK_API_URL ? ' or SLACK_API_URL' : ''}` };
  }
}

async function slackChecks(c: Config, o: Required<DoctorOptions>): Promise<CheckLine[]> {
  const lines: CheckLine[] = [];
  if (c.SLACK_BOT_TOKEN && !c.SLACK_CLIENT_ID) {
    const r = await slackCall(c, 'auth.test', c.SLACK_BOT_TOKEN, o);
    if ('unreachable' in r) lines.push({ level: 'fail', name: 'slack token', detail: r.unreachable });
    else if (!r.ok) lines.push({ level: 'fail', name: 'slack token', detail: `Slack refused SLACK_BOT_TOKEN (${clean(r.error ?? '?', 40)}): copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions` });
    else lines.push({ level: 'ok', name: 'slack token', detail: `works: workspace "${clean(r.team ?? '?', 40)}", bot user ${clean(r.user_id ?? '?', 24)}` });
  }
  if (c.SLACK_APP_TOKEN) {
    // Socket Mode's app-level token can only be tested by asking for a connection URL; an unused URL expires.
    const r = await slackCall(c, 'apps.connections.open', c.SLACK_APP_TOKEN, o);
    if ('unreachable' in r) lines.push({ level: 'fail', name: 'slack app token', detail: r.unreachable });
    else if (!r.ok) lines.push({ level: 'fail', name: 'slack app token', detail: `Slack refused SLACK_APP_TOKEN (${clean(r.error ?? '?', 40)}): Basic Information → App-Level Tokens, scope connections:write` });
    else lines.push({ level: 'ok', name: 'slack app token', detail: 'works (Socket Mode)' });
  }
  return lines;
}

function databaseChecks(c: Config, o: Required<DoctorOptions>): CheckLine[] {
  const file = c.CHIPWATCH_DB;
  const st = statSync(file, { throwIfNoEntry: false });
  if (!st) return [{ level: 'warn', name: 'database', detail: `${file} does not exist yet; \`npm start\` creates it` }];
  if (!st.isFile()) return [{ level: 'fail', name: 'database', detail: `${file} is not a file: set CHIPWATCH_DB to a file path` }];
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    return [{ level: 'fail', name: 'database', detail: `cannot open ${file} (${clean((e as Error).message, 80)})` }];
  }
  try {
    const lines: CheckLine[] = [];
    const problems: string[] = [];
    let level: Level = 'ok';
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') {
      level = 'fail';
      problems.push(`quick_check: ${clean(check, 80)}; restore a backup`);
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    const known = migrations.length;
    if (version > known) {
      level = 'fail';
      problems.push(`schema ${version} is newer than this chipwatch (${known}): upgrade chipwatch`);
    } else if (version < known && level === 'ok') {
      level = 'warn';
      problems.push(`schema ${version} of ${known}: migrated on the next start`);
    }
    const mode = st.mode & 0o777;
    if (mode & 0o077) {
      if (level === 'ok') level = 'warn';
      problems.push(`mode ${mode.toString(8).padStart(4, '0')}: others can read it (it holds Slack tokens); chmod 600 ${file}`);
    }
    const facts = `quick_check ${check === 'ok' ? 'ok' : 'FAILED'}, schema ${version} of ${known}, mode ${mode.toString(8).padStart(4, '0')}`;
    lines.push({ level, name: 'database', detail: `${file}: ${problems.length ? problems.join('; ') : facts}` });
    lines.push(...feedChecks(db, c, o));
    return lines;
  } catch (e) {
    return [{ level: 'fail', name: 'database', detail: `cannot read ${file} (${clean((e as Error).message, 80)})` }];
  } finally {
    db.close();
  }
}

function feedChecks(db: Database.Database, c: Config, o: Required<DoctorOptions>): CheckLine[] {
  if (!c.CHIPWATCH_POLL) return [{ level: 'ok', name: 'feeds', detail: 'polling is off (CHIPWATCH_POLL=0)' }];
  const hasTable = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'feed_sources'`).get();
  const rows = hasTable
    ? (db.prepare(`SELECT id, last_success_at, last_error, last_error_at, consecutive_failures FROM feed_sources WHERE enabled = 1 ORDER BY id`).all() as {
        id: string;
        last_success_at: number | null;
        last_error: string | null;
        last_error_at: number | null;
        consecutive_failures: number;
      }[])
    : [];
  if (!rows.length) return [{ level: 'warn', name: 'feeds', detail: 'no feed polled yet: `npm start` or `chipwatch ingest --once` reads them' }];
  const now = o.now();
  const lines = rows.map((r): CheckLine => {
    const name = `feed ${clean(r.id, 40)}`;
    if (r.consecutive_failures > 0) {
      const since = r.last_success_at === null ? 'never read successfully' : `last success ${ago(r.last_success_at, now)}`;
      return { level: 'warn', name, detail: `failed ${r.consecutive_failures}× in a row (${since}): ${clean(r.last_error ?? '?', 80)}` };
    }
    if (r.last_success_at === null) return { level: 'warn', name, detail: 'not polled yet' };
    return { level: 'ok', name, detail: `last read ${ago(r.last_success_at, now)}` };
  });
  // One dead feed is the outlet's problem; all of them failing is ours (network, DNS, a proxy).
  if (rows.every((r) => r.consecutive_failures > 0)) lines.push({ level: 'fail', name: 'feeds', detail: `all ${rows.length} enabled feeds are failing: check this machine's network access` });
  return lines;
}

/** Runs every check, printing each line as it completes; returns the exit code. */
export async function runDoctor(env: NodeJS.ProcessEnv, print: (line: string) => void, opts: DoctorOptions = {}): Promise<number> {
  const o: Required<DoctorOptions> = { commands: opts.commands ?? allCommands, timeoutMs: opts.timeoutMs ?? 10_000, now: opts.now ?? Date.now };
  const all: CheckLine[] = [];
  const width = 24; // "feed " + the longest source id in data/sources.json
  const emit = (lines: CheckLine[]) => {
    for (const l of lines) {
      all.push(l);
      print(`${l.level.padEnd(4)}  ${l.name.padEnd(width)} ${l.detail}`);
    }
  };
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    // The message lists each bad variable (never a value); the other checks need a valid configuration.
    const issues = e.message.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim());
    emit([{ level: 'fail', name: 'configuration', detail: `${issues.join('; ')} (see README.md, "Configuration"); other checks skipped` }]);
    return 1;
  }
  emit([configLine(config)]);
  if (config.DISCORD_TOKEN) emit(await discordChecks(config, o));
  if (config.SLACK_BOT_TOKEN || config.SLACK_APP_TOKEN) emit(await slackChecks(config, o));
  emit(databaseChecks(config, o));
  const fails = all.filter((l) => l.level === 'fail').length;
  const warns = all.filter((l) => l.level === 'warn').length;
  print(`\n${fails ? `${fails} failed` : 'Nothing failed'}${warns ? `, ${warns} warning${warns === 1 ? '' : 's'}` : ''}.`);
  return fails ? 1 : 0;
}

export async function doctor(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length) {
    console.error(USAGE);
    return 2;
  }
  loadDotEnv();
  return runDoctor(process.env, (l) => console.log(l));
}
