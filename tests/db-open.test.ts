// Opening CHIPWATCH_DB: every way the path can be wrong ends in one OperatorError naming the path and the
// fix (never a hang or a trace); damage is found by quick_check at start; a new file is 0600; a file
// deleted, replaced or made read-only under the running bot is noticed.
// Read-only and full file systems: as root (where permissions do not bind) a tiny tmpfs is mounted when
// the machine allows it; otherwise a chmod'ed directory, or the test says it was skipped and why.
import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/store/db.ts';
import { databaseError } from '../src/store/db-open-errors.ts';
import { databaseFileProblem } from '../src/store/db-watch.ts';
import { migrations } from '../src/store/migrations/index.ts';
import { OperatorError } from '../src/core/errors.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cw-dbopen-'));
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) execFileSync('umount', [m]);
  chmodSync(dir, 0o700);
  rmSync(dir, { recursive: true, force: true });
});

function openError(file: string, o = {}): OperatorError {
  try {
    openDatabase(file, o).close();
  } catch (e) {
    expect(e).toBeInstanceOf(OperatorError);
    expect((e as Error).message).not.toContain('\n');
    return e as OperatorError;
  }
  throw new Error(`opening ${file} did not fail`);
}

const isRoot = process.getuid?.() === 0;
/** A tmpfs of `size` mounted at a new directory (root only); undefined where mounting is not allowed. */
function tmpfs(size: string, opts = ''): string | undefined {
  if (!isRoot) return undefined;
  const at = mkdtempSync(path.join(dir, 'mnt-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${opts ? `,${opts}` : ''}`, 'tmpfs', at], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  mounts.push(at);
  return at;
}

describe('CHIPWATCH_DB that cannot work: one line each', () => {
  it('a directory', () => {
    mkdirSync(path.join(dir, 'a-dir.db'));
    const e = openError(path.join(dir, 'a-dir.db'));
    expect(e.code).toBe('DB_PATH');
    expect(e.message).toMatch(/a-dir\.db is a directory; give a file path such as .*a-dir\.db\/chipwatch\.db$/);
  });

  it('a text file', () => {
    const f = path.join(dir, 'notes.db');
    writeFileSync(f, 'these are my notes\n'.repeat(20));
    const e = openError(f);
    expect(e.code).toBe('DB_NOT_SQLITE');
    expect(e.message).toContain(`CHIPWATCH_DB=${f} is not an SQLite database`);
    expect(statSync(f).size).toBe(19 * 20); // untouched
  });

  it('a text file is refused with its mode as it was (was: made 0600 before it was known not to be a database)', () => {
    const f = path.join(dir, 'readable-notes.db');
    writeFileSync(f, 'these are my notes\n'.repeat(20));
    chmodSync(f, 0o644);
    expect(openError(f).code).toBe('DB_NOT_SQLITE');
    expect((statSync(f).mode & 0o777).toString(8)).toBe('644');
  });

  it('a damaged header', () => {
    const f = path.join(dir, 'header.db');
    openDatabase(f).close();
    const fd = openSync(f, 'r+');
    writeSync(fd, Buffer.from('SQLite format 9\0'), 0, 16, 0);
    closeSync(fd);
    expect(openError(f).code).toBe('DB_NOT_SQLITE');
  });

  it('a database from a newer chipwatch: refused, untouched', () => {
    const f = path.join(dir, 'newer.db');
    const raw = new Database(f);
    raw.pragma(`user_version = ${migrations.length + 3}`);
    raw.close();
    const e = openError(f);
    expect(e.code).toBe('DB_NEWER_SCHEMA');
    expect(e.message).toBe(`${f} was written by a newer chipwatch (schema ${migrations.length + 3}, this one knows ${migrations.length}); upgrade chipwatch or point CHIPWATCH_DB elsewhere`);
    const after = new Database(f);
    expect(after.prepare(`SELECT count(*) FROM sqlite_master`).pluck().get()).toBe(0);
    after.close();
  });

  it('a path through a file (/etc/passwd/x.db style)', () => {
    const file = path.join(dir, 'plain-file');
    writeFileSync(file, 'x');
    const e = openError(path.join(file, 'sub', 'x.db'));
    expect(e.message).toBe(`CHIPWATCH_DB=${path.join(file, 'sub', 'x.db')}: ${file} is a file, not a directory; choose a path inside a directory`);
  });

  it.runIf(existsSync('/proc/self'))('under /proc: refused at once (was: recursive mkdir spinning at 100% CPU forever)', () => {
    const e = openError('/proc/chipwatch-x/y.db');
    expect(e.message).toMatch(/^CHIPWATCH_DB=\/proc\/chipwatch-x\/y\.db: cannot create the directory \/proc\/chipwatch-x /);
  });

  it('missing directories are created, each once', () => {
    const f = path.join(dir, 'new', 'deeper', 'fresh.db');
    openDatabase(f).close();
    expect(statSync(f).isFile()).toBe(true);
  });

  it('a read-only directory', (ctx) => {
    let ro = tmpfs('64k', 'ro');
    if (!ro && !isRoot) {
      ro = path.join(dir, 'ro');
      mkdirSync(ro, { mode: 0o555 });
    }
    if (!ro) return ctx.skip('skipped: root without permission to mount a tmpfs; a chmod would not bind root');
    const e = openError(path.join(ro, 'x.db'));
    expect(e.code).toBe('DB_READ_ONLY');
    expect(e.message).toMatch(/x\.db: its directory is not writable \((read-only file system|permission denied)\); give the user running chipwatch write access/);
  });

  it('an existing database on a file system that became read-only', (ctx) => {
    const at = tmpfs('1m');
    if (!at) {
      if (isRoot) return ctx.skip('skipped: root without permission to mount a tmpfs');
      const f = path.join(dir, 'ro-file.db');
      openDatabase(f).close();
      chmodSync(f, 0o400);
      return expect(openError(f).code).toBe('DB_READ_ONLY');
    }
    const f = path.join(at, 'x.db');
    openDatabase(f).close();
    execFileSync('mount', ['-o', 'remount,ro', at]);
    const e = openError(f);
    expect(e.code).toBe('DB_READ_ONLY');
    expect(e.message).toContain('the file is not writable (read-only file system)');
  });

  it('a full disk (a 64 KiB tmpfs: the schema does not fit)', (ctx) => {
    const at = tmpfs('64k');
    if (!at) return ctx.skip('skipped: needs root and mount (the SQLITE_FULL mapping is tested below without it)');
    const e = openError(path.join(at, 'x.db'));
    expect(e.code).toBe('DB_FULL');
    expect(e.message).toMatch(/x\.db: the disk is full \(SQLITE_FULL\); free some space/);
  });

  it('SQLITE_FULL from SQLite itself (max_page_count: the portable stand-in for a full disk)', () => {
    const f = path.join(dir, 'capped.db');
    const db = new Database(f);
    db.pragma('max_page_count = 3');
    let thrown: unknown;
    try {
      for (let i = 0; i < 10; i++) db.exec(`CREATE TABLE t${i} (x TEXT); CREATE INDEX i${i} ON t${i}(x)`);
    } catch (err) {
      thrown = err;
    }
    db.close();
    expect((thrown as { code?: string }).code).toBe('SQLITE_FULL');
    const e = databaseError(f, thrown) as OperatorError;
    expect(e.code).toBe('DB_FULL');
    expect(e.message).toBe(`${f}: the disk is full (SQLITE_FULL); free some space on it (or move CHIPWATCH_DB to a disk with room)`);
  });
});

describe('better-sqlite3 not built for this Node (seen while an install was still compiling it)', () => {
  it('GIVEN the bindings error THEN one line saying to rebuild it', () => {
    const e = databaseError('/x/chipwatch.db', new Error('Could not locate the bindings file. Tried:\n → /work/node_modules/better-sqlite3/build/better_sqlite3.node')) as OperatorError;
    expect(e.code).toBe('DB_NATIVE_MODULE');
    expect(e.message).toBe(`better-sqlite3's compiled module is missing or was built for another Node version (this is ${process.version}); run \`npm rebuild better-sqlite3\``);
  });
});

describe('quick_check at start', () => {
  it('damaged data pages are found when asked (the bot asks at start); the header alone looks fine', () => {
    const f = path.join(dir, 'damaged.db');
    const db = openDatabase(f);
    db.exec(`CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)`);
    const ins = db.prepare(`INSERT INTO filler (body) VALUES (?)`);
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) ins.run(`row ${i} `.repeat(20));
    })();
    db.close();
    // Overwrite one page of the table's b-tree (near the end of the file) with garbage.
    const pageSize = 4096;
    const pages = statSync(f).size / pageSize;
    const fd = openSync(f, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (pages - 3) * pageSize);
    closeSync(fd);
    expect(() => openDatabase(f).close()).not.toThrow(); // unnoticed without the check
    const e = openError(f, { quickCheck: true });
    expect(e.code).toBe('DB_CORRUPT');
    expect(e.message).toMatch(new RegExp(`^${f.replace(/[.\\/]/g, '\\$&')} is damaged \\(quick_check: .+\\); restore a backup`));
    // What is wrong, not SQLite's heading line ("*** in database main ***").
    expect(e.message).not.toContain('***');
    expect(e.message).toMatch(/quick_check: .*page \d+/i);
  });
});

