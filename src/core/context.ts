// Who is asking, from where. Adapters build this; the core never sees a platform object.
import type { App } from '../app.ts';
import type { Lang } from '../i18n/locale.ts';
import type { MessageKey, MessageValues } from '../i18n/t.ts';

export type Platform = 'discord' | 'slack' | 'console';

export interface Caller {
  platform: Platform;
  /** Discord guild id, Slack team id, or "console". For DMs, the adapter picks a stable id. */
  workspaceId: string;
  channelId: string;
  userId: string;
  /** The caller's locale as the platform reports it (e.g. "zh-CN"), if known. */
  locale?: string;
  /** The server's locale (Discord's guild_locale), used when the caller's own is not one we speak. */
  guildLocale?: string;
}

export interface Capabilities {
  /** May change this channel's subscriptions and digest. */
  manageChannel: boolean;
  /** Said to the user when a command needs the capability and it is missing. */
  missing?: string;
  /** The same from the message catalog (src/i18n), for readers of other languages than English. */
  missingKey?: MessageKey;
  /** Values for missingKey's {arguments}. */
  missingValues?: MessageValues;
}

/** The adapter answers this; the dispatcher asks only for commands that need it (Slack's costs a call). */
export type CapabilityProbe = () => Promise<Capabilities>;

export interface CommandContext extends Caller {
  app: App;
  capabilities: CapabilityProbe;
  /** The language to answer in, resolved once by the dispatcher (src/i18n/locale.ts pickLang). */
  lang: Lang;
}
