// `chipwatch ask "/chip alibaba" [--channel ID] [--user ID] [--lang en|zh-CN|zh-TW|de] [--json] [--chart FILE.png]`:
// one command through the core, printed as the console rendering (or the neutral reply as JSON); --chart
// writes the answer's chart as PNG. --lang defaults to the terminal's locale (LC_ALL / LC_MESSAGES / LANG).
// Exit 0 on an answer, 1 on a refusal, 2 on a usage error.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { boot } from './boot.ts';
import { dispatch } from '../core/dispatcher.ts';
import { renderReply } from '../adapters/console/render.ts';
import { CONSOLE_CAPABILITIES } from '../adapters/console/caller.ts';
import { renderChart } from '../charts/render.ts';
import { t } from '../i18n/t.ts';
import { consoleLang } from '../adapters/console/lang.ts';

export async function ask(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { channel: { type: 'string', default: 'console' }, user: { type: 'string', default: 'console-user' }, json: { type: 'boolean', default: false }, chart: { type: 'string' }, lang: { type: 'string' } },
  });
  const line = positionals.join(' ').trim();
  if (!line) {
    console.error('Usage: chipwatch ask "<slash command>" [--channel ID] [--user ID] [--lang en|zh-CN|zh-TW|de] [--json] [--chart FILE.png]\nExample: chipwatch ask "/chip alibaba" --lang zh-CN');
    return 2;
  }
  const lang = consoleLang(values.lang); // a bad --lang is a usage error: one line, exit 2
  const app = boot({ logLevel: 'warn' });
  try {
    const r = await dispatch(app, { platform: 'console', workspaceId: 'console', channelId: values.channel!, userId: values.user!, locale: lang }, CONSOLE_CAPABILITIES, { kind: 'text', line });
    const out = values.json ? JSON.stringify(r, null, 2) : renderReply(r);
    if (r.error) console.error(out);
    else console.log(out);
    if (values.chart !== undefined && !r.error) {
      const spec = r.cards.find((c) => c.chart)?.chart;
      if (!spec) {
        console.error(`chipwatch: ${t(lang, 'console.noChart')}`);
        return 1;
      }
      const img = await renderChart(spec);
      writeFileSync(values.chart, img.png);
      console.log(t(lang, 'console.chartWritten', { path: values.chart, width: img.width, height: img.height, kb: Math.round(img.png.length / 1024) }));
    }
    return r.error ? 1 : 0;
  } finally {
    app.db.close();
  }
}
