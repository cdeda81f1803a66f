// Posts a Reply to a Slack channel with chat.postMessage, using the bot token of the workspace the target
// belongs to. The WebClient neither retries nor sleeps on 429 (rejectRateLimitedCalls, retries: 0): the
// outbox owns retries, so each failure is returned at once as transient or permanent (errors.ts).
// Slack has no idempotency key: a repeated chat.postMessage posts twice. The outbox key travels in the
// message metadata, and an UNCERTAIN post (an earlier send may have gone through unrecorded) is first
// looked up in the channel's recent messages with conversations.history + include_all_metadata
// (https://docs.slack.dev/reference/methods/conversations.history). That needs the optional
// channels:history / groups:history scopes and the bot in the channel; without them the post is sent
// again and reported as possibly doubled ('unchecked'): at-least-once (README "Delivery guarantees").
import { webApi } from '@slack/bolt';
import type { PostAttempt, Poster, PostResult, PostTarget, Resolution } from '../../core/adapter.ts';
import type { Reply } from '../../core/reply.ts';
import type { Logger } from '../../log.ts';
import { slackErrorName, toPostResult } from './errors.ts';
import { slackLogger } from './logger.ts';
import { renderReply } from './render.ts';

export interface SlackPosterOptions {
  /** The bot token for a workspace (single-workspace: always the same one). */
  tokenFor: (workspaceId: string) => string | undefined | Promise<string | undefined>;
  /** Web API base, ending in "/api/" (SLACK_API_URL); Slack's own by default. */
  slackApiUrl?: string;
  log: Logger;
  timeoutMs?: number;
  /** Look uncertain posts up in the channel's history (needs channels:history); default true. False:
   * never read history (at-least-once). Either way a missing scope falls back to at-least-once. */
  historyCheck?: boolean;
}

/** The metadata event type chipwatch's posts carry; event_payload.key is the outbox key. */
export const POST_EVENT_TYPE = 'chipwatch_post';
/** History read to find an uncertain post: up to this many pages of 200 messages. */
export const HISTORY_PAGES = 5;
/** Look back this much before the uncertain send (clock skew between us and Slack). */
const HISTORY_SKEW_MS = 5 * 60_000;
/** Errors meaning "this app may not read this channel": checking is impossible, not worth retrying. */
const UNREADABLE = new Set(['missing_scope', 'not_in_channel', 'channel_not_found', 'no_permission', 'restricted_action']);

type Found = { kind: 'found'; ts: string } | { kind: 'absent' } | { kind: 'unreadable'; why: string } | { kind: 'failed'; result: PostResult & { ok: false } };
type Client = InstanceType<typeof webApi.WebClient>;

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

  // Tokens whose app lacks the history scope: not asked again (the answer will not change while running).
  const noHistory = new Set<string>();

  async function findPosted(client: Client, token: string, channel: string, key: string, sinceMs: number): Promise<Found> {
    if (o.historyCheck === false) return { kind: 'unreadable', why: 'history check off' };
    if (noHistory.has(token)) return { kind: 'unreadable', why: 'missing_scope' };
    let cursor: string | undefined;
    try {
      for (let page = 0; page < HISTORY_PAGES; page++) {
        const r = await client.conversations.history({
          channel,
          oldest: ((sinceMs - HISTORY_SKEW_MS) / 1000).toFixed(6),
          inclusive: true,
          include_all_metadata: true,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
        const hit = (r.messages ?? []).find((m) => {
          const md = (m as { metadata?: { event_type?: string; event_payload?: { key?: unknown } } }).metadata;
          return md?.event_type === POST_EVENT_TYPE && md.event_payload?.key === key;
        });
        if (hit?.ts) return { kind: 'found', ts: hit.ts };
        cursor = r.response_metadata?.next_cursor || undefined;
        if (!r.has_more || !cursor) return { kind: 'absent' };
      }
      return { kind: 'unreadable', why: `more than ${HISTORY_PAGES * 200} messages since the send` };
    } catch (e) {
      const name = slackErrorName(e);
      if (name && UNREADABLE.has(name)) {
        if (name === 'missing_scope') noHistory.add(token);
        return { kind: 'unreadable', why: name };
      }
      return { kind: 'failed', result: toPostResult(e) };
    }
  }

  return {
    platform: 'slack',
    async post(target: PostTarget, reply: Reply, idempotencyKey: string, attempt?: PostAttempt): Promise<PostResult> {
      const token = await o.tokenFor(target.workspaceId);
      if (!token) return { ok: false, kind: 'permanent', error: `not_installed: no Slack bot token for workspace ${target.workspaceId}` };
      const msg = renderReply(reply);
      let resolution: Resolution | undefined;
      if (attempt?.uncertainSince !== undefined) {
        const found = await findPosted(clientFor(token), token, target.channelId, idempotencyKey, attempt.uncertainSince);
        if (found.kind === 'found') return { ok: true, messageId: found.ts, resolution: 'found' };
        if (found.kind === 'failed') return found.result;
        if (found.kind === 'unreadable') o.log.warn({ code: 'SLACK_HISTORY_UNREADABLE', channel: target.channelId, workspace: target.workspaceId, why: found.why }, 'cannot check the channel for an uncertain post; sending it again');
        resolution = found.kind === 'absent' ? 'absent' : 'unchecked';
      }
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
          // Slack has no idempotency key; the key travels in message metadata so an uncertain post can be found.
          metadata: { event_type: POST_EVENT_TYPE, event_payload: { key: idempotencyKey } },
        });
        return { ok: true, ...(r.ts ? { messageId: r.ts } : {}), ...(resolution ? { resolution } : {}) };
      } catch (e) {
        const res = toPostResult(e);
        o.log.warn({ platform: 'slack', channel: target.channelId, workspace: target.workspaceId, error: res.error, kind: res.kind }, 'slack post failed');
        return res;
      }
    },
  };
}
