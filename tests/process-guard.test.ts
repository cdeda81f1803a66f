// The process-level guard (src/core/process-guard.ts): one bad event must not end the bot. discord.js
// throws inside its gateway handler for some malformed dispatches; in a child process, as in production,
// that is an unhandled rejection — fatal without the guard, logged with a code and survived with it.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.ts';
import { installProcessGuard } from '../src/core/process-guard.ts';
import { createLogger } from '../src/log.ts';

function child(mode: 'guarded' | 'unguarded'): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(PROJECT_ROOT, 'tests/helpers/guarded-discord-child.ts'), mode],
      { cwd: PROJECT_ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME }, timeout: 30_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('process guard', () => {
  it('without it, discord.js throwing on one malformed interaction ends the process', async () => {
    const r = await child('unguarded');
    expect(r.code).not.toBe(0);
    expect(r.stdout).not.toContain('"step":"help"');
  }, 40_000);

  it('with it, the error is logged with a code, the person gets an apology, and the bot answers the next command', async () => {
    const r = await child('guarded');
    expect(r.code).toBe(0);
    const steps = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(steps[0]).toEqual({ step: 'bad', content: expect.stringMatching(/^Sorry/) });
    expect(steps[1]).toEqual({ step: 'help', type: 4 });
    expect(r.stderr).toContain('"code":"UNHANDLED_REJECTION"');
  }, 40_000);

  it('exits non-zero on a storm of uncaught errors, so a supervisor restarts a process that is broken for good', () => {
    const exits: number[] = [];
    const before = new Set(process.listeners('uncaughtException'));
    const remove = installProcessGuard(createLogger('silent'), { exit: (c) => exits.push(c), now: () => 0 });
    try {
      const ours = process.listeners('uncaughtException').find((l) => !before.has(l))!;
      // Called directly: emitting would also reach the test runner's own handler.
      for (let i = 0; i < 100; i++) ours(new Error('x'), 'uncaughtException');
      expect(exits).toEqual([]);
      ours(new Error('x'), 'uncaughtException');
      expect(exits).toEqual([1]);
    } finally {
      remove();
    }
    expect(process.listeners('uncaughtException').length).toBe(before.size);
  });
});
