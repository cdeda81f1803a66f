// Builds the bolt App: HTTP mode (HTTPReceiver, signing-secret checked, port SLACK_PORT) or Socket Mode
// (an explicit SocketModeReceiver with SLACK_APP_TOKEN), single-workspace with SLACK_BOT_TOKEN or
// multi-workspace through OAuth with the installations kept in SQLite. The settings come from config;
// tests change only the seams (port 0, host, API URL, retries, ping timeout) and build it the same way.
import { App as BoltApp, HTTPReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import { randomBytes } from 'node:crypto';
import type { App } from '../../app.ts';
import type { Config } from '../../config.ts';
import { registerActions } from './actions.ts';
import { CapabilityCache } from './capabilities.ts';
import { LocaleCache } from './locale.ts';
import { registerCommands } from './commands.ts';
import { SqliteInstallationStore } from './installations.ts';
import { guardSlackRequests } from './request-guard.ts';
import { guardSocketMode } from './socket-guard.ts';
import { slackLogger } from './logger.ts';
import { BOT_SCOPES, EVENTS_PATH, INSTALL_PATH, OAUTH_REDIRECT_PATH } from './routes.ts';

type RetryConfig = { retries: number; factor?: number; minTimeout?: number; maxTimeout?: number };

export interface SlackSettings {
  mode: 'http' | 'socket';
  /** HTTP mode: verifies every request (HMAC-SHA256, timestamp within 5 minutes either way, no replays: request-guard.ts). */
  signingSecret?: string | undefined;
  /** Single-workspace. */
  botToken?: string | undefined;
  /** Socket Mode (xapp-…, scope connections:write). */
  appToken?: string | undefined;
  /** Multi-workspace OAuth. */
  oauth?: { clientId: string; clientSecret: string; stateSecret: string } | undefined;
  port: number;
  host?: string | undefined;
  /** Web API base ending in "/" (SLACK_API_URL); Slack's when unset. */
  slackApiUrl?: string | undefined;
  /** Web API retries for the bot's own calls (users.info, auth.test); tests use { retries: 0 }. */
  retryConfig?: RetryConfig;
  /** Socket Mode: reconnect back-off step and ping timeout (socket-mode's default 5000 ms). */
  clientPingTimeout?: number;
  /** Known bot identity: skips bolt's auth.test (tests; the adapter fills it from its own auth.test). */
  botId?: string;
  botUserId?: string;
}

/** Normalises SLACK_API_URL to the form the WebClient expects ("…/api/"). */
export function apiBase(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.endsWith('/') ? url : `${url}/`;
}

/** Slack settings from the environment, or undefined when Slack is not configured. */
export function slackSettingsFrom(config: Config): SlackSettings | undefined {
  const oauth = config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET;
  if (!config.SLACK_BOT_TOKEN && !oauth) return undefined;
  return {
    mode: config.SLACK_APP_TOKEN ? 'socket' : 'http',
    signingSecret: config.SLACK_SIGNING_SECRET,
    // OAuth wins when both are set: bolt cannot use a fixed token and an installation store together.
    botToken: oauth ? undefined : config.SLACK_BOT_TOKEN,
    appToken: config.SLACK_APP_TOKEN,
    oauth: oauth
      ? {
          clientId: config.SLACK_CLIENT_ID!,
          clientSecret: config.SLACK_CLIENT_SECRET!,
          // Without a configured secret, install links are only valid until the next restart.
          stateSecret: config.SLACK_STATE_SECRET ?? randomBytes(32).toString('hex'),
        }
      : undefined,
    port: config.SLACK_PORT,
    slackApiUrl: apiBase(config.SLACK_API_URL),
  };
}

export interface BuiltSlackApp {
  bolt: BoltApp;
  receiver: HTTPReceiver | SocketModeReceiver;
  store: SqliteInstallationStore | undefined;
  /** Handlers still running (respond in flight); the adapter waits for them on stop. */
  inflight: Set<Promise<unknown>>;
}

export function createSlackApp(core: App, s: SlackSettings, installations?: SqliteInstallationStore): BuiltSlackApp {
  const logger = slackLogger(core.log);
  const clientOptions = {
    ...(s.slackApiUrl ? { slackApiUrl: s.slackApiUrl } : {}),
    // A users.info check happens while the user waits: fail fast rather than sleep out a rate limit.
    retryConfig: s.retryConfig ?? { retries: 1, factor: 1, minTimeout: 300, maxTimeout: 1000 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logger,
  };
  const store = s.oauth ? (installations ?? new SqliteInstallationStore(core.db, core.now)) : undefined;
  const oauthOptions = s.oauth
    ? { clientId: s.oauth.clientId, clientSecret: s.oauth.clientSecret, stateSecret: s.oauth.stateSecret, installationStore: store, scopes: [...BOT_SCOPES] }
    : {};
  const installerOptions = {
    clientOptions,
    directInstall: true,
    installPath: INSTALL_PATH,
    redirectUriPath: OAUTH_REDIRECT_PATH,
  };

  let receiver: HTTPReceiver | SocketModeReceiver;
  if (s.mode === 'socket') {
    if (!s.appToken) throw new Error('Socket Mode needs SLACK_APP_TOKEN (Basic Information → App-Level Tokens, scope connections:write).');
    // Built explicitly: App cannot set clientPingTimeout, and an explicit receiver takes its Web API
    // options from installerOptions.clientOptions, not App's clientOptions (notes S5).
    receiver = new SocketModeReceiver({
      appToken: s.appToken,
      logger,
      ...(s.clientPingTimeout !== undefined ? { clientPingTimeout: s.clientPingTimeout } : {}),
      ...oauthOptions,
      installerOptions: { ...installerOptions, port: s.port },
    });
    // Malformed envelopes are acknowledged and answered, never fatal (socket-guard.ts).
    guardSocketMode(receiver.client, core.log);
  } else {
    if (!s.signingSecret) throw new Error('Slack over HTTP needs SLACK_SIGNING_SECRET (Basic Information → App Credentials → Signing Secret).');
    receiver = new HTTPReceiver({
      signingSecret: s.signingSecret,
      endpoints: [EVENTS_PATH],
      logger,
      ...oauthOptions,
      installerOptions,
      customRoutes: [{ path: '/healthz', method: ['GET'], handler: (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n') }],
    });
    // Timestamps both ways, no replays, no junk bodies: checked before bolt sees the request.
    receiver.requestListener = guardSlackRequests(receiver.requestListener, { signingSecret: s.signingSecret, paths: [EVENTS_PATH], log: core.log });
  }

  const bolt = new BoltApp({
    receiver: receiver as Receiver,
    ...(s.botToken ? { token: s.botToken } : {}),
    ...(s.botId ? { botId: s.botId } : {}),
    ...(s.botUserId ? { botUserId: s.botUserId } : {}),
    clientOptions,
    logger,
  });
  bolt.error(async (e) => {
    core.log.error({ err: e, code: 'SLACK_ERROR', platform: 'slack' }, 'slack handler failed');
  });

  const inflight = new Set<Promise<unknown>>();
  // Every listener's promise is tracked so stop() can let answers already underway reach Slack (notes S7).
  bolt.use(async ({ next }) => {
    const p = next();
    inflight.add(p);
    try {
      await p;
    } finally {
      inflight.delete(p);
    }
  });
  const deps = { core, cache: new CapabilityCache(), locales: new LocaleCache() };
  registerCommands(bolt, deps);
  registerActions(bolt, deps);
  return { bolt, receiver, store, inflight };
}
