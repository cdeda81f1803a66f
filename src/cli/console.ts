// `chipwatch console [--lang en|zh-CN|zh-TW|de]`: the interactive prompt alone (no poller, no platforms),
// answering in --lang, else in the terminal's locale (LC_ALL / LC_MESSAGES / LANG), else English.
import { parseArgs } from 'node:util';
import { boot } from './boot.ts';
import { createConsoleAdapter } from '../adapters/console/adapter.ts';
import { consoleLang } from '../adapters/console/lang.ts';

export async function consoleCommand(argv: string[] = []): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { lang: { type: 'string' } } });
  const lang = consoleLang(values.lang); // a bad --lang is a usage error: one line, exit 2
  const app = boot({ logLevel: 'warn' });
  await new Promise<void>((resolve) => {
    const adapter = createConsoleAdapter(app, { interactive: Boolean(process.stdin.isTTY), lang, onClose: resolve });
    void adapter.start();
  });
  app.db.close();
  return 0;
}
