// The Discord ChatAdapter: a gateway connection that answers interactions through the core, and a poster
// for channel posts. `start` resolves once Discord says the bot is ready; `stop` lets in-flight answers
// finish (briefly) and then closes the connection.
import { Events, type Client } from 'discord.js';
import type { App } from '../../app.ts';
import type { ChatAdapter } from '../../core/adapter.ts';
import { createDiscordClient, type DiscordClientOptions } from './client.ts';
import { guardInteractions } from './interaction-guard.ts';
import { handleInteraction } from './interactions.ts';
import { createDiscordPoster } from './poster.ts';
import { discordApiFailure } from './api-failure.ts';

export interface DiscordAdapterOverrides {
  token?: string;
  /** Replaces DISCORD_API_BASE (tests point it at the fake). */
  restApiBase?: string;
  identifyThrottler?: DiscordClientOptions['identifyThrottler'];
  rest?: DiscordClientOptions['rest'];
  postWaitMaxMs?: number;
  deferAfterMs?: number;
  readyTimeoutMs?: number;
}

export interface DiscordAdapter extends ChatAdapter {
  client: Client;
}

const STOP_GRACE_MS = 5000;

export function createDiscordAdapter(app: App, o: DiscordAdapterOverrides = {}): DiscordAdapter {
  const token = o.token ?? app.config.DISCORD_TOKEN;
  if (!token) throw new Error('DISCORD_TOKEN is not set. Developer Portal → your application → Bot → Reset Token, then put it in .env.');
  const client = createDiscordClient({
    token,
    ...((o.restApiBase ?? app.config.DISCORD_API_BASE) ? { apiBase: o.restApiBase ?? app.config.DISCORD_API_BASE } : {}),
    ...(o.identifyThrottler ? { identifyThrottler: o.identifyThrottler } : {}),
    ...(o.rest ? { rest: o.rest } : {}),
    ...(o.postWaitMaxMs !== undefined ? { postWaitMaxMs: o.postWaitMaxMs } : {}),
  });
  const log = app.log.child({ platform: 'discord' });
  const inFlight = new Set<Promise<void>>();

  // Before discord.js reads an interaction: malformed ones are repaired or refused, never fatal.
  guardInteractions(client, log);
  client.on(Events.InteractionCreate, (i) => {
    const p = handleInteraction(app, i, o.deferAfterMs !== undefined ? { deferAfterMs: o.deferAfterMs } : {});
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  });
  client.on(Events.Error, (err) => log.error({ err, code: 'DISCORD_CLIENT_ERROR' }, 'discord client error'));
  client.on(Events.ShardDisconnect, (ev, shard) => log.warn({ shard, closeCode: ev.code }, 'discord gateway disconnected'));
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'discord gateway resumed'));

  return {
    name: 'discord',
    platform: 'discord',
    client,
    poster: createDiscordPoster(client.rest, log),
    async start() {
      const timeoutMs = o.readyTimeoutMs ?? 60_000;
      let timer: NodeJS.Timeout | undefined;
      const ready = new Promise<void>((resolve, reject) => {
        client.once(Events.ClientReady, () => resolve());
        timer = setTimeout(() => reject(new Error(`Discord did not become ready within ${timeoutMs / 1000} s; check DISCORD_TOKEN and the network (DISCORD_API_BASE).`)), timeoutMs);
      });
      try {
        await client.login(token);
        await ready;
      } catch (e) {
        await client.destroy();
        // A refused token or an unreachable Discord is the operator's to fix: one line (api-failure.ts).
        throw discordApiFailure(e, o.restApiBase ?? app.config.DISCORD_API_BASE ?? 'https://discord.com/api');
      } finally {
        clearTimeout(timer);
      }
      log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord ready');
    },
    async stop() {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => (timer = setTimeout(r, STOP_GRACE_MS)))]);
      clearTimeout(timer);
      await client.destroy();
    },
  };
}
