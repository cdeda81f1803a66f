// Posts a Reply to a channel over REST (no gateway needed). The outbox's idempotency key travels as the
// message nonce with enforce_nonce, so a retried post that Discord already accepted is not duplicated:
// Discord answers with the original message instead.
// https://discord.com/developers/docs/resources/message#create-message-jsonform-params
import { createHash } from 'node:crypto';
import { Routes, type REST, type APIMessage } from 'discord.js';
import type { Logger } from '../../log.ts';
import type { Poster, PostResult } from '../../core/adapter.ts';
import { postResultOfError } from './errors.ts';
import { NONCE_MAX } from './limits.ts';
import { renderReply } from './render.ts';

/**
 * The nonce for an idempotency key: the key itself when it already fits (the outbox's keys do, which
 * keeps them traceable in Discord's audit), otherwise its SHA-256 in base64url cut to 25 (150 bits).
 */
export function nonceOf(idempotencyKey: string): string {
  if (/^[A-Za-z0-9_-]{1,25}$/.test(idempotencyKey)) return idempotencyKey;
  return createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, NONCE_MAX);
}

export function createDiscordPoster(rest: REST, log: Logger): Poster {
  return {
    platform: 'discord',
    async post(target, reply, idempotencyKey): Promise<PostResult> {
      const body = { ...renderReply(reply, { notify: true }), nonce: nonceOf(idempotencyKey), enforce_nonce: true };
      try {
        const msg = (await rest.post(Routes.channelMessages(target.channelId), { body })) as APIMessage;
        return { ok: true, messageId: msg.id };
      } catch (e) {
        const r = postResultOfError(e);
        log.warn({ code: 'DISCORD_POST_FAILED', channel: target.channelId, guild: target.workspaceId, kind: r.kind, error: r.error }, 'discord post failed');
        return r;
      }
    },
  };
}
