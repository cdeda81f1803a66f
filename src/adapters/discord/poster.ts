// Posts a Reply to a channel over REST (no gateway needed). The outbox's idempotency key travels as the
// message nonce with enforce_nonce: "If true and nonce is present, it will be checked for uniqueness in the
// past few minutes. If another message was created by the same author with the same nonce, that message
// will be returned and no new message will be created."
// https://discord.com/developers/docs/resources/message#create-message-jsonform-params
// "The past few minutes" is all Discord promises, so a resend is deduped only while it is surely inside
// that window (DISCORD_NONCE_WINDOW_MS). Later, an uncertain post is looked for in the channel's recent
// messages instead: the key also travels in the message as a small "-# ref <key>" subtext line, because
// messages read back with GET /channels/{id}/messages do not reliably carry the nonce. If the bot cannot
// read the channel's history, the post is sent again and reported as possibly doubled ('unchecked').
import { createHash } from 'node:crypto';
import { Routes, type REST, type APIMessage, type APIUser } from 'discord.js';
import type { Logger } from '../../log.ts';
import type { PostAttempt, Poster, PostResult, Resolution } from '../../core/adapter.ts';
import { DiscordErrorCode, postResultOfError } from './errors.ts';
import { CONTENT_MAX, NONCE_MAX } from './limits.ts';
import { renderReply } from './render.ts';
import { clip } from './safe-text.ts';

/**
 * How long after a send a resend with the same nonce is surely deduped. Discord documents only "in the
 * past few minutes" (link above); two minutes is the least that phrase can mean, so we rely on no more.
 */
export const DISCORD_NONCE_WINDOW_MS = 2 * 60_000;
/** A resend must ARRIVE inside the window: leave room for a slow request (REST times out at 15 s). */
export const NONCE_RESEND_MARGIN_MS = 20_000;
/** History read to find an uncertain post: up to this many pages of 100 messages, newest first. */
export const HISTORY_PAGES = 5;
/** Messages this much older than the uncertain send cannot be it (clock skew between us and Discord). */
const HISTORY_SKEW_MS = 5 * 60_000;

/**
 * The nonce for an idempotency key: the key itself when it already fits (the outbox's keys do, which
 * keeps them traceable in Discord's audit), otherwise its SHA-256 in base64url cut to 25 (150 bits).
 */
export function nonceOf(idempotencyKey: string): string {
  if (/^[A-Za-z0-9_-]{1,25}$/.test(idempotencyKey)) return idempotencyKey;
  return createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, NONCE_MAX);
}

/** The line that carries the key in the message itself ("-# " is Discord's small grey subtext). */
export function refLine(nonce: string): string {
  return `-# ref ${nonce}`;
}

type Found = { kind: 'found'; id: string } | { kind: 'absent' } | { kind: 'unreadable'; why: string } | { kind: 'failed'; result: PostResult & { ok: false } };

export function createDiscordPoster(rest: REST, log: Logger): Poster {
  let botId: Promise<string> | undefined;
  const me = () => (botId ??= (rest.get(Routes.user('@me')) as Promise<APIUser>).then((u) => u.id).catch((e) => ((botId = undefined), Promise.reject(e))));

  /** Looks for our message carrying `nonce` among the channel's messages since about `sinceMs`. */
  async function findPosted(channelId: string, nonce: string, sinceMs: number): Promise<Found> {
    const marker = refLine(nonce);
    let before: string | undefined;
    try {
      const self = await me();
      for (let page = 0; page < HISTORY_PAGES; page++) {
        const query = new URLSearchParams({ limit: '100', ...(before ? { before } : {}) });
        const msgs = (await rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
        const hit = msgs.find((m) => m.author.id === self && (m.content ?? '').split('\n').includes(marker));
        if (hit) return { kind: 'found', id: hit.id };
        // Newest first: once a page reaches messages older than the send, the post is not there.
        const oldest = msgs.at(-1);
        if (msgs.length < 100 || !oldest || Date.parse(oldest.timestamp) < sinceMs - HISTORY_SKEW_MS) return { kind: 'absent' };
        before = oldest.id;
      }
      return { kind: 'unreadable', why: `more than ${HISTORY_PAGES * 100} messages since the send` };
    } catch (e) {
      const r = postResultOfError(e);
      const code = (e as { code?: unknown }).code;
      // No Read Message History / View Channel: the check is impossible, not worth retrying.
      if (code === DiscordErrorCode.MissingAccess || code === DiscordErrorCode.MissingPermissions || (e as { status?: number }).status === 403) return { kind: 'unreadable', why: r.error };
      return { kind: 'failed', result: r };
    }
  }

  async function send(channelId: string, body: object, resolution: Resolution | undefined, guild: string): Promise<PostResult> {
    try {
      const msg = (await rest.post(Routes.channelMessages(channelId), { body })) as APIMessage;
      return { ok: true, messageId: msg.id, ...(resolution ? { resolution } : {}) };
    } catch (e) {
      const r = postResultOfError(e);
      log.warn({ code: 'DISCORD_POST_FAILED', channel: channelId, guild, kind: r.kind, error: r.error }, 'discord post failed');
      return r;
    }
  }

  return {
    platform: 'discord',
    async post(target, reply, idempotencyKey, attempt?: PostAttempt): Promise<PostResult> {
      const nonce = nonceOf(idempotencyKey);
      const rendered = renderReply(reply, { notify: true });
      const ref = refLine(nonce);
      // clip, not slice: the content is already escaped, and a cut must not split an emoji or an escape.
      const text = rendered.content ? `${clip(rendered.content, CONTENT_MAX - ref.length - 1)}\n${ref}` : ref;
      const body = { ...rendered, content: text, nonce, enforce_nonce: true };
      const since = attempt?.uncertainSince;
      if (since === undefined) return send(target.channelId, body, undefined, target.workspaceId);
      // Uncertain: an earlier send may have posted it. Inside the window the nonce dedupes the resend.
      if (attempt!.nowMs - since < DISCORD_NONCE_WINDOW_MS - NONCE_RESEND_MARGIN_MS) return send(target.channelId, body, 'nonce', target.workspaceId);
      const found = await findPosted(target.channelId, nonce, since);
      switch (found.kind) {
        case 'found':
          return { ok: true, messageId: found.id, resolution: 'found' };
        case 'absent':
          return send(target.channelId, body, 'absent', target.workspaceId);
        case 'unreadable':
          log.warn({ code: 'DISCORD_HISTORY_UNREADABLE', channel: target.channelId, guild: target.workspaceId, why: found.why }, 'cannot check the channel for an uncertain post; sending it again');
          return send(target.channelId, body, 'unchecked', target.workspaceId);
        case 'failed':
          return found.result;
      }
    },
  };
}
