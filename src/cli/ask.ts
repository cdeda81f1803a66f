// `chipwatch ask "/chip alibaba" [--channel ID] [--user ID] [--json]`: one command through the core,
// printed as the console rendering (or the neutral reply as JSON). Exit 0 on an answer, 1 on a refusal.
import { parseArgs } from 'node:util';
import { boot } from './boot.ts';
import { dispatch } from '../core/dispatcher.ts';
import { renderReply } from '../adapters/console/render.ts';
import { CONSOLE_CAPABILITIES } from '../adapters/console/caller.ts';

export async function ask(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { channel: { type: 'string', default: 'console' }, user: { type: 'string', default: 'console-user' }, json: { type: 'boolean', default: false } },
  });
  const line = positionals.join(' ').trim();
  if (!line) {
    console.error('Usage: chipwatch ask "<slash command>" [--channel ID] [--user ID] [--json]\nExample: chipwatch ask "/chip alibaba"');
    return 2;
  }
  const app = boot({ logLevel: 'warn' });
  try {
    const r = await dispatch(app, { platform: 'console', workspaceId: 'console', channelId: values.channel!, userId: values.user! }, CONSOLE_CAPABILITIES, { kind: 'text', line });
    const out = values.json ? JSON.stringify(r, null, 2) : renderReply(r);
    if (r.error) console.error(out);
    else console.log(out);
    return r.error ? 1 : 0;
  } finally {
    app.db.close();
  }
}