describe('a new database file is 0600 (it holds Slack OAuth tokens)', () => {
  it('the file and its -wal and -shm', () => {
    const old = process.umask(0o022); // the usual umask, which would give 0644
    try {
      const f = path.join(dir, 'secret.db');
      const db = openDatabase(f);
      db.exec(`CREATE TABLE IF NOT EXISTS probe (x); INSERT INTO probe VALUES (1)`);
      for (const p of [f, `${f}-wal`, `${f}-shm`]) expect({ p, mode: (statSync(p).mode & 0o777).toString(8) }).toEqual({ p, mode: '600' });
      db.close();
    } finally {
      process.umask(old);
    }
  });

  it('an existing world-readable file from an older chipwatch is tightened at open', () => {
    const f = path.join(dir, 'old.db');
    openDatabase(f).close();
    chmodSync(f, 0o644);
    const db = openDatabase(f);
    expect((statSync(f).mode & 0o777).toString(8)).toBe('600');
    db.close();
  });
});

describe('the database file going away under a running bot', () => {
  const opened = (f: string) => {
    openDatabase(f).close();
    const st = statSync(f);
    return { dev: st.dev, ino: st.ino };
  };

  it('all well: no problem', () => {
    const f = path.join(dir, 'watch-ok.db');
    expect(databaseFileProblem(f, opened(f))).toBeUndefined();
  });

  it('deleted', () => {
    const f = path.join(dir, 'watch-del.db');
    const id = opened(f);
    rmSync(f);
    expect(databaseFileProblem(f, id)).toMatch(/watch-del\.db was deleted while chipwatch was running \(writes would be lost\)/);
  });

  it('replaced by another file', () => {
    const f = path.join(dir, 'watch-rep.db');
    const id = opened(f);
    writeFileSync(`${f}.new`, '');
    renameSync(`${f}.new`, f);
    expect(databaseFileProblem(f, id)).toMatch(/watch-rep\.db was replaced while chipwatch was running/);
  });

  it('made read-only', (ctx) => {
    const at = tmpfs('1m');
    if (!at && isRoot) return ctx.skip('skipped: root without permission to mount a tmpfs');
    const f = path.join(at ?? dir, 'watch-ro.db');
    const id = opened(f);
    if (at) execFileSync('mount', ['-o', 'remount,ro', at]);
    else chmodSync(f, 0o400);
    expect(databaseFileProblem(f, id)).toMatch(/watch-ro\.db became read-only while chipwatch was running \((EROFS|EACCES)\)/);
  });
});
