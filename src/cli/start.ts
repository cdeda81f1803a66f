// `npm start`: runs everything that is configured — the chat adapters whose tokens are set (the console
// when none are), and the background services — until SIGINT/SIGTERM or, console-only, until the user
// leaves. Stops in reverse order so in-flight work finishes or is safely abandoned, all within
// CHIPWATCH_SHUTDOWN_SECONDS (lifecycle.ts); a failure at start is one line from main's error boundary.
import { boot } from './boot.ts';
import { loadDotEnv } from '../config.ts';
import type { ChatAdapter, Service } from '../core/adapter.ts';
import type { App } from '../app.ts';
import { createConsoleAdapter } from '../adapters/console/adapter.ts';
import { langOfEnv } from '../adapters/console/lang.ts';
import { deliveryServices } from '../delivery/services.ts';
import { gateByLease, type LeaseGate } from '../delivery/lease-gate.ts';
import { OperatorError } from '../core/errors.ts';
import { watchDatabaseFile } from '../store/db-watch.ts';
import { onStopSignals, stopWithin, type StopRequest } from './lifecycle.ts';
import { installProcessGuard } from '../core/process-guard.ts';

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
async function backgroundServices(app: App, adapters: ChatAdapter[]): Promise<LeaseGate> {
  const list: Service[] = [];
  // The feed poller (CHIPWATCH_POLL=0: seed news and `chipwatch ingest` only).
  if (app.config.CHIPWATCH_POLL) list.push((await import('../news/poller.ts')).createPoller(app));
  // Deletes stories older than CHIPWATCH_NEWS_RETENTION_DAYS (at start, then every six hours).
  list.push((await import('../news/retention.ts')).retentionService(app));
  // Digest scheduler, real-time fan-out and outbox worker, posting through the running adapters.
  list.push(...deliveryServices(app, adapters.map((a) => a.poster)));
  // All of them only in the process holding the deliverer lease; any other answers commands only.
  return gateByLease(app, list, { leaseMs: app.config.CHIPWATCH_LEASE_SECONDS * 1000 });
}

export async function start(): Promise<number> {
  loadDotEnv();
  // A stop may be asked for before everything has started (lifecycle.ts): hooked first.
  let requestStop: (r: StopRequest) => void = () => {};
  const stopRequested = new Promise<StopRequest>((resolve) => (requestStop = resolve));
  let stopping = false;
  void stopRequested.then(() => (stopping = true));
  onStopSignals((r) => requestStop(r));
  // On the console alone, log lines would interleave with the prompt (and offline, every feed warns):
  // only errors, unless LOG_LEVEL asks for more. `chipwatch sources` shows the feeds' health.
  const consoleOnly = !process.env.DISCORD_TOKEN && !process.env.SLACK_BOT_TOKEN && !process.env.SLACK_APP_TOKEN && !process.env.SLACK_CLIENT_ID;
  // quick_check once here, where damage matters most (the CLI's short commands skip it; see db.ts).
  const app = boot({ ...(consoleOnly && !process.env.LOG_LEVEL ? { logLevel: 'error' } : {}), quickCheck: true });
  // One malformed event from a platform is logged and survived, never fatal (src/core/process-guard.ts).
  installProcessGuard(app.log);
  const unwatchDb = watchDatabaseFile(app.config.CHIPWATCH_DB, (message) => requestStop({ reason: 'database file lost', exitCode: 1, message }));
  const adapters = await platformAdapters(app);
  if (adapters.length === 0) {
    adapters.push(createConsoleAdapter(app, { interactive: Boolean(process.stdin.isTTY), lang: langOfEnv(), onClose: () => requestStop({ reason: 'console closed', exitCode: 0 }) }));
  }
  // /healthz and /metrics (CHIPWATCH_METRICS_PORT): first, so a port in use stops start-up before anything runs, and stopped last.
  const background = await backgroundServices(app, adapters);
  const ops = app.config.CHIPWATCH_METRICS_PORT === undefined ? [] : [(await import('../ops/http.ts')).createOpsServer(app, { port: app.config.CHIPWATCH_METRICS_PORT, host: app.config.CHIPWATCH_METRICS_HOST, adapters: () => adapters.map((a) => a.name), leaseHolderId: () => background.holder })];
  const services: Service[] = [...ops, ...adapters, background];
  // Started one by one; one still starting when a stop comes (a gateway that never answers) is stopped too.
  const started: Service[] = [];
  const startAll = async () => {
    for (const s of services) {
      if (stopping) return;
      started.push(s);
      await s.start();
    }
  };
  const outcome = await Promise.race([startAll().then(() => ({ started: true as const }), (e: unknown) => ({ failed: e })), stopRequested]);
  let stop: StopRequest;
  if ('started' in outcome) {
    app.log.info({ services: services.map((s) => s.name) }, 'chipwatch started');
    stop = await stopRequested;
  } else stop = 'failed' in outcome ? { reason: 'start-up failed', exitCode: 1 } : outcome;
  app.log.info({ reason: stop.reason }, 'chipwatch stopping');
  unwatchDb();
  const seconds = app.config.CHIPWATCH_SHUTDOWN_SECONDS;
  const stuck = await stopWithin(started.reverse(), seconds * 1000, app.log);
  app.db.close();
  if (stuck.length) {
    // A stuck service's sockets and timers would keep the process alive: exit now (the database is closed).
    app.log.error({ services: stuck }, 'services did not stop in time');
    process.stderr.write(`chipwatch: ${stuck.join(', ')} did not stop within ${seconds} s (CHIPWATCH_SHUTDOWN_SECONDS); exited anyway\n`);
    process.exit(1);
  }
  // Nothing left should run now; a library's stray timer must not keep a stopped bot alive.
  setTimeout(() => process.exit(), 2000).unref();
  if ('failed' in outcome) throw outcome.failed;
  if (stop.message) throw new OperatorError('DB_LOST', stop.message);
  return stop.exitCode;
}
