// The boundary between the core and the chat platforms. Adapters implement these; the core and the
// delivery worker only ever see these plain types.
import type { Platform } from './context.ts';
import type { Reply } from './reply.ts';

/** Something `npm start` runs beside the adapters (feed poller, digest scheduler, outbox worker). */
export interface Service {
  name: string;
  start(): Promise<void>;
  /** Finish or safely abandon in-flight work; resolves when stopped. */
  stop(): Promise<void>;
}

export interface PostTarget {
  platform: Platform;
  workspaceId: string;
  channelId: string;
}

export type PostResult =
  | { ok: true; messageId?: string }
  /** Worth retrying: rate limit (with the platform's retry-after), 5xx, time-out, network error. */
  | { ok: false; kind: 'transient'; error: string; retryAfterMs?: number }
  /** Retrying cannot help (unknown channel, missing access, archived, revoked token): pause the target. */
  | { ok: false; kind: 'permanent'; error: string };

/** Posts a reply to a channel. `idempotencyKey` travels with the post where the platform allows it. */
export interface Poster {
  platform: Platform;
  post(target: PostTarget, reply: Reply, idempotencyKey: string): Promise<PostResult>;
}

export interface ChatAdapter extends Service {
  platform: Platform;
  poster: Poster;
}
