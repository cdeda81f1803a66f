// Builds the core's Caller and capability probe from a Slack payload (slash command or block action).
import type { webApi } from '@slack/bolt';
import type { App } from '../../app.ts';
import type { Caller, CapabilityProbe } from '../../core/context.ts';
import { slackCapabilityProbe, type CapabilityCache } from './capabilities.ts';
import { slackUserLocale, type LocaleCache } from './locale.ts';
import { pickLang } from '../../i18n/locale.ts';
import { t } from '../../i18n/t.ts';

export interface SlackWho {
  teamId: string;
  enterpriseId?: string | undefined;
  /** Org-wide installs (Enterprise Grid) are one installation for many workspaces. */
  isEnterpriseInstall: boolean;
  channelId: string;
  userId: string;
}

/** For org-wide installs the enterprise id is the workspace: one installation, one token, one set of subscriptions. */
export function slackCaller(w: SlackWho): Caller {
  const workspaceId = w.isEnterpriseInstall && w.enterpriseId ? w.enterpriseId : w.teamId;
  return { platform: 'slack', workspaceId, channelId: w.channelId, userId: w.userId };
}

export interface SlackCallDeps {
  core: App;
  cache: CapabilityCache;
  locales: LocaleCache;
}

/** The Caller with the user's Slack locale (users.info, cached an hour), so answers come in their language. */
export async function slackCallerWithLocale(d: SlackCallDeps, client: InstanceType<typeof webApi.WebClient>, w: SlackWho): Promise<Caller> {
  const locale = await slackUserLocale({ client, teamId: w.teamId, userId: w.userId, locales: d.locales, cache: d.cache, log: d.core.log });
  return { ...slackCaller(w), ...(locale ? { locale } : {}) };
}

export function probeFor(d: SlackCallDeps, client: InstanceType<typeof webApi.WebClient>, w: SlackWho): CapabilityProbe {
  return slackCapabilityProbe({ client, teamId: w.teamId, userId: w.userId, anyoneManages: d.core.config.SLACK_ANYONE_MANAGES, cache: d.cache, log: d.core.log });
}

/**
 * The apology for a payload too broken to run, in the user's language when their locale is already
 * cached (no users.info call for a request we are refusing), else English.
 */
export function slackApologyFor(d: Pick<SlackCallDeps, 'locales'>, teamId: string | undefined, userId: string | undefined): string {
  const locale = teamId && userId ? d.locales.get(`${teamId}:${userId}`)?.locale : undefined;
  return t(pickLang(locale), 'apology.slack');
}
