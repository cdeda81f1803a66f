// Shared start-up for CLI commands: .env, validated config, logger, app.
import { createApp, type App } from '../app.ts';
import { loadConfig, loadDotEnv } from '../config.ts';
import { createLogger } from '../log.ts';

export function boot(overrides: { logLevel?: string } = {}): App {
  loadDotEnv();
  const config = loadConfig();
  const log = createLogger(overrides.logLevel ?? config.LOG_LEVEL);
  return createApp({ config, log });
}
