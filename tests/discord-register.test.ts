// Application command registration: the JSON derived from commands/index.ts (snapshot), its rules, and
// the bulk overwrite against the fake Discord (what changed, one PUT, nothing sent when up to date).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commands } from '../commands/index.ts';
import { commandJson, commandsJson, describeChanges, registerCommands } from '../src/adapters/discord/register.ts';
import { defineCommand } from '../src/core/command.ts';
import { integerOption, stringOption } from '../src/core/options.ts';
import { reply } from '../src/core/reply.ts';
import { FakeDiscord } from './fakes/discord/server.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../src/config.ts';
import { OperatorError } from '../src/core/errors.ts';
import { createServer } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';

describe('command JSON', () => {
  test('global registration JSON (snapshot)', () => {
    expect(commandsJson(commands, 'global')).toMatchSnapshot();
  });

  test('guild registration omits contexts and integration types', () => {
    for (const c of commandsJson(commands, 'guild')) {
      expect(c.contexts).toBeUndefined();
      expect(c.integration_types).toBeUndefined();
    }
  });

  test('channel-changing commands need Manage Channels by default; the rest are open', () => {
    for (const c of commands) {
      const j = commandJson(c, 'global');
      expect(j.default_member_permissions).toBe(c.permission === 'manage-channel' ? '16' : null);
    }
  });

  test('every option carries zh-CN and de descriptions, and Discord-legal names and lengths', () => {
    for (const j of commandsJson(commands, 'global')) {
      expect(j.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(Object.keys(j.description_localizations ?? {}).sort()).toEqual(['de', 'zh-CN']);
      for (const o of j.options ?? []) {
        expect(o.description.length).toBeLessThanOrEqual(100);
        expect(Object.keys(o.description_localizations ?? {}).sort()).toEqual(['de', 'zh-CN']);
        if ('autocomplete' in o && o.autocomplete) expect('choices' in o && o.choices).toBeFalsy();
      }
    }
  });

  const d = { en: 'x', 'zh-CN': 'x', de: 'x' };
  test('integer min/max, string lengths and autocomplete map onto Discord fields', () => {
    const cmd = defineCommand({
      name: 'probe',
      description: d,
      options: [stringOption('q', { description: d, required: true, minLength: 2, maxLength: 50, autocomplete: 'chip' }), integerOption('days', { description: d, min: 1, max: 30 })],
      permission: 'everyone',
      visibility: 'public',
      handler: () => reply('x'),
    });
    expect(commandJson(cmd, 'guild').options).toEqual([
      { name: 'q', description: 'x', description_localizations: { 'zh-CN': 'x', de: 'x' }, required: true, type: 3, min_length: 2, max_length: 50, autocomplete: true },
      { name: 'days', description: 'x', description_localizations: { 'zh-CN': 'x', de: 'x' }, required: false, type: 4, min_value: 1, max_value: 30 },
    ]);
  });

  test('a required option after an optional one is refused before Discord sees it', () => {
    const cmd = defineCommand({
      name: 'bad',
      description: d,
      options: [stringOption('a', { description: d }), stringOption('b', { description: d, required: true })],
      permission: 'everyone',
      visibility: 'public',
      handler: () => reply('x'),
    });
    expect(() => commandJson(cmd, 'global')).toThrow(/required options before optional/);
  });
});

describe('bulk overwrite against the fake', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await new FakeDiscord().start();
  });
  afterAll(async () => {
    await fake.stop();
  });
  const base = () => ({ token: fake.token, appId: fake.appId, apiBase: fake.apiBase, commands });

  test('a dry run reads the installed commands and sends nothing', async () => {
    const r = await registerCommands({ ...base(), dryRun: true });
    expect(r.sent).toBe(false);
    expect(r.changes.every((c) => c.change === 'added')).toBe(true);
    expect(fake.requests.filter((q) => q.method === 'PUT')).toHaveLength(0);
    expect(describeChanges(r, { dryRun: true })).toContain('Dry run: nothing sent');
  });

  test('first registration: one PUT with exactly the derived JSON, bot-authenticated', async () => {
    const r = await registerCommands(base());
    expect(r.sent).toBe(true);
    const puts = fake.requests.filter((q) => q.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.path).toBe(`/applications/${fake.appId}/commands`);
    expect(puts[0]!.authorization).toBe(`Bot ${fake.token}`);
    expect(puts[0]!.body).toEqual(commandsJson(commands, 'global'));
    const get = fake.requests.find((q) => q.method === 'GET' && q.route === '/applications/:app/commands');
    expect(get?.query).toEqual({ with_localizations: 'true' });
  });

  test('unchanged definitions: nothing sent; a changed description and a removed command are reported', async () => {
    const again = await registerCommands(base());
    expect(again.sent).toBe(false);
    expect(again.changes.every((c) => c.change === 'unchanged')).toBe(true);

    const [first, ...rest] = commands;
    const edited = { ...first!, description: { ...first!.description, de: 'Geändert' } };
    const r = await registerCommands({ ...base(), commands: [edited, ...rest.slice(0, -1)], dryRun: true });
    expect(r.changes.find((c) => c.name === first!.name)).toEqual({ name: first!.name, change: 'changed', fields: ['description_localizations'] });
    expect(r.changes.find((c) => c.name === rest.at(-1)!.name)?.change).toBe('removed');
    expect(describeChanges(r, { dryRun: true })).toMatch(/~ \/\w+ changed \(description_localizations\)/);
  });

  test('--guild registers to one server', async () => {
    const guildId = fake.guilds[0]!.id;
    const r = await registerCommands({ ...base(), guildId });
    expect(r.sent).toBe(true);
    expect(fake.commands.guild.get(guildId)?.map((c) => c.name)).toEqual(commands.map((c) => c.name));
  });

  test('the CLI: `chipwatch discord register --guild ID` prints the changes and sends one PUT', async () => {
    const guildId = fake.guilds[0]!.id;
    const before = fake.requests.filter((q) => q.method === 'PUT').length;
    const env = { ...process.env, DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_API_BASE: `${fake.apiBase}/v10/`, CHIPWATCH_DB: ':memory:', LOG_LEVEL: 'silent' };
    const dry = await promisify(execFile)(process.execPath, ['src/cli/bin.mjs', 'discord', 'register', '--guild', guildId, '--dry-run'], { cwd: PROJECT_ROOT, env });
    expect(dry.stdout).toMatch(/already up to date; nothing sent/);
    fake.commands.guild.set(guildId, []);
    const real = await promisify(execFile)(process.execPath, ['src/cli/bin.mjs', 'discord', 'register', '--guild', guildId], { cwd: PROJECT_ROOT, env });
    expect(real.stdout).toContain('+ /chip added');
    expect(real.stdout).toContain(`Registered ${commands.length} commands for server ${guildId}.`);
    expect(fake.requests.filter((q) => q.method === 'PUT').length).toBe(before + 1);
  });

  test('a bad token is refused with 401, as one OperatorError naming DISCORD_TOKEN', async () => {
    const e = await registerCommands({ ...base(), token: 'wrong' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OperatorError);
    expect(e).toMatchObject({ code: 'DISCORD_AUTH', message: expect.stringMatching(/^DISCORD_TOKEN was refused by Discord \(401\): check the token/) });
  });

  test('a wrong application id (403 Missing Access) names DISCORD_APP_ID', async () => {
    const e = await registerCommands({ ...base(), appId: '123456789012345678' }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'DISCORD_APP_ID', message: expect.stringContaining('check DISCORD_APP_ID') });
  });

  test('a long rate limit is reported, not sat out', async () => {
    fake.rateLimitOnce('GET', '/applications/:app/commands', 60);
    const e = await registerCommands({ ...base(), dryRun: true }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'DISCORD_RATE_LIMITED', message: expect.stringMatching(/rate-limiting .* try again in \d+ s/) });
  });
});

