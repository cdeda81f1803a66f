// `chipwatch doctor` against the fake Discord and the fake Slack (real HTTP; both refuse a wrong token the
// way the platforms do) and real database files in a temporary directory: each check's line, the exit
// code, and that no secret is ever printed.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { commands } from '../commands/index.ts';
import { registerCommands } from '../src/adapters/discord/register.ts';
import { runDoctor } from '../src/cli/doctor.ts';
import { PROJECT_ROOT } from '../src/config.ts';
import { recordFailure, recordSuccess, syncSources } from '../src/news/sources.ts';
import { openDatabase } from '../src/store/db.ts';
import { FakeDiscord } from './fakes/discord/server.ts';
import { FakeSlack } from './fakes/slack/fake-slack.ts';

const NOW = Date.UTC(2026, 11, 1, 12);
let dir: string;
let discord: FakeDiscord;
let slack: FakeSlack;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'chipwatch-doctor-'));
  discord = await new FakeDiscord({ token: 'discord-secret-token-123' }).start();
  slack = await new FakeSlack({ botTokens: ['xoxb-slack-secret-456'], appToken: 'xapp-slack-secret-789' }).start();
});
afterAll(async () => {
  await discord.stop();
  await slack.stop();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => {
  discord.commands.global = [];
});

let n = 0;
/** A real database file as `npm start` leaves it: migrated, mode 0600, with feed health recorded. */
function database(o: { mode?: number; feeds?: 'mixed' | 'all-failing' | 'none' } = {}): string {
  const file = path.join(dir, `db${++n}.db`);
  const db = openDatabase(file);
  const feed = (id: string) => ({ id, name: `Outlet ${id}`, homepage: 'https://example.com/', feedUrl: `https://example.com/${id}.xml`, lang: 'en' as const, kind: 'trade' as const, pollMinutes: 30, weight: 0.5, enabled: true });
  if (o.feeds !== 'none') {
    syncSources(db, [feed('alpha'), feed('beta')]);
    if (o.feeds !== 'all-failing') recordSuccess(db, 'alpha', { now: NOW - 20 * 60_000, nextPollAt: 0, etag: null, lastModified: null, itemsSeen: 3 });
    else recordFailure(db, 'alpha', { now: NOW, nextPollAt: 0, reason: 'getaddrinfo ENOTFOUND example.com' });
    recordFailure(db, 'beta', { now: NOW, nextPollAt: 0, reason: 'HTTP 503 \u001b[31mred\u202e' });
  }
  db.close();
  chmodSync(file, o.mode ?? 0o600);
  return file;
}

function env(extra: Record<string, string>): Record<string, string> {
  return {
    DISCORD_TOKEN: discord.token,
    DISCORD_APP_ID: discord.appId,
    DISCORD_API_BASE: discord.apiBase,
    SLACK_BOT_TOKEN: 'xoxb-slack-secret-456',
    SLACK_SIGNING_SECRET: 'signing-secret-000',
    SLACK_API_URL: slack.apiUrl,
    ...extra,
  };
}

async function doctor(e: Record<string, string>): Promise<{ code: number; out: string; lines: string[] }> {
  const lines: string[] = [];
  const code = await runDoctor(e, (l) => lines.push(l), { timeoutMs: 3000, now: () => NOW });
  return { code, out: lines.join('\n'), lines };
}

/** How doctor prints a line's start: the level, then the check's name in a column. */
const row = (level: string, name: string) => `${level.padEnd(4)}  ${name.padEnd(24)} `;
const line = (out: string, name: string) => out.split('\n').filter((l) => l.slice(6).startsWith(`${name} `));
const SECRETS = ['discord-secret-token-123', 'xoxb-slack-secret-456', 'xapp-slack-secret-789', 'signing-secret-000'];

describe('chipwatch doctor', () => {
  it('GIVEN working tokens, registered commands and a healthy database THEN every check is ok but the failing feed warns, exit 0', async () => {
    await registerCommands({ token: discord.token, appId: discord.appId, apiBase: discord.apiBase, commands });
    const file = database();
    const { code, out, lines } = await doctor(env({ CHIPWATCH_DB: file }));
    expect(code).toBe(0);
    expect(line(out, 'configuration')[0]).toMatch(/^ok {4}configuration +Discord \(application \d+\); Slack one workspace, HTTP on port 3000; feed polling on; metrics off$/);
    expect(line(out, 'discord token')[0]).toMatch(/^ok {4}discord token +works: bot "chipwatch" \(user id \d+\)$/);
    expect(line(out, 'discord commands')[0]).toMatch(new RegExp(`^ok {4}discord commands +${commands.length} global commands registered, all as defined$`));
    expect(line(out, 'slack token')[0]).toMatch(/^ok {4}slack token +works: workspace "Fake Team", bot user U0BOT$/);
    expect(line(out, 'database')[0]).toBe(`${row('ok', 'database')}${file}: quick_check ok, schema ${(await import('../src/store/migrations/index.ts')).migrations.length} of ${(await import('../src/store/migrations/index.ts')).migrations.length}, mode 0600`);
    expect(line(out, 'feed alpha')[0]).toMatch(/^ok {4}feed alpha +last read 20 min ago$/);
    // Feed text is outside text: no escape sequences or bidi controls reach the terminal.
    expect(line(out, 'feed beta')[0]).toMatch(/^warn {2}feed beta +failed 1× in a row \(never read successfully\): HTTP 503 \[31mred$/);
    expect(lines.at(-1)).toBe('\nNothing failed, 1 warning.');
    for (const s of SECRETS) expect(out).not.toContain(s);
    // It only looked: one GET of the bot, one of the commands, no PUT.
    expect(discord.requests.filter((r) => r.method !== 'GET')).toHaveLength(1); // the registration above
  });

  it('GIVEN wrong tokens THEN each fails naming the variable, never the value, exit 1', async () => {
    const file = database();
    const { code, out } = await doctor(env({ CHIPWATCH_DB: file, DISCORD_TOKEN: 'wrong-discord-token', SLACK_BOT_TOKEN: 'xoxb-wrong-token', SLACK_APP_TOKEN: 'xapp-wrong-app-token' }));
    expect(code).toBe(1);
    expect(line(out, 'discord token')[0]).toMatch(/^fail {2}discord token +Discord refused DISCORD_TOKEN \(401\): Developer Portal/);
    expect(line(out, 'discord commands')[0]).toMatch(/^warn {2}discord commands +not checked: the token does not work$/);
    expect(line(out, 'slack token')[0]).toMatch(/^fail {2}slack token +Slack refused SLACK_BOT_TOKEN \(invalid_auth\)/);
    expect(line(out, 'slack app token')[0]).toMatch(/^fail {2}slack app token +Slack refused SLACK_APP_TOKEN \(invalid_auth\)/);
    for (const s of ['wrong-discord-token', 'xoxb-wrong-token', 'xapp-wrong-app-token', ...SECRETS]) expect(out).not.toContain(s);
  });

  it('GIVEN a working Socket Mode app token THEN it is ok', async () => {
    const { out } = await doctor(env({ CHIPWATCH_DB: database(), SLACK_APP_TOKEN: 'xapp-slack-secret-789' }));
    expect(line(out, 'configuration')[0]).toContain('Slack one workspace, Socket Mode');
    expect(line(out, 'slack app token')[0]).toMatch(/^ok {4}slack app token +works \(Socket Mode\)$/);
  });

  it('GIVEN commands missing or different from the definitions THEN it warns with each one; none registered THEN it fails', async () => {
    const file = database();
    const none = await doctor(env({ CHIPWATCH_DB: file }));
    expect(none.code).toBe(1);
    expect(line(none.out, 'discord commands')[0]).toMatch(/^fail {2}discord commands +no commands registered: run `chipwatch discord register`$/);

    await registerCommands({ token: discord.token, appId: discord.appId, apiBase: discord.apiBase, commands: commands.filter((c) => c.name !== 'help') });
    const chip = discord.commands.global.find((c) => c.name === 'chip')!;
    chip.description = 'an old description';
    const some = await doctor(env({ CHIPWATCH_DB: file }));
    expect(line(some.out, 'discord commands')[0]).toMatch(/^warn {2}discord commands +2 of \d+ differ from the definitions: \/chip differs \(description\); \/help not registered; run `chipwatch discord register`$/);
  });

  it('GIVEN DISCORD_APP_ID of another application THEN the command check fails saying so', async () => {
    const { code, out } = await doctor(env({ CHIPWATCH_DB: database(), DISCORD_APP_ID: '123456789012345678' }));
    expect(code).toBe(1);
    expect(line(out, 'discord commands')[0]).toMatch(/^fail {2}discord commands +DISCORD_APP_ID 123456789012345678 is not this bot's application \(HTTP 403\)/);
  });

  it('GIVEN an unreachable API THEN one line says which and what to check', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const closed = (probe.address() as AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const { code, out } = await doctor(env({ CHIPWATCH_DB: database(), DISCORD_API_BASE: `http://127.0.0.1:${closed}/api`, SLACK_API_URL: `http://127.0.0.1:${closed}/api/` }));
    expect(code).toBe(1);
    expect(line(out, 'discord token')[0]).toBe(`${row('fail', 'discord token')}cannot reach Discord at http://127.0.0.1:${closed}/api/v10 (ECONNREFUSED); check the network or DISCORD_API_BASE`);
    expect(line(out, 'slack token')[0]).toBe(`${row('fail', 'slack token')}cannot reach Slack at http://127.0.0.1:${closed}/api/ (ECONNREFUSED); check the network or SLACK_API_URL`);
  });

  it('GIVEN an invalid configuration THEN one fail line lists the variables and the rest is skipped', async () => {
    const { code, lines } = await doctor({ SLACK_BOT_TOKEN: 'xoxp-a-user-token-secret', CHIPWATCH_METRICS_PORT: 'abc', CHIPWATCH_DB: path.join(dir, 'unused.db') });
    expect(code).toBe(1);
    expect(lines[0]).toBe(row('fail', 'configuration') + 'CHIPWATCH_METRICS_PORT must be a port number (0-65535); SLACK_BOT_TOKEN must be a bot token starting with xoxb- (see README.md, "Configuration"); other checks skipped');
    expect(lines.join('\n')).not.toContain('xoxp-a-user-token-secret');
    const missing = await doctor({ DISCORD_TOKEN: 'discord-secret-token-123', CHIPWATCH_DB: path.join(dir, 'unused.db') });
    expect(missing.lines[0]).toMatch(/^fail {2}configuration +DISCORD_APP_ID is required when DISCORD_TOKEN is set/);
    expect(missing.lines.join('\n')).not.toContain('discord-secret-token-123');
  });

  describe('database', () => {
    const only = (file: string) => doctor({ CHIPWATCH_DB: file });

    it('GIVEN no platform and no database yet THEN warnings only, exit 0', async () => {
      const { code, out } = await only(path.join(dir, 'not-yet.db'));
      expect(code).toBe(0);
      expect(line(out, 'configuration')[0]).toMatch(/^warn {2}configuration +no chat platform configured/);
      expect(line(out, 'database')[0]).toMatch(/^warn {2}database +.*not-yet\.db does not exist yet; `npm start` creates it$/);
    });

    it('GIVEN a world-readable file THEN a warning says chmod 600', async () => {
      const file = database({ mode: 0o644 });
      expect(line((await only(file)).out, 'database')[0]).toBe(`${row('warn', 'database')}${file}: mode 0644: others can read it (it holds Slack tokens); chmod 600 ${file}`);
    });

    it('GIVEN a schema newer than this chipwatch THEN it fails', async () => {
      const file = database();
      const db = openDatabase(file);
      db.pragma('user_version = 99');
      db.close();
      const { code, out } = await only(file);
      expect(code).toBe(1);
      expect(line(out, 'database')[0]).toMatch(/^fail {2}database +.*: schema 99 is newer than this chipwatch \(\d+\): upgrade chipwatch$/);
    });

    it('GIVEN a file that is not a database, or a directory THEN it fails in one line', async () => {
      const junk = path.join(dir, 'junk.db');
      writeFileSync(junk, 'this is not a database, just text\n'.repeat(200));
      chmodSync(junk, 0o600);
      const a = await only(junk);
      expect(a.code).toBe(1);
      expect(line(a.out, 'database')[0]).toMatch(/^fail {2}database +cannot (open|read) .*junk\.db \(file is not a database\)$/);
      const b = await only(dir);
      expect(b.code).toBe(1);
      expect(line(b.out, 'database')[0]).toMatch(/is not a file: set CHIPWATCH_DB to a file path$/);
    });

    it('GIVEN every feed failing THEN it fails: the network, not the outlets', async () => {
      const { code, out } = await only(database({ feeds: 'all-failing' }));
      expect(code).toBe(1);
      expect(line(out, 'feeds')[0]).toBe(row('fail', 'feeds') + 'all 2 enabled feeds are failing: check this machine\'s network access');
    });

    it('GIVEN feeds never polled, or polling off THEN it says so', async () => {
      const file = database({ feeds: 'none' });
      expect(line((await only(file)).out, 'feeds')[0]).toMatch(/^warn {2}feeds +no feed polled yet/);
      const off = await doctor({ CHIPWATCH_DB: file, CHIPWATCH_POLL: '0' });
      expect(line(off.out, 'feeds')[0]).toBe(row('ok', 'feeds') + 'polling is off (CHIPWATCH_POLL=0)');
    });
  });

  it('runs as `chipwatch doctor` and exits 1 when something fails', { timeout: 60_000 }, async () => {
    const file = database();
    const r = await promisify(execFile)(process.execPath, [path.join(PROJECT_ROOT, 'src/cli/bin.mjs'), 'doctor'], {
      cwd: dir, // no .env here
      env: { PATH: process.env.PATH ?? '', HOME: dir, ...env({ CHIPWATCH_DB: file, DISCORD_TOKEN: 'wrong-discord-token' }) },
    }).then(
      () => ({ code: 0, stdout: '' }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^fail {2}discord token +Discord refused DISCORD_TOKEN/m);
    expect(r.stdout).toMatch(/^ok {4}slack token/m);
    expect(r.stdout).not.toContain('wrong-discord-token');
  });
});
