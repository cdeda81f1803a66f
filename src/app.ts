// The running bot's shared services, built once at start and handed to every command and adapter.
import type { Command } from './core/command.ts';
import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import { openDatabase, type Db } from './store/db.ts';
import { loadCatalog } from './catalog/load.ts';
import { seedNewsAtStart } from './news/seed.ts';

export interface App {
  config: Config;
  db: Db;
  log: Logger;
  commands: readonly Command[];
  /** The clock; tests replace it. */
  now: () => Date;
}

export interface AppOptions {
  config: Config;
  log: Logger;
  now?: () => Date;
  /** The slash commands (commands/index.ts), handed in by the CLI: the core never imports commands/. */
  commands: readonly Command[];
  /** An already open database (tests pass an in-memory one). */
  db?: Db;
}

/** Opens and migrates the database and loads the shipped catalog (idempotent; skipped when unchanged). */
export function createApp(o: AppOptions): App {
  const db = o.db ?? openDatabase(o.config.CHIPWATCH_DB);
  loadCatalog(db);
  const app: App = { config: o.config, db, log: o.log, commands: o.commands, now: o.now ?? (() => new Date()) };
  seedNewsAtStart(app); // data/news-seed.json, so a fresh install shows news (skipped when unchanged)
  return app;
}