describe('`chipwatch discord register` failures: one line, non-zero exit, no trace', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await new FakeDiscord().start();
  });
  afterAll(async () => {
    await fake.stop();
  });
  const cli = (env: Record<string, string>, args: string[] = []) =>
    new Promise<{ code: number; stderr: string; stdout: string }>((resolve) => {
      execFile(
        process.execPath,
        ['src/cli/bin.mjs', 'discord', 'register', '--dry-run', ...args],
        { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, CHIPWATCH_DB: ':memory:', DISCORD_APP_ID: fake.appId, DISCORD_API_BASE: fake.apiBase, ...env }, timeout: 60_000 },
        (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  test('a wrong token: the line names DISCORD_TOKEN (was: TypeError: e.code?.startsWith is not a function)', async () => {
    const r = await cli({ DISCORD_TOKEN: 'not-the-token' });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('chipwatch: DISCORD_TOKEN was refused by Discord (401): check the token (Developer Portal → your application → Bot → Reset Token)\n');
  });

  test('--debug adds the trace', async () => {
    const r = await cli({ DISCORD_TOKEN: 'not-the-token' }, ['--debug']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toContain('DISCORD_TOKEN was refused');
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  test('a wrong application id names DISCORD_APP_ID', async () => {
    const r = await cli({ DISCORD_TOKEN: fake.token, DISCORD_APP_ID: '123456789012345678' });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^chipwatch: Discord refused this application \(403, .*check DISCORD_APP_ID/);
  });

  test('a 400 listing several fields, and a server at DISCORD_API_BASE that is not Discord: one line each (was: two lines; "unexpected error … a bug")', async () => {
    // The bodies a real Discord (400 Invalid Form Body), a web server and a broken proxy send.
    const bodies: Record<string, [number, string, string]> = {
      '/form': [400, 'application/json', JSON.stringify({ code: 50035, message: 'Invalid Form Body', errors: { 0: { name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' }] } }, 1: { description: { _errors: [{ code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }] } } } })],
      '/html': [200, 'text/html', '<!doctype html><title>It works!</title>'],
      '/badjson': [200, 'application/json', '<html>not json</html>'],
    };
    const server = createHttpServer((req, res) => {
      const [status, type, body] = bodies[`/${req.url!.split('/')[1]}`] ?? [404, 'text/plain', 'no'];
      res.writeHead(status, { 'content-type': type }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const form = await cli({ DISCORD_TOKEN: fake.token, DISCORD_API_BASE: `${base}/form` });
      expect(form.code).toBe(1);
      expect(form.stderr).toMatch(/^chipwatch: Discord refused the request \(400, code 50035: Invalid Form Body; 0\.name\[APPLICATION_COMMAND_INVALID_NAME\]: Command name is invalid; 1\.description\[BASE_TYPE_REQUIRED\]: This field is required\)\n$/);
      for (const path of ['html', 'badjson']) {
        const r = await cli({ DISCORD_TOKEN: fake.token, DISCORD_API_BASE: `${base}/${path}` });
        expect(r.code, path).toBe(1);
        expect(r.stderr, path).toMatch(new RegExp(`^chipwatch: ${base.replace(/[.]/g, '\\.')}/${path}\\S* did not answer as Discord's API does \\((not JSON|no list of commands)\\); check DISCORD_API_BASE\n$`));
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test('Discord unreachable (nothing listens on the port) names the address', async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const r = await cli({ DISCORD_TOKEN: fake.token, DISCORD_API_BASE: `http://127.0.0.1:${closed}` });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^chipwatch: could not reach Discord at http://127\\.0\\.0\\.1:${closed}\\S* \\(ECONNREFUSED\\); check the network, or DISCORD_API_BASE if set\n$`));
  });
});
