// `npm start`: runs everything that is configured — the chat adapters whose tokens are set (the console
// when none are), and the background services — until SIGINT/SIGTERM or, console-only, until the user
// leaves. Stops in reverse order so in-flight work finishes or is safely abandoned.
import { boot } from './boot.ts';
import { loadDotEnv } from '../config.ts';
import type { ChatAdapter, Service } from '../core/adapter.ts';
import type { App } from '../app.ts';
import { createConsoleAdapter } from '../adapters/console/adapter.ts';
import { deliveryServices } from '../delivery/services.ts';

/** Chat platforms with credentials in the environment. */
async function platformAdapters(app: App): Promise<ChatAdapter[]> {
  const list: ChatAdapter[] = [];
  // Discord (discord.js loads only when configured): DISCORD_TOKEN (+ DISCORD_APP_ID, checked by config).
  if (app.config.DISCORD_TOKEN) list.push((await import('../adapters/discord/adapter.ts')).createDiscordAdapter(app));
  // Slack (bolt loads only when configured): SLACK_BOT_TOKEN or SLACK_CLIENT_ID/SECRET, over HTTP or Socket Mode.
  if (app.config.SLACK_BOT_TOKEN || app.config.SLACK_CLIENT_ID) {
    const { slackSettingsFrom } = await import('../adapters/slack/app.ts');
    const { createSlackAdapter } = await import('../adapters/slack/adapter.ts');
    const settings = slackSettingsFrom(app.config);
    if (settings) list.push(createSlackAdapter(app, settings));
  }
  return list;
}

/** Feed poller, digest scheduler and outbox worker. */
async function backgroundServices(app: App, adapters: ChatAdapter[]): Promise<Service[]> {
  const list: Service[] = [];
  // The feed poller (CHIPWATCH_POLL=0: seed news and `chipwatch ingest` only).
  if (app.config.CHIPWATCH_POLL) list.push((await import('../news/poller.ts')).createPoller(app));
  // Deletes stories older than CHIPWATCH_NEWS_RETENTION_DAYS (at start, then every six hours).
  list.push((await import('../news/retention.ts')).retentionService(app));
  // Digest scheduler, real-time fan-out and outbox worker, posting through the running adapters.
  list.push(...deliveryServices(app, adapters.map((a) => a.poster)));
  return list;
}

export async function start(): Promise<number> {
  loadDotEnv();
  // On the console alone, log lines would interleave with the prompt (and offline, every feed warns):
  // only errors, unless LOG_LEVEL asks for more. `chipwatch sources` shows the feeds' health.
  const consoleOnly = !process.env.DISCORD_TOKEN && !process.env.SLACK_BOT_TOKEN && !process.env.SLACK_APP_TOKEN && !process.env.SLACK_CLIENT_ID;
  const app = boot(consoleOnly && !process.env.LOG_LEVEL ? { logLevel: 'error' } : {});
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
