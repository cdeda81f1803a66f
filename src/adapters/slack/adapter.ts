// The Slack ChatAdapter: start checks the bot token (auth.test) and starts bolt in HTTP or Socket Mode;
// stop stops intake, lets answers already underway finish, and tears down in the order that leaves no
// timers behind (Socket Mode: await the client's disconnect, notes S4). The poster posts for the outbox.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { App } from '../../app.ts';
import type { ChatAdapter } from '../../core/adapter.ts';
import { createSlackApp, type BuiltSlackApp, type SlackSettings } from './app.ts';
import { slackErrorName } from './errors.ts';
import { SqliteInstallationStore } from './installations.ts';
import { slackLogger } from './logger.ts';
import { createSlackPoster } from './poster.ts';
import { EVENTS_PATH } from './routes.ts';
import { OperatorError } from '../../core/errors.ts';

export interface SlackAdapter extends ChatAdapter {
  /** HTTP mode, once started: the URL Slack posts to (tests use it). */
  endpoint(): string | undefined;
  /** The running bolt app and receiver (tests reach the Socket Mode client through it). */
  built(): BuiltSlackApp | undefined;
}

const DRAIN_MS = 5000;

export function createSlackAdapter(core: App, settings: SlackSettings): SlackAdapter {
  let built: BuiltSlackApp | undefined;
  let server: Server | undefined;
  let s = settings;
  const store = s.oauth ? new SqliteInstallationStore(core.db, core.now) : undefined;

  /** Checks the single-workspace token once, with a clear error, and learns the bot's ids so bolt need not. */
  async function verifyToken(): Promise<void> {
    if (!s.botToken || (s.botId && s.botUserId)) return;
    const client = new webApi.WebClient(s.botToken, {
      ...(s.slackApiUrl ? { slackApiUrl: s.slackApiUrl } : {}),
      retryConfig: s.retryConfig ?? { retries: 2, minTimeout: 500, maxTimeout: 2000 },
      logger: slackLogger(core.log),
    });
    try {
      const r = await client.auth.test();
      s = { ...s, ...(r.bot_id ? { botId: r.bot_id } : {}), ...(r.user_id ? { botUserId: r.user_id } : {}) };
      core.log.info({ platform: 'slack', team: r.team_id, bot: r.user_id }, 'slack token accepted');
    } catch (e) {
      const name = slackErrorName(e);
      // A setting the operator fixes (OperatorError: one line, not reported as a bug of ours).
      if (name) throw new OperatorError('SLACK_AUTH', `Slack refused SLACK_BOT_TOKEN (${name}). Copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions after installing the app.`);
      throw new OperatorError('SLACK_UNREACHABLE', `Could not reach Slack's Web API (${s.slackApiUrl ?? 'https://slack.com/api/'}) to check SLACK_BOT_TOKEN: ${(e as Error).message}. Check the network, or SLACK_API_URL if set.`, { cause: e });
    }
  }

  return {
    name: 'slack',
    platform: 'slack',
    poster: createSlackPoster({
      tokenFor: (workspaceId) => (store ? store.botTokenFor(workspaceId) : settings.botToken),
      slackApiUrl: settings.slackApiUrl,
      log: core.log,
    }),
    endpoint() {
      if (!server) return undefined;
      const a = server.address() as AddressInfo;
      const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
      return `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${a.port}${EVENTS_PATH}`;
    },
    built: () => built,
    async start() {
      await verifyToken();
      built = createSlackApp(core, s, store);
      if (built.receiver instanceof HTTPReceiver) {
        server = (await built.bolt.start({ port: s.port, ...(s.host ? { host: s.host } : {}) })) as Server;
        core.log.info({ platform: 'slack', mode: 'http', url: this.endpoint() }, 'slack listening');
      } else {
        // Resolves once Slack's "hello" arrives on the socket.
        try {
          await built.bolt.start();
        } catch (e) {
          const name = slackErrorName(e);
          if (!name) throw e;
          throw new OperatorError('SLACK_AUTH', `Slack refused SLACK_APP_TOKEN (${name}). Generate an app-level token with the connections:write scope under Basic Information → App-Level Tokens, and turn Socket Mode on.`);
        }
        core.log.info({ platform: 'slack', mode: 'socket' }, 'slack connected');
      }
    },
    async stop() {
      if (!built) return;
      const b = built;
      built = undefined;
      if (b.receiver instanceof SocketModeReceiver) {
        // receiver.stop() resolves before the close handshake ends and leaves a 30 s timer; the client's
        // own disconnect() waits for it. stop() afterwards only closes the OAuth HTTP server, if any.
        await b.receiver.client.disconnect();
        await b.receiver.stop();
      } else {
        await b.bolt.stop();
        server = undefined;
      }
      // Answers already acked are finishing their respond(): give them a moment (notes S7).
      const pending = [...b.inflight];
      if (pending.length) {
        await Promise.race([Promise.allSettled(pending), new Promise((r) => setTimeout(r, DRAIN_MS).unref())]);
      }
    },
  };
}
