// `npm start`: runs everything that is configured — the chat adapters whose tokens are set (the console
// when none are), and the background services — until SIGINT/SIGTERM or, console-only, until the user
// leaves. Stops in reverse order so in-flight work finishes or is safely abandoned.
import { boot } from './boot.ts';
import { loadDotEnv } from '../config.ts';
import type { ChatAdapter, Service } from '../core/adapter.ts';
import type { App } from '../app.ts';
import { createConsoleAdapter } from '../adapters/console/adapter.ts';

/** Chat platforms with credentials in the environment. */
async function platformAdapters(_app: App): Promise<ChatAdapter[]> {
  const list: ChatAdapter[] = [];
  return list;
}

/** Feed poller, digest scheduler and outbox worker. */
async function backgroundServices(_app: App, _adapters: ChatAdapter[]): Promise<Service[]> {
  const list: Service[] = [];
  return list;
}

export async function start(): Promise<number> {
  loadDotEnv();
  // On the console alone, info lines would interleave with the prompt: only warnings, unless asked.
  const consoleOnly = !process.env.DISCORD_TOKEN && !process.env.SLACK_BOT_TOKEN && !process.env.SLACK_APP_TOKEN && !process.env.SLACK_CLIENT_ID;
  const app = boot(consoleOnly && !process.env.LOG_LEVEL ? { logLevel: 'warn' } : {});
  const adapters = await platformAdapters(app);
  let leave: () => void = () => {};
  const left = new Promise<void>((resolve) => (leave = resolve));
  if (adapters.length === 0) {
    adapters.push(createConsoleAdapter(app, { interactive: Boolean(process.stdin.isTTY), onClose: () => leave() }));
  }
  const services = [...adapters, ...(await backgroundServices(app, adapters))];
  for (const s of services) await s.start();
  app.log.info({ services: services.map((s) => s.name) }, 'chipwatch started');
  const signal = await Promise.race([
    left.then(() => 'console closed'),
    new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    }),
  ]);
  app.log.info({ reason: signal }, 'chipwatch stopping');
  for (const s of services.reverse()) {
    try {
      await s.stop();
    } catch (e) {
      app.log.error({ err: e, service: s.name }, 'service did not stop cleanly');
    }
  }
  app.db.close();
  return 0;
}
