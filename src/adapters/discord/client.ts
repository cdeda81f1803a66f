// The discord.js Client, configured for a bot that only answers interactions and posts to channels:
// the Guilds intent alone (interactions arrive without any intent; Guilds keeps guild and channel state
// coherent), no message or member caching, and REST (plus gateway discovery, which goes through REST's
// GET /gateway/bot) pointed at DISCORD_API_BASE.
//
// Memory stays flat as usage grows: every cache we never read is capped at 0 (users and members that
// interactions bring in are used once and dropped). What still grows with the number of guilds is what
// discord.js cannot do without — guilds, their channels, roles and permission overwrites (these caches are
// "unsupported" to limit, see Options.cacheWithLimits docs) — a few KB per guild.
// https://discordjs.guide/miscellaneous/cache-customization.html
import { Client, GatewayIntentBits, Options, type RESTOptions, type RateLimitData, type WebSocketOptions } from 'discord.js';
import { DISCORD_API_DEFAULT } from './limits.ts';

export interface DiscordClientOptions {
  token: string;
  /** e.g. https://discord.com/api (no /v10: @discordjs/rest appends it). */
  apiBase?: string;
  /**
   * Channel posts wait out rate limits up to this long inside @discordjs/rest; a longer one throws a
   * RateLimitError instead, which the poster turns into a transient failure with the retry-after, so the
   * outbox can do other work meanwhile. Interaction replies always wait (the user is waiting for them).
   */
  postWaitMaxMs?: number;
  /** Tests: skip the identify throttle between re-identifies (see adapter-testing notes, D7). */
  identifyThrottler?: NonNullable<WebSocketOptions['buildIdentifyThrottler']>;
  rest?: Partial<RESTOptions>;
}

/** "https://host/api/v10/" → "https://host/api": tolerate the version or a trailing slash in the setting. */
export function normaliseApiBase(base: string): string {
  return base.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

export function createDiscordClient(o: DiscordClientOptions): Client {
  const postWaitMaxMs = o.postWaitMaxMs ?? 2000;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // One shard until Discord's GET /gateway/bot recommends more (at about 2,500 guilds per shard). Under
    // discord.js's ShardingManager a process is given its shards in SHARDS / SHARD_COUNT, which the Client
    // reads itself only when `shards` is left unset (README "Large installations").
    ...('SHARDS' in process.env ? {} : { shards: 'auto' as const }),
    allowedMentions: { parse: [] },
    failIfNotExists: false,
    makeCache: Options.cacheWithLimits({
      MessageManager: 0,
      UserManager: { maxSize: 0, keepOverLimit: (u) => u.id === u.client.user?.id },
      GuildMemberManager: { maxSize: 0, keepOverLimit: (m) => m.id === m.client.user?.id },
      PresenceManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
      VoiceStateManager: 0,
      ThreadManager: 0,
      ThreadMemberManager: 0,
      GuildEmojiManager: 0,
      BaseGuildEmojiManager: 0,
      GuildStickerManager: 0,
      GuildScheduledEventManager: 0,
      StageInstanceManager: 0,
      AutoModerationRuleManager: 0,
      GuildBanManager: 0,
      GuildInviteManager: 0,
      ApplicationCommandManager: 0,
      ApplicationEmojiManager: 0,
      EntitlementManager: 0,
    }),
    // Second line of defence, should a cap above ever be raised: old threads and messages are swept.
    sweepers: {
      ...Options.DefaultSweeperSettings,
      messages: { interval: 3600, lifetime: 1800 },
    },
    rest: {
      api: normaliseApiBase(o.apiBase ?? DISCORD_API_DEFAULT),
      rejectOnRateLimit: (d: RateLimitData) => d.route.startsWith('/channels/') && d.method === 'POST' && d.retryAfter > postWaitMaxMs,
      ...o.rest,
    },
    ...(o.identifyThrottler ? { ws: { buildIdentifyThrottler: o.identifyThrottler } } : {}),
  });
  // The token goes on REST now, so the poster works before (and without) the gateway login.
  client.rest.setToken(o.token);
  return client;
}
