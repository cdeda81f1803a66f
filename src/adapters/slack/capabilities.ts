// May this Slack user manage the channel's subscriptions? Workspace admins and owners may (users.info:
// is_admin / is_owner / is_primary_owner, scope users:read), or anyone when the operator sets
// SLACK_ANYONE_MANAGES. Answers are cached briefly: the dispatcher only asks for commands that need it,
// but a user clicking through subscribe buttons should not cost a Web API call per click.
import type { webApi } from '@slack/bolt';
import type { CapabilityProbe, Capabilities } from '../../core/context.ts';
import type { Logger } from '../../log.ts';
import { slackErrorName } from './errors.ts';
import { t } from '../../i18n/t.ts';

const TTL_MS = 60_000;
const MAX_ENTRIES = 5000;

export class CapabilityCache {
  private readonly m = new Map<string, { caps: Capabilities; until: number }>();
  constructor(private readonly now: () => number = Date.now) {}
  get(key: string): Capabilities | undefined {
    const e = this.m.get(key);
    if (!e) return undefined;
    if (e.until < this.now()) {
      this.m.delete(key);
      return undefined;
    }
    return e.caps;
  }
  set(key: string, caps: Capabilities): void {
    if (this.m.size >= MAX_ENTRIES) this.m.delete(this.m.keys().next().value!);
    this.m.set(key, { caps, until: this.now() + TTL_MS });
  }
}

const NOT_ADMIN = 'In Slack that is workspace admins and owners; ask one of them, or the bot’s operator can allow everyone.';

/** What users.info's answer allows (also read by the locale look-up, which asks the same method). */
export function capabilitiesOfUser(u: { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } | undefined): Capabilities {
  return u && (u.is_admin || u.is_owner || u.is_primary_owner) ? { manageChannel: true } : { manageChannel: false, missing: NOT_ADMIN, missingKey: 'caps.slackAdmin' };
}

export function slackCapabilityProbe(o: {
  client: InstanceType<typeof webApi.WebClient>;
  teamId: string;
  userId: string;
  anyoneManages: boolean;
  cache: CapabilityCache;
  log: Logger;
}): CapabilityProbe {
  return async () => {
    if (o.anyoneManages) return { manageChannel: true };
    const key = `${o.teamId}:${o.userId}`;
    const hit = o.cache.get(key);
    if (hit) return hit;
    try {
      const r = await o.client.users.info({ user: o.userId });
      const caps = capabilitiesOfUser(r.user);
      o.cache.set(key, caps);
      return caps;
    } catch (e) {
      // Not cached: a passing failure should not lock an admin out for a minute.
      const name = slackErrorName(e) ?? (e as Error).message;
      o.log.warn({ platform: 'slack', error: name }, 'users.info failed; treating caller as not an admin');
      const missingKey = name === 'missing_scope' ? 'caps.slackNeedsScope' : 'caps.slackCheckFailed';
      return { manageChannel: false, missing: t('en', missingKey, { error: name }), missingKey, missingValues: { error: name } };
    }
  };
}
