// The CLI as a user runs it: `chipwatch ask` in a child process, exit codes, and never a stack trace.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import Database from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.ts';

const dbDir = mkdtempSync(path.join(os.tmpdir(), 'cw-cli-'));

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(PROJECT_ROOT, 'src/cli/bin.mjs'), ...args],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, CHIPWATCH_DB: path.join(dbDir, 'cli.db'), CHIPWATCH_POLL: '0', ...env }, timeout: 30_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('chipwatch ask', () => {
  it('answers /chip alibaba with T-Head, its chips and sources; exit 0', async () => {
    const r = await run(['ask', '/chip alibaba']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('T-Head');
    expect(r.stdout).toContain('Hanguang 800');
    expect(r.stdout).toMatch(/Sources:\n {2}\[1\] .* https?:\/\//);
  });

  it('prints the neutral reply as JSON with --json', async () => {
    const r = await run(['ask', '/chip 寒武纪', '--json']);
    expect(r.code).toBe(0);
    const reply = JSON.parse(r.stdout) as { cards: { title: string }[] };
    expect(reply.cards[0]!.title).toContain('Cambricon');
  });

  it('refuses a misspelt vendor with suggestions; exit 1, no stack trace', async () => {
    const r = await run(['ask', '/chip cambrikon']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Did you mean Cambricon');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('explains bad configuration without a stack trace; exit 2', async () => {
    const r = await run(['ask', '/help'], { DISCORD_TOKEN: 'x' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('DISCORD_APP_ID');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a CHIPWATCH_DB that cannot work: one line naming it, exit 1, no trace (a directory, /proc, a newer schema)', async () => {
    const newer = path.join(dbDir, 'newer.db');
    const raw = new Database(newer);
    raw.pragma('user_version = 999');
    raw.close();
    const cases: [string, RegExp][] = [
      [dbDir, /^chipwatch: CHIPWATCH_DB=.* is a directory; give a file path such as .*\/chipwatch\.db\n$/],
      [newer, /^chipwatch: .*newer\.db was written by a newer chipwatch \(schema 999, this one knows \d+\); upgrade chipwatch or point CHIPWATCH_DB elsewhere\n$/],
      ...(existsSync('/proc/self') ? [['/proc/x/y.db', /^chipwatch: CHIPWATCH_DB=\/proc\/x\/y\.db: cannot create the directory \/proc\/x .*\n$/] as [string, RegExp]] : []),
    ];
    for (const [db, line] of cases) {
      const r = await run(['ask', '/help'], { CHIPWATCH_DB: db });
      expect({ db, code: r.code, stderr: r.stderr }).toEqual({ db, code: 1, stderr: expect.stringMatching(line) });
    }
  });

  it('--debug (anywhere on the line) adds the trace to the same line', async () => {
    const r = await run(['--debug', 'ask', '/help'], { CHIPWATCH_DB: dbDir });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(/^chipwatch: CHIPWATCH_DB=.* is a directory/);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('answers in --lang, else in the terminal’s locale (LC_ALL over LANG); a bad --lang is one line, exit 2', async () => {
    const zh = await run(['ask', '/chip alibaba', '--lang', 'zh-CN'], { LANG: 'de_DE.UTF-8' });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('总部');
    expect(zh.stdout).toContain('下一步：');
    expect(zh.stdout).not.toMatch(/^Headquarters/m);
    const de = await run(['ask', '/chip alibaba'], { LANG: 'en_US.UTF-8', LC_ALL: 'de_DE.UTF-8' });
    expect(de.code).toBe(0);
    expect(de.stdout).toContain('Hauptsitz');
    const bad = await run(['ask', '/chip alibaba', '--lang', 'fr']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('chipwatch: --lang must be one of en, zh-CN, zh-TW, de (got "fr").');
  });

  it('shows usage for an unknown subcommand; exit 2', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: chipwatch <command>');
  });
});
