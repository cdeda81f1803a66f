// Numbered migrations tracked with PRAGMA user_version: each runs in its own transaction that also bumps
// the version, so a crash leaves the schema at a whole step. Re-running is a no-op.
import type Database from 'better-sqlite3';
import { migrations } from './migrations/index.ts';
import { OperatorError } from '../core/errors.ts';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

/** `where` names the database in the refusal of a newer schema (openDatabase passes the file's path). */
export function migrate(db: Database.Database, list: readonly Migration[] = migrations, where = 'the database'): number {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  // Running old code on a newer schema could corrupt what the newer version wrote: refuse, touch nothing.
  if (current > list.length)
    throw new OperatorError('DB_NEWER_SCHEMA', `${where} was written by a newer chipwatch (schema ${current}, this one knows ${list.length}); upgrade chipwatch or point CHIPWATCH_DB elsewhere`);
  for (const m of list.slice(current)) {
    // IMMEDIATE takes the write lock before the version is read again: two processes starting on one new
    // database at the same moment (a restart overlapping the old process) run each step once, not twice.
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return list.length;
}
