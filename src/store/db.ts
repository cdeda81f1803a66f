// Opens the SQLite database (better-sqlite3) with the settings every part of chipwatch relies on, and
// brings its schema up to date. Transactions are synchronous: never `await` inside one.
// Every way CHIPWATCH_DB can be wrong (a directory, a text file, a damaged file, a newer schema, a path
// through a file, a read-only place, a full disk) ends in one OperatorError naming the path and the fix
// (see db-open-errors.ts). A new database file is made 0600: it holds Slack OAuth tokens.
import Database from 'better-sqlite3';
import { chmodSync, statSync } from 'node:fs';
import path from 'node:path';
import { OperatorError } from '../core/errors.ts';
import { migrate } from './migrate.ts';
import { checkWritable, databaseError, prepareDirectory } from './db-open-errors.ts';

export type Db = Database.Database;

export interface OpenOptions {
  /**
   * Run PRAGMA quick_check(1) on an existing file before migrating: damaged pages are found at start, not
   * by the first query that reads them. It reads every page (measured: 1.5–2 s for a 135 MB database on a
   * busy 2-core machine), so the bot asks for it once at start; short CLI commands skip it and meet damage,
   * if any, as SQLITE_CORRUPT, which the CLI reports in one line as well.
   */
  quickCheck?: boolean;
}

export function openDatabase(file: string, o: OpenOptions = {}): Db {
  if (file === ':memory:') {
    let db: Db;
    try {
      db = new Database(file);
    } catch (e) {
      throw databaseError(file, e); // better-sqlite3's compiled module missing: say how to fix it
    }
    configure(db);
    migrate(db);
    return db;
  }
  const abs = path.resolve(file);
  prepareDirectory(abs);
  const existing = statSync(abs, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new OperatorError('DB_PATH', `CHIPWATCH_DB=${abs} is a directory; give a file path such as ${path.join(abs, 'chipwatch.db')}`);
  if (existing && !existing.isFile()) throw new OperatorError('DB_PATH', `CHIPWATCH_DB=${abs} is not a regular file; give the path of a database file`);
  checkWritable(abs, Boolean(existing));
  let db: Db | undefined;
  try {
    db = new Database(abs);
    // SQLite created the file just now (empty): owner-only before anything is written to it. SQLite gives
    // the -wal and -shm files the database file's mode, so they are 0600 too.
    if (!existing) chmodSync(abs, 0o600);
    configure(db);
    // A file made by an older chipwatch may be readable by others; it holds Slack tokens: tighten it
    // (where we own it; otherwise the operator chose its mode). Only once configure has read its header:
    // a text file CHIPWATCH_DB names by mistake is refused as it is, its mode untouched.
    if (existing && existing.mode & 0o077 && existing.uid === process.getuid?.()) for (const f of [abs, `${abs}-wal`, `${abs}-shm`]) if (statSync(f, { throwIfNoEntry: false })) chmodSync(f, 0o600);
    if (existing && existing.size > 0 && o.quickCheck) quickCheck(db, abs);
    migrate(db, undefined, abs);
    return db;
  } catch (e) {
    db?.close();
    throw databaseError(abs, e);
  }
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the last commits).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536'); // 64 MiB page cache
}

/**
 * quick_check (not integrity_check: it skips index-content checks, which are the slow part) stopped at
 * the first problem. Catches damaged pages at start rather than at the first query that reads them.
 */
function quickCheck(db: Db, abs: string): void {
  const r = db.pragma('quick_check(1)', { simple: true }) as string;
  // The first line is only a heading ("*** in database main ***"): the first line that is not one says what is wrong.
  const problem = r.split('\n').find((l) => l.trim() && !/^\*\*\*.*\*\*\*$/.test(l.trim()))?.trim() ?? r.trim();
  if (r !== 'ok') throw new OperatorError('DB_CORRUPT', `${abs} is damaged (quick_check: ${problem.slice(0, 200)}); restore a backup (README, "Backup and restore") or move the file away to start afresh`);
}

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/** A prepared statement for `sql`, prepared once per connection (repositories call this on every use). */
export function stmt<P extends unknown[] | {} = unknown[], R = unknown>(db: Db, sql: string): Database.Statement<P, R> {
  let m = statementCache.get(db);
  if (!m) statementCache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s as unknown as Database.Statement<P, R>;
}
