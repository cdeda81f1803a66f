// A real core App for the Slack tests: in-memory SQLite (all migrations), silent log, the shipped
// commands plus two test commands — one whose answer is full of hostile feed text, one that needs
// manage-channel. Built without loading the catalog files, so the adapter tests do not depend on the
// catalog data being complete; /chip with a vendor is covered where the catalog is.
import type { App } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import { createLogger } from '../../../src/log.ts';
import { openDatabase } from '../../../src/store/db.ts';
import { defineCommand } from '../../../src/core/command.ts';
import { stringOption } from '../../../src/core/options.ts';
import { reply } from '../../../src/core/reply.ts';
import { commands } from '../../../commands/index.ts';

/** What a hostile feed might put in a story title. */
export const HOSTILE = '<!channel> <@U123> <https://evil.example|click> *bold*';
export const STORY_URL = 'https://news.example/story?id=1';
export const SOURCE_URL = 'https://source.example/report';

/** Answers publicly with every kind of card part carrying HOSTILE, and a button back to /help. */
export const feedTest = defineCommand({
  name: 'feedtest',
  description: { en: 'Test: hostile feed text', 'zh-CN': '测试', de: 'Test' },
  options: [],
  permission: 'everyone',
  visibility: 'public',
  handler: () =>
    reply(`Latest: ${HOSTILE}`, {
      cards: [
        {
          title: HOSTILE,
          url: 'https://vendor.example/',
          description: `${HOSTILE}\n> quoted _it_ ~strike~ \`code\``,
          fields: [{ name: HOSTILE, value: HOSTILE }],
          table: { columns: ['Chip', 'Year', 'Note'], rows: [[HOSTILE, '2025', '```break out```']] },
          items: [{ title: HOSTILE, url: STORY_URL, meta: HOSTILE }],
          footnotes: [{ mark: '1', label: HOSTILE, url: SOURCE_URL, date: '2026-11' }],
          footer: HOSTILE,
        },
      ],
      actions: [{ label: 'Help', command: '/help', style: 'primary' }],
    }),
});

/** Needs manage-channel: echoes its argument when allowed. */
export const guarded = defineCommand({
  name: 'guarded',
  description: { en: 'Test: needs manage-channel', 'zh-CN': '测试', de: 'Test' },
  options: [stringOption('what', { description: { en: 'anything', 'zh-CN': '任意', de: 'egal' }, required: true, positional: 'rest' })],
  permission: 'manage-channel',
  visibility: 'ephemeral',
  handler: (_ctx, { what }) => reply(`allowed: ${what}`, { visibility: 'ephemeral' }),
});

export function slackTestCore(env: Record<string, string> = {}): App {
  const config = loadConfig({ CHIPWATCH_DB: ':memory:', LOG_LEVEL: 'silent', ...env });
  return { config, db: openDatabase(':memory:'), log: createLogger('silent'), commands: [...commands, feedTest, guarded], now: () => new Date() };
}
