// `npm start` serves /healthz and /metrics on CHIPWATCH_METRICS_PORT in every mode: the console alone,
// Discord (against the fake Discord), Slack over HTTP and Slack in Socket Mode (against the fake Slack).
// Each runs the real CLI in a child process (port 0: the bound address comes from the log line), answers
// /healthz with its adapter, counts an interaction where the test can drive one, and exits cleanly on SIGTERM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.ts';
import { FakeDiscord } from './fakes/discord/server.ts';
import { FakeSlack } from './fakes/slack/fake-slack.ts';
import { chatInput, stringOpt } from './fakes/discord/fixtures.ts';

let dir: string;
let discord: FakeDiscord;
let slack: FakeSlack;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'chipwatch-ops-start-'));
  discord = await new FakeDiscord().start();
  slack = await new FakeSlack().start();
});
afterAll(async () => {
  await discord.stop();
  await slack.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcessWithoutNullStreams;
  base: string;
  stderr: () => string;
}

/** Starts `chipwatch start` and waits for the "serving /healthz and /metrics" log line. */
async function start(mode: string, extra: Record<string, string>): Promise<Running> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: dir, CHIPWATCH_DB: path.join(dir, `${mode}.db`), CHIPWATCH_POLL: '0', LOG_LEVEL: 'info', CHIPWATCH_METRICS_PORT: '0', ...extra };
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'src/cli/bin.mjs'), 'start'], { cwd: dir, env });
  let err = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (b: Buffer) => {
      err += b.toString();
      const m = /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*"msg":"serving \/healthz and \/metrics"/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`${mode}: exited (${code}) before serving metrics:\n${err}`)));
  });
  const base = await Promise.race([url, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${mode}: no metrics URL in 40 s:\n${err}`)), 40_000))]);
  return { child, base, stderr: () => err };
}

async function stop(r: Running): Promise<number | null> {
  const exited = once(r.child, 'exit') as Promise<[number | null]>;
  r.child.kill('SIGTERM');
  const [code] = await exited;
  return code;
}

async function metric(base: string, re: RegExp): Promise<number | undefined> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const m = re.exec(text);
  return m ? Number(m[1]) : undefined;
}

describe('npm start with CHIPWATCH_METRICS_PORT', () => {
  it('console mode: /healthz names the console, a typed command is counted', { timeout: 60_000 }, async () => {
    const r = await start('console', {});
    try {
      const h = await fetch(`${r.base}/healthz`);
      expect(h.status).toBe(200);
      expect(await h.json()).toMatchObject({ status: 'ok', db: 'ok', adapters: ['console'] });
      r.child.stdin.write('/help\n');
      let n: number | undefined;
      for (let i = 0; i < 50 && n === undefined; i++) {
        n = await metric(r.base, /^chipwatch_interactions_total\{platform="console",command="help",outcome="ok"\} (\d+)$/m);
        if (n === undefined) await new Promise((res) => setTimeout(res, 100));
      }
      expect(n).toBe(1);
    } finally {
      expect(await stop(r)).toBe(0);
    }
  });

  it('Discord mode: an interaction from the gateway is counted', { timeout: 60_000 }, async () => {
    const identified = once(discord, 'identify');
    const r = await start('discord', { DISCORD_TOKEN: discord.token, DISCORD_APP_ID: discord.appId, DISCORD_API_BASE: discord.apiBase });
    try {
      // The metrics port opens before the adapters start: wait for the gateway login.
      await identified;
      expect(await (await fetch(`${r.base}/healthz`)).json()).toMatchObject({ status: 'ok', adapters: ['discord'] });
      const g = discord.guilds[0]!;
      await discord.interact(chatInput(discord.appId, 'chip', [stringOpt('name', 'no-such-chip-xyz')], { guildId: g.id, channelId: g.channelIds[0]! }), 10_000);
      expect(await metric(r.base, /^chipwatch_interactions_total\{platform="discord",command="chip",outcome="(?:ok|user_error)"\} (\d+)$/m)).toBe(1);
      // This one process takes the deliverer lease within a renewal period and says so.
      let held: number | undefined;
      for (let i = 0; i < 100 && held !== 1; i++) {
        held = await metric(r.base, /^chipwatch_lease_held\{lease="deliverer"\} (\d+)$/m);
        if (held !== 1) await new Promise((res) => setTimeout(res, 100));
      }
      expect(held).toBe(1);
    } finally {
      expect(await stop(r)).toBe(0);
    }
  });

  it('Slack over HTTP and in Socket Mode: /healthz names Slack', { timeout: 90_000 }, async () => {
    const slackEnv = { SLACK_BOT_TOKEN: [...slack.botTokens][0]!, SLACK_API_URL: slack.apiUrl };
    const http = await start('slack-http', { ...slackEnv, SLACK_SIGNING_SECRET: 'signing-secret', SLACK_PORT: '0' });
    try {
      expect(await (await fetch(`${http.base}/healthz`)).json()).toMatchObject({ status: 'ok', adapters: ['slack'] });
      expect(await metric(http.base, /^process_resident_memory_bytes (\d+)$/m)).toBeGreaterThan(0);
    } finally {
      expect(await stop(http)).toBe(0);
    }
    const socket = await start('slack-socket', { ...slackEnv, SLACK_APP_TOKEN: slack.appToken });
    try {
      expect(await (await fetch(`${socket.base}/healthz`)).json()).toMatchObject({ status: 'ok', adapters: ['slack'] });
    } finally {
      expect(await stop(socket)).toBe(0);
    }
  });
});
