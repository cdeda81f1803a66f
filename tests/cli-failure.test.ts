// The error boundary as pure functions: what each kind of failure prints (one line) and exits with, when
// the trace is shown; and the shutdown deadline with a service that never stops.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { explainFailure, reportFailure, wantsDebug } from '../src/cli/failure.ts';
import { stopWithin } from '../src/cli/lifecycle.ts';
import { ConfigError } from '../src/config.ts';
import { OperatorError } from '../src/core/errors.ts';
import { createLogger } from '../src/log.ts';

function systemError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

describe('explainFailure', () => {
  it('GIVEN an OperatorError THEN its message, exit 1 (2 for usage and configuration)', () => {
    expect(explainFailure(new OperatorError('DB_FULL', 'x: the disk is full'))).toEqual({ line: 'x: the disk is full', exitCode: 1, expected: true });
    expect(explainFailure(new OperatorError('USAGE', 'give a path')).exitCode).toBe(2);
    expect(explainFailure(new ConfigError('Configuration is not valid')).exitCode).toBe(2);
  });

  it('GIVEN system errors a person causes THEN one line with the path and what to do', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cw-fail-'));
    expect(explainFailure(systemError(() => readFileSync(path.join(dir, 'nope'))))).toEqual({ line: `${path.join(dir, 'nope')}: no such file or directory; check the path`, exitCode: 1, expected: true });
    expect(explainFailure(systemError(() => readFileSync(dir))).line).toBe('the path given: is a directory; give a file path'); // Node names no path here
    for (const code of ['EACCES', 'EROFS', 'ENOSPC', 'ENOTDIR'])
      expect(explainFailure(Object.assign(new Error(`${code}: x`), { code, path: '/x/y' })).line).toMatch(/^\/x\/y: .+; .+/);
    expect(explainFailure(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE', address: '127.0.0.1', port: 9464 })).line).toBe(
      'port 9464 on 127.0.0.1 is already in use; stop the other process or choose another port',
    );
  });

  it('GIVEN SQLite errors (extended codes too) THEN one line each', () => {
    for (const code of ['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_READONLY_DBMOVED', 'SQLITE_FULL', 'SQLITE_CANTOPEN', 'SQLITE_IOERR_WRITE']) {
      const f = explainFailure(Object.assign(new Error('sqlite says no'), { code }));
      expect(f.expected, code).toBe(true);
      expect(f.line, code).toMatch(new RegExp(`\\(${code.replace(/^(SQLITE_[A-Z]+).*/, '$1')}\\)`));
    }
  });

  it('GIVEN a Discord error code (a number) THEN no TypeError: it is a bug line, not a crash', () => {
    const f = explainFailure(Object.assign(new Error('Unknown interaction'), { code: 10062 }));
    expect(f).toEqual({ line: 'unexpected error: Unknown interaction (a bug; run with --debug for the trace)', exitCode: 1, expected: false });
  });

  it('GIVEN a bug THEN a short line pointing at --debug, non-zero; the trace only with debug', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x')\nmore text");
    const out: string[] = [];
    expect(reportFailure(bug, false, (s) => out.push(s))).toBe(1);
    expect(out.join('')).toBe("chipwatch: unexpected error: Cannot read properties of undefined (reading 'x') (a bug; run with --debug for the trace)\n");
    const debug: string[] = [];
    reportFailure(new OperatorError('DB_FULL', 'full', { cause: bug }), true, (s) => debug.push(s));
    expect(debug[0]).toBe('chipwatch: full\n');
    expect(debug.join('')).toMatch(/caused by: TypeError: Cannot read properties[\s\S]*\n\s+at /);
  });

  it('--debug anywhere, or LOG_LEVEL=debug, asks for the trace', () => {
    expect(wantsDebug(['ask', '/chip x', '--debug'], {})).toBe(true);
    expect(wantsDebug(['--debug', 'start'], {})).toBe(true);
    expect(wantsDebug(['start'], { LOG_LEVEL: 'debug' })).toBe(true);
    expect(wantsDebug(['start'], { LOG_LEVEL: 'info' })).toBe(false);
  });
});

describe('stopWithin', () => {
  it('GIVEN a service that never stops THEN the others still stop in order and it is named after the deadline', async () => {
    const order: string[] = [];
    const svc = (name: string, stop: () => Promise<void>) => ({ name, start: async () => {}, stop });
    const stuck = await stopWithin(
      [svc('a', async () => void order.push('a')), svc('b', async () => Promise.reject(new Error('boom'))), svc('discord', () => new Promise<void>(() => {})), svc('d', async () => void order.push('d'))],
      200,
      createLogger('silent'),
    );
    expect(order).toEqual(['a']);
    expect(stuck).toEqual(['discord', 'd']);
  });

  it('GIVEN services that stop THEN none is reported', async () => {
    expect(await stopWithin([{ name: 'x', start: async () => {}, stop: async () => {} }], 1000, createLogger('silent'))).toEqual([]);
  });
});
