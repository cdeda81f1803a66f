// Shared start-up for CLI commands: .env, validated config, logger, database, app. The CLI is where the
// command list (commands/) meets the core: the app is handed it, src/ core never imports it.
import { createApp, type App } from '../app.ts';
import { commands } from '../../commands/index.ts';
import { loadConfig, loadDotEnv } from '../config.ts';
import { createLogger } from '../log.ts';
import { openDatabase } from '../store/db.ts';

export function boot(overrides: { logLevel?: string; quickCheck?: boolean } = {}): App {
  loadDotEnv();
  const config = loadConfig();
  const log = createLogger(overrides.logLevel ?? config.LOG_LEVEL);
  const db = openDatabase(config.CHIPWATCH_DB, { quickCheck: overrides.quickCheck ?? false });
  return createApp({ config, log, db, commands });
}
