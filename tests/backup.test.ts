// `chipwatch backup PATH`: an online copy while another process keeps writing (the bot's situation),
// consistent (every writer transaction wholly in or wholly out), 0600, never overwriting without --force.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { linkSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.ts';
import { openDatabase } from '../src/store/db.ts';
import { migrate } from '../src/store/migrate.ts';
import { migrations } from '../src/store/migrations/index.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cw-backup-'));
const dbFile = path.join(dir, 'live.db');

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(PROJECT_ROOT, 'src/cli/bin.mjs'), 'backup', ...args],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, CHIPWATCH_DB: dbFile }, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

// Another process writing all the time: each transaction adds one row to `a` and one to `b`, so a
// consistent copy has equal counts.
const WRITER = `
const Database = require(${JSON.stringify(path.join(PROJECT_ROOT, 'node_modules/better-sqlite3'))});
const db = new Database(process.argv[1]);
db.pragma('busy_timeout = 5000');
const add = db.transaction((i) => { db.prepare('INSERT INTO a (n, pad) VALUES (?, ?)').run(i, 'x'.repeat(500)); db.prepare('INSERT INTO b (n) VALUES (?)').run(i); });
let i = 0;
const tick = () => { for (let k = 0; k < 20; k++) add(i++); if (i === 200) process.stdout.write('writing\\n'); setTimeout(tick, 5); };
tick();
`;

let writer: ChildProcess;
beforeAll(async () => {
  const db = openDatabase(dbFile);
  db.exec(`CREATE TABLE a (n INTEGER, pad TEXT); CREATE TABLE b (n INTEGER)`);
  db.close();
  writer = spawn(process.execPath, ['-e', WRITER, dbFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => writer.stdout!.once('data', () => resolve()));
});
afterAll(() => {
  writer.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('chipwatch backup', () => {
  it('copies the database while another process writes: consistent, checked, 0600, size and path printed', async () => {
    const to = path.join(dir, 'copy.db');
    const r = await cli([to]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Backed up ${dbFile.replace(/[.\\/]/g, '\\$&')} to ${to.replace(/[.\\/]/g, '\\$&')} \\([\\d.]+ (KiB|MiB); quick_check ok\\)\\.\\n$`));
    expect((statSync(to).mode & 0o777).toString(8)).toBe('600');
    const copy = new Database(to, { readonly: true });
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    const a = copy.prepare(`SELECT count(*) FROM a`).pluck().get() as number;
    expect(a).toBeGreaterThanOrEqual(200);
    expect(copy.prepare(`SELECT count(*) FROM b`).pluck().get()).toBe(a);
    expect(copy.prepare(`SELECT count(*) FROM vendors`).pluck().get()).toBeGreaterThanOrEqual(0); // the chipwatch schema came along
    copy.close();
    expect(writer.exitCode).toBeNull(); // the writer was never blocked into failing
  });

  it('refuses to overwrite an existing file without --force (one line, file untouched); --force replaces it', async () => {
    const to = path.join(dir, 'exists.db');
    writeFileSync(to, 'keep me');
    const r = await cli([to]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`chipwatch: ${to} already exists; choose another path, or add --force to replace it\n`);
    expect(readFileSync(to, 'utf8')).toBe('keep me');
    const forced = await cli([to, '--force']);
    expect(forced.code).toBe(0);
    const copy = new Database(to, { readonly: true });
    expect(copy.prepare(`SELECT count(*) FROM a`).pluck().get()).toBeGreaterThan(0);
    copy.close();
    expect((statSync(to).mode & 0o777).toString(8)).toBe('600');
  });

  it('a missing directory or no path: one line each, nothing left behind', async () => {
    const r = await cli([path.join(dir, 'nowhere', 'x.db')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`chipwatch: the directory ${path.join(dir, 'nowhere')} does not exist; create it or choose another path\n`);
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('chipwatch: give one backup file path. Usage: chipwatch backup PATH [--force]\n');
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('refuses the live database under another name, or its -wal/-shm, even with --force (was: moved the copy over it under the writer)', async () => {
    const linkedDir = path.join(dir, 'same-dir');
    symlinkSync(dir, linkedDir);
    const hardLink = path.join(dir, 'hard.db');
    linkSync(dbFile, hardLink);
    const inode = statSync(dbFile).ino;
    for (const [to, what] of [
      [path.join(linkedDir, 'live.db'), ''],
      [`${dbFile}-wal`, ' or its -wal file'],
      [path.join(linkedDir, 'live.db-shm'), ' or its -shm file'],
      [hardLink, ''],
    ] as const) {
      const r = await cli([to, '--force']);
      expect(r.stderr, to).toMatch(new RegExp(`^chipwatch: the backup must not be CHIPWATCH_DB itself${what} \\(.+\\); choose another path\\n$`));
      expect(r.code, to).toBe(2);
    }
    expect(statSync(dbFile).ino).toBe(inode); // the live file is the same one
    expect(writer.exitCode).toBeNull(); // and its writer is still writing to it
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('leaves the database it copies untouched: an older schema is copied as it is, not migrated under the bot that runs on it', async () => {
    const older = path.join(dir, 'older.db');
    const db = new Database(older);
    migrate(db, migrations.slice(0, 5));
    db.close();
    const to = path.join(dir, 'older-copy.db');
    const r = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(process.execPath, [path.join(PROJECT_ROOT, 'src/cli/bin.mjs'), 'backup', to], { env: { PATH: process.env.PATH, HOME: process.env.HOME, CHIPWATCH_DB: older }, timeout: 60_000 }, (err, _out, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stderr }),
      ),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const after = new Database(older, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(5); // was: migrated to the newest schema
    after.close();
    const copy = new Database(to, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(5);
    copy.close();
  });
});
