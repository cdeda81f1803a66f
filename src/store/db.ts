// Opens the SQLite database (better-sqlite3) with the settings every part of chipwatch relies on, and
// brings its schema up to date. Transactions are synchronous: never `await` inside one.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { migrate } from './migrate.ts';

export type Db = Database.Database;

export function openDatabase(file: string): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // NORMAL is durable across process crashes in WAL mode (only an OS crash can lose the last commits).
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536'); // 64 MiB page cache
  migrate(db);
  return db;
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
