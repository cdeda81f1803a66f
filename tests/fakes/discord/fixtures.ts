// Gateway and REST payloads for the fake Discord, typed with discord-api-types v10 (re-exported by
// discord.js) so a field discord.js reads cannot be forgotten: an incomplete dispatch makes discord.js
// throw inside its gateway handler and the test hang (adapter-testing notes, D5).
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildHubType,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageType,
  type ApplicationFlags,
  type ChannelFlags,
  type RoleFlags,
  type GuildMemberFlags,
  type APIApplicationCommandAutocompleteGuildInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIChatInputApplicationCommandDMInteraction,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIEmbed,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APIUser,
  type GatewayGuildCreateDispatchData,
  type GatewayReadyDispatchData,
} from 'discord.js';

const DISCORD_EPOCH = 1420070400000n;
let counter = 0n;

/** A fresh snowflake: time since Discord's epoch shifted left 22 bits, plus a counter. */
export function snowflake(): string {
  counter = (counter + 1n) & 0xfffn;
  return ((BigInt(Date.now()) - DISCORD_EPOCH) << 22n | counter).toString();
}

export function botUser(id: string): APIUser {
  return { id, username: 'chipwatch', discriminator: '0000', global_name: null, avatar: null, bot: true };
}

export function humanUser(id: string, name = 'alice'): APIUser {
  return { id, username: name, discriminator: '0', global_name: name[0]!.toUpperCase() + name.slice(1), avatar: null };
}

export interface GuildFixture {
  id: string;
  name: string;
  channelIds: string[];
}

export function guildCreate(g: GuildFixture, botId: string): GatewayGuildCreateDispatchData {
  return {
    id: g.id,
    name: g.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: snowflake(),
    region: 'us-east',
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: [
      { id: g.id, name: '@everyone', color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null }, hoist: false, icon: null, unicode_emoji: null, position: 0, permissions: '1024', managed: false, mentionable: false, flags: 0 as RoleFlags },
    ],
    emojis: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    stickers: [],
    premium_progress_bar_enabled: false,
    hub_type: null as GuildHubType | null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [member(botUser(botId))],
    channels: g.channelIds.map((id, i) => ({ id, type: ChannelType.GuildText, name: i === 0 ? 'general' : `news-${i}`, guild_id: g.id, position: i, permission_overwrites: [], parent_id: null, topic: null, nsfw: false, last_message_id: null, rate_limit_per_user: 0, flags: 0 as ChannelFlags })),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function member(user: APIUser, permissions = '0'): APIInteractionGuildMember {
  return { user, roles: [], joined_at: new Date().toISOString(), premium_since: null, deaf: false, mute: false, flags: 0 as GuildMemberFlags, permissions, avatar: null, banner: null };
}

export function ready(o: { botId: string; appId: string; sessionId: string; resumeUrl: string; guildIds: string[]; shard: [number, number] }): GatewayReadyDispatchData {
  return {
    v: 10,
    user: botUser(o.botId),
    guilds: o.guildIds.map((id) => ({ id, unavailable: true })),
    session_id: o.sessionId,
    resume_gateway_url: o.resumeUrl,
    shard: o.shard,
    application: { id: o.appId, flags: 0 as ApplicationFlags, flags_new: '0' },
  };
}

export interface Where {
  guildId: string;
  channelId: string;
  user?: APIUser;
  /** The member's permissions in the channel, as a decimal bitfield string ("16" = Manage Channels). */
  permissions?: string;
  locale?: Locale;
  /** The server's preferred locale (Discord's guild_locale); en-US unless set. */
  guildLocale?: Locale;
}

type Opt = APIApplicationCommandInteractionDataBasicOption;

function base(appId: string, w: Where) {
  return {
    id: snowflake(),
    application_id: appId,
    token: `itok-${snowflake()}`,
    version: 1 as const,
    guild_id: w.guildId,
    guild: { id: w.guildId, locale: w.guildLocale ?? Locale.EnglishUS, features: [] },
    channel_id: w.channelId,
    channel: { id: w.channelId, type: ChannelType.GuildText as const },
    member: member(w.user ?? humanUser('100000000000000001'), w.permissions ?? '0'),
    app_permissions: '19456', // View Channel + Send Messages + Embed Links
    locale: w.locale ?? Locale.EnglishUS,
    guild_locale: w.guildLocale ?? Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: w.guildId },
    context: InteractionContextType.Guild,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

/** `/name option:value …` typed in a guild channel. */
export function chatInput(appId: string, name: string, options: Opt[], w: Where): APIChatInputApplicationCommandGuildInteraction {
  return {
    ...base(appId, w),
    type: InteractionType.ApplicationCommand,
    data: { id: snowflake(), name, type: ApplicationCommandType.ChatInput, options },
  };
}

/** The same in the bot's DM: no guild, no member, a user instead. */
export function chatInputInDm(appId: string, name: string, options: Opt[], o: { channelId: string; user: APIUser }): APIChatInputApplicationCommandDMInteraction {
  return {
    id: snowflake(),
    application_id: appId,
    token: `itok-${snowflake()}`,
    version: 1,
    type: InteractionType.ApplicationCommand,
    channel_id: o.channelId,
    channel: { id: o.channelId, type: ChannelType.DM },
    user: o.user,
    app_permissions: '19456',
    locale: Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: '0' },
    context: InteractionContextType.BotDM,
    attachment_size_limit: 10 * 1024 * 1024,
    data: { id: snowflake(), name, type: ApplicationCommandType.ChatInput, options },
  };
}

export const stringOpt = (name: string, value: string, focused?: boolean): Opt => ({ name, type: ApplicationCommandOptionType.String, value, ...(focused ? { focused } : {}) });
export const integerOpt = (name: string, value: number): Opt => ({ name, type: ApplicationCommandOptionType.Integer, value });

/** The user typing into an autocomplete option: `focused` marks the one being typed. */
export function autocomplete(appId: string, name: string, options: Opt[], w: Where): APIApplicationCommandAutocompleteGuildInteraction {
  return {
    ...base(appId, w),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: { id: snowflake(), name, type: ApplicationCommandType.ChatInput, options },
  };
}

/** A press on the button `customId` of `message`. */
export function buttonPress(appId: string, message: APIMessage, customId: string, w: Where): APIMessageComponentButtonInteraction {
  return {
    ...base(appId, w),
    type: InteractionType.MessageComponent,
    message,
    data: { custom_id: customId, component_type: ComponentType.Button },
  } as APIMessageComponentButtonInteraction;
}

export function message(o: { channelId: string; author: APIUser; content?: string; embeds?: APIEmbed[]; components?: APIMessage['components']; nonce?: string | number; flags?: number; interactionId?: string }): APIMessage {
  return {
    id: snowflake(),
    channel_id: o.channelId,
    author: o.author,
    content: o.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: o.embeds ?? [],
    pinned: false,
    type: MessageType.Default,
    ...(o.components ? { components: o.components } : {}),
    ...(o.nonce !== undefined ? { nonce: o.nonce } : {}),
    ...(o.flags ? { flags: o.flags } : {}),
  };
}
