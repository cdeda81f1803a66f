// Builds a real App for tests: an in-memory SQLite database, migrated and loaded with the shipped
// catalog, a silent logger, and (optionally) a fake clock. No mocks: the same code paths as production.
import { createApp, type App } from '../../src/app.ts';
import { commands } from '../../commands/index.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { openDatabase } from '../../src/store/db.ts';
import { dispatch } from '../../src/core/dispatcher.ts';
import type { Caller, CapabilityProbe } from '../../src/core/context.ts';
import type { Reply } from '../../src/core/reply.ts';

export function testApp(o: { now?: () => Date; env?: Record<string, string> } = {}): App {
  const config = loadConfig({ CHIPWATCH_DB: ':memory:', LOG_LEVEL: 'silent', ...o.env });
  return createApp({ config, log: createLogger('silent'), db: openDatabase(':memory:'), commands, ...(o.now ? { now: o.now } : {}) });
}

export const consoleCaller: Caller = { platform: 'console', workspaceId: 'console', channelId: 'test-channel', userId: 'tester' };
export const canManage: CapabilityProbe = async () => ({ manageChannel: true });

/** Runs a typed command line through the real dispatcher as the console operator. */
export function ask(app: App, line: string, caller: Caller = consoleCaller, caps: CapabilityProbe = canManage): Promise<Reply> {
  return dispatch(app, caller, caps, { kind: 'text', line });
}
