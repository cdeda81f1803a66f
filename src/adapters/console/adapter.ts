// The console adapter: a local REPL over the same core (hubot's shell adapter), and a poster that prints
// channel posts, so subscriptions and digests work with no chat account at all.
import { createInterface, type Interface } from 'node:readline';
import type { App } from '../../app.ts';
import type { ChatAdapter, PostResult } from '../../core/adapter.ts';
import { dispatch } from '../../core/dispatcher.ts';
import { renderReply } from './render.ts';
import { CONSOLE_CAPABILITIES } from './caller.ts';
import type { Lang } from '../../i18n/locale.ts';
import { t } from '../../i18n/t.ts';

export interface ConsoleOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Show a prompt and greeting (stdin is a terminal). */
  interactive: boolean;
  channelId?: string;
  /** The language answers and the greeting are in (cli: --lang, else the terminal's locale). */
  lang?: Lang;
  /** Called when the user leaves (exit, Ctrl-D, end of piped input). */
  onClose?: () => void;
}

export function createConsoleAdapter(app: App, o: ConsoleOptions): ChatAdapter {
  const output = o.output ?? process.stdout;
  const channelId = o.channelId ?? 'console';
  const lang = o.lang ?? 'en';
  let rl: Interface | undefined;
  const write = (s: string) => output.write(`${s}\n`);
  let queue = Promise.resolve();

  return {
    name: 'console',
    platform: 'console',
    poster: {
      platform: 'console',
      async post(target, reply): Promise<PostResult> {
        write(`\n[post to #${target.channelId}]\n${renderReply(reply)}\n`);
        return { ok: true };
      },
    },
    async start() {
      rl = createInterface({ input: o.input ?? process.stdin, output: o.interactive ? output : undefined, terminal: o.interactive, historySize: 200 });
      if (o.interactive) {
        write(t(lang, 'console.greeting', { help: '/help', start: '/chip alibaba', exit: 'exit', sources: '`npx chipwatch sources`' }));
        rl.setPrompt('chipwatch> ');
        rl.prompt();
      }
      rl.on('line', (line) => {
        // Lines are answered in order even when a command is slow.
        queue = queue.then(async () => {
          const text = line.trim();
          if (text === 'exit' || text === 'quit') return void rl?.close();
          if (text) {
            const r = await dispatch(app, { platform: 'console', workspaceId: 'console', channelId, userId: 'console-user', locale: lang }, CONSOLE_CAPABILITIES, { kind: 'text', line: text });
            write(renderReply(r));
          }
          if (o.interactive) rl?.prompt();
        });
      });
      rl.on('close', () => void queue.then(() => o.onClose?.()));
    },
    async stop() {
      rl?.close();
      await queue;
    },
  };
}
