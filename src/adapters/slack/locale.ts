// The Slack user's language: slash commands and button payloads carry none, so it comes from users.info
// with include_locale=true (https://api.slack.com/methods/users.info: "locale" only when asked for),
// cached per user for an hour. The same answer carries the user's role, so it also fills the capability
// cache: one users.info per user serves both questions (and Slack's Tier 4 limit is per method).
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log.ts';
import { capabilitiesOfUser, type CapabilityCache } from './capabilities.ts';
import { slackErrorName } from './errors.ts';

const TTL_MS = 60 * 60_000;
/** A failed look-up (say, an install without users:read) is not retried on every command. */
const FAILURE_TTL_MS = 60_000;
const MAX_ENTRIES = 5000;

export class LocaleCache {
  private readonly m = new Map<string, { locale: string | undefined; until: number }>();
  constructor(private readonly now: () => number = Date.now) {}
  /** The cached answer (`locale` undefined when Slack gave none), or undefined on a miss. */
  get(key: string): { locale: string | undefined } | undefined {
    const e = this.m.get(key);
    if (!e) return undefined;
    if (e.until < this.now()) {
      this.m.delete(key);
      return undefined;
    }
    return { locale: e.locale };
  }
  set(key: string, locale: string | undefined, ttlMs = TTL_MS): void {
    if (this.m.size >= MAX_ENTRIES) this.m.delete(this.m.keys().next().value!);
    this.m.set(key, { locale, until: this.now() + ttlMs });
  }
}

/** The user's Slack locale ("zh-CN", "de-DE"), or undefined when unknown. Never throws. */
export async function slackUserLocale(o: {
  client: InstanceType<typeof webApi.WebClient>;
  teamId: string;
  userId: string;
  locales: LocaleCache;
  cache: CapabilityCache;
  log: Logger;
}): Promise<string | undefined> {
  const key = `${o.teamId}:${o.userId}`;
  const hit = o.locales.get(key);
  if (hit) return hit.locale;
  try {
    const r = await o.client.users.info({ user: o.userId, include_locale: true });
    const locale = typeof r.user?.locale === 'string' && r.user.locale ? r.user.locale : undefined;
    o.locales.set(key, locale);
    o.cache.set(key, capabilitiesOfUser(r.user));
    return locale;
  } catch (e) {
    o.locales.set(key, undefined, FAILURE_TTL_MS);
    o.log.debug({ platform: 'slack', error: slackErrorName(e) ?? (e as Error).message }, 'users.info for the locale failed; answering in English');
    return undefined;
  }
}
