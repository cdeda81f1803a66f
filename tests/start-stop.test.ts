// How `chipwatch start` ends, in a child process as an operator runs it: SIGTERM during a Discord outage
// (the fake Discord goes away and its port black-holes every connection) stops within
// CHIPWATCH_SHUTDOWN_SECONDS; a second signal exits at once; a database file deleted under the running bot
// stops it with one line. Generous bounds: these check "stops", not how fast.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.ts';
import { FakeDiscord } from './fakes/discord/server.ts';
import { FakeSlack } from './fakes/slack/fake-slack.ts';

interface Child {
  proc: ChildProcess;
  dbFile: string;
  stderr: () => string;
  waitFor: (re: RegExp, ms?: number) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function startChild(env: Record<string, string>): Child {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cw-start-'));
  const dbFile = path.join(dir, 'bot.db');
  const proc = spawn(process.execPath, [path.join(PROJECT_ROOT, 'src/cli/bin.mjs'), 'start'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CHIPWATCH_DB: dbFile, CHIPWATCH_POLL: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  proc.stdout!.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
  cleanups.push(() => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  const waitFor = (re: RegExp, ms = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const t0 = Date.now();
      const poll = setInterval(() => {
        if (re.test(err)) resolve();
        else if (proc.exitCode !== null || Date.now() - t0 > ms) reject(new Error(`never saw ${re}; stderr:\n${err}`));
        else return;
        clearInterval(poll);
      }, 50);
    });
  return { proc, dbFile, stderr: () => err, waitFor, exited };
}

/** Takes the fake Discord away and leaves its port accepting connections that are never answered. */
async function blackHole(fake: FakeDiscord): Promise<void> {
  const port = Number(new URL(fake.apiBase).port);
  await fake.stop();
  const held: net.Socket[] = [];
  const server = net.createServer((s) => held.push(s));
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  cleanups.push(() => {
    for (const s of held) s.destroy();
    return new Promise((r) => server.close(r));
  });
}

async function discordBot(shutdownSeconds: number): Promise<Child> {
  const fake = await new FakeDiscord().start();
  cleanups.push(() => fake.stop().catch(() => {}));
  const child = startChild({ DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_API_BASE: `${fake.apiBase}/v10/`, CHIPWATCH_SHUTDOWN_SECONDS: String(shutdownSeconds) });
  await child.waitFor(/"msg":"chipwatch started"/);
  await blackHole(fake);
  await new Promise((r) => setTimeout(r, 1500)); // the gateway notices the outage and starts reconnecting
  return child;
}

const noTrace = (s: string) => expect(s).not.toMatch(/\n\s+at /);

describe('chipwatch start: stopping', () => {
  it('SIGTERM during a Discord outage: stopped within the deadline (was: still running 45 s later)', async () => {
    const bot = await discordBot(2);
    const sent = Date.now();
    bot.proc.kill('SIGTERM');
    const end = await bot.exited;
    expect(end.at - sent).toBeLessThan(15_000);
    expect(end.signal).toBeNull();
    noTrace(bot.stderr());
    // Either everything stopped (0) or the deadline ended it, saying so in one line (1).
    if (end.code !== 0) expect(bot.stderr()).toMatch(/\nchipwatch: [\w, -]+ did not stop within 2 s \(CHIPWATCH_SHUTDOWN_SECONDS\); exited anyway\n$/);
  }, 90_000);

  it('a second SIGTERM exits at once', async () => {
    const bot = await discordBot(300);
    bot.proc.kill('SIGTERM');
    await bot.waitFor(/"msg":"chipwatch stopping"/, 10_000);
    const sent = Date.now();
    bot.proc.kill('SIGTERM');
    const end = await bot.exited;
    expect(end.at - sent).toBeLessThan(5_000);
    expect(end.code).toBe(143); // as a shell reports SIGTERM; was: killed by the signal, no word said
    expect(bot.stderr()).toContain('chipwatch: second SIGTERM: exiting now without waiting for services\n');
  }, 90_000);

  // A guard for the new order (signals are hooked before services start, so they must be honoured then too).
  it('SIGTERM while Discord never answers at all (start-up still waiting): stops', async () => {
    const held: net.Socket[] = [];
    const hole = net.createServer((s) => held.push(s));
    await new Promise<void>((r) => hole.listen(0, '127.0.0.1', () => r()));
    const port = (hole.address() as net.AddressInfo).port;
    const connected = new Promise<void>((r) => hole.once('connection', () => r()));
    cleanups.push(() => {
      for (const s of held) s.destroy();
      return new Promise((r) => hole.close(r));
    });
    const bot = startChild({ DISCORD_TOKEN: 'any-token', DISCORD_APP_ID: '123456789012345678', DISCORD_API_BASE: `http://127.0.0.1:${port}/api/v10/`, CHIPWATCH_SHUTDOWN_SECONDS: '2' });
    await connected; // discord.js is logging in, and will wait a long time
    const sent = Date.now();
    bot.proc.kill('SIGTERM');
    const end = await bot.exited;
    expect(end.at - sent).toBeLessThan(15_000);
    expect(bot.stderr()).not.toContain('chipwatch started');
    noTrace(bot.stderr());
  }, 90_000);

  it('a wrong DISCORD_TOKEN at start: one line naming it, exit 1, nothing left running', async () => {
    const fake = await new FakeDiscord().start();
    cleanups.push(() => fake.stop());
    const bot = startChild({ DISCORD_TOKEN: 'not-the-token', DISCORD_APP_ID: fake.appId, DISCORD_API_BASE: `${fake.apiBase}/v10/` });
    const end = await bot.exited;
    expect(end.code).toBe(1);
    expect(bot.stderr().trim().split('\n').filter((l) => !l.startsWith('{'))).toEqual(['chipwatch: DISCORD_TOKEN was refused by Discord (401): check the token (Developer Portal → your application → Bot → Reset Token)']);
    noTrace(bot.stderr());
  }, 90_000);

  it('a wrong SLACK_BOT_TOKEN or SLACK_APP_TOKEN at start: one line naming it, exit 1, not called a bug (was: "unexpected error … (a bug …)")', async () => {
    const fake = await new FakeSlack().start();
    cleanups.push(() => fake.stop());
    for (const [env, variable] of [
      [{ SLACK_BOT_TOKEN: 'xoxb-not-the-token', SLACK_SIGNING_SECRET: 'secret', SLACK_PORT: '0' }, 'SLACK_BOT_TOKEN'],
      [{ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_APP_TOKEN: 'xapp-not-the-token' }, 'SLACK_APP_TOKEN'],
    ] as const) {
      const bot = startChild({ ...env, SLACK_API_URL: fake.apiUrl });
      const end = await bot.exited;
      expect(end.code, variable).toBe(1);
      const lines = bot.stderr().trim().split('\n').filter((l) => !l.startsWith('{'));
      expect(lines, variable).toHaveLength(1);
      expect(lines[0], variable).toMatch(new RegExp(`^chipwatch: Slack refused ${variable} \\(invalid_auth\\)\\. `));
      expect(lines[0], variable).not.toMatch(/unexpected error|a bug/);
      noTrace(bot.stderr());
    }
  }, 90_000);

  it('the database file deleted under the running bot: stops with one line, exit 1', async () => {
    const bot = startChild({});
    await bot.waitFor(/"msg":"chipwatch started"/);
    rmSync(bot.dbFile);
    const end = await bot.exited;
    expect(end.code).toBe(1);
    // Besides pino's JSON log lines, exactly one line for the person.
    const lines = bot.stderr().trim().split('\n').filter((l) => !l.startsWith('{'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(`chipwatch: ${bot.dbFile} was deleted while chipwatch was running (writes would be lost); restore it from a backup or restart chipwatch to start a new one`);
    noTrace(bot.stderr());
  }, 90_000);
});
