// Posts a Reply to a Slack channel with chat.postMessage, using the bot token of the workspace the target
// belongs to. The WebClient neither retries nor sleeps on 429 (rejectRateLimitedCalls, retries: 0): the
// outbox owns retries, so each failure is returned at once as transient or permanent (errors.ts).
import { webApi } from '@slack/bolt';
import type { Poster, PostResult, PostTarget } from '../../core/adapter.ts';
import type { Reply } from '../../core/reply.ts';
import type { Logger } from '../../log.ts';
import { toPostResult } from './errors.ts';
import { slackLogger } from './logger.ts';
import { renderReply } from './render.ts';

export interface SlackPosterOptions {
  /** The bot token for a workspace (single-workspace: always the same one). */
  tokenFor: (workspaceId: string) => string | undefined | Promise<string | undefined>;
  /** Web API base, ending in "/api/" (SLACK_API_URL); Slack's own by default. */
  slackApiUrl?: string;
  log: Logger;
  timeoutMs?: number;
}

export function createSlackPoster(o: SlackPosterOptions): Poster {
  // One client per token: each keeps its own connection pool.
  const clients = new Map<string, InstanceType<typeof webApi.WebClient>>();
  const clientFor = (token: string) => {
    let c = clients.get(token);
    if (!c) {
      c = new webApi.WebClient(token, {
        ...(o.slackApiUrl ? { slackApiUrl: o.slackApiUrl } : {}),
        rejectRateLimitedCalls: true,
        retryConfig: { retries: 0 },
        timeout: o.timeoutMs ?? 10_000,
        logger: slackLogger(o.log),
      });
      clients.set(token, c);
    }
    return c;
  };

  return {
    platform: 'slack',
    async post(target: PostTarget, reply: Reply, idempotencyKey: string): Promise<PostResult> {
      const token = await o.tokenFor(target.workspaceId);
      if (!token) return { ok: false, kind: 'permanent', error: `not_installed: no Slack bot token for workspace ${target.workspaceId}` };
      const msg = renderReply(reply);
      try {
        const r = await clientFor(token).chat.postMessage({
          channel: target.channelId,
          text: msg.text,
          blocks: msg.blocks,
          // Feed links never unfurl into previews, and nothing in the text is parsed into mentions.
          unfurl_links: false,
          unfurl_media: false,
          parse: 'none',
          link_names: false,
          // Slack has no idempotency key; the key travels in message metadata so a duplicate can be found.
          metadata: { event_type: 'chipwatch_post', event_payload: { key: idempotencyKey } },
        });
        return { ok: true, ...(r.ts ? { messageId: r.ts } : {}) };
      } catch (e) {
        const res = toPostResult(e);
        o.log.warn({ platform: 'slack', channel: target.channelId, workspace: target.workspaceId, error: res.error, kind: res.kind }, 'slack post failed');
        return res;
      }
    },
  };
}
