// Numbered migrations tracked with PRAGMA user_version: each runs in its own transaction that also bumps
// the version, so a crash leaves the schema at a whole step. Re-running is a no-op.
import type Database from 'better-sqlite3';
import { migrations } from './migrations/index.ts';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

export function migrate(db: Database.Database, list: readonly Migration[] = migrations): number {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > list.length) throw new Error(`database schema version ${current} is newer than this chipwatch (${list.length}); upgrade chipwatch`);
  for (const m of list.slice(current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return list.length;
}
