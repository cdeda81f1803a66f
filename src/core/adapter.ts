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

/**
 * How an uncertain post was settled (src/delivery/worker.ts counts these): 'nonce' resent inside the
 * platform's dedupe window; 'found' already in the channel, not resent; 'absent' checked the channel, not
 * there, sent once; 'unchecked' could not check, sent again: possibly doubled.
 */
export type Resolution = 'nonce' | 'found' | 'absent' | 'unchecked';

export type PostResult =
  | { ok: true; messageId?: string; resolution?: Resolution }
  /** Worth retrying: rate limit (with the platform's retry-after), 5xx, time-out, network error. */
  | { ok: false; kind: 'transient'; error: string; retryAfterMs?: number }
  /** Retrying cannot help (unknown channel, missing access, archived, revoked token): pause the target. */
  | { ok: false; kind: 'permanent'; error: string };

/** What the worker knows about earlier sends of this post (absent: a first, clean attempt). */
export interface PostAttempt {
  /** The clock (app.now()), so platform windows are judged on the same time as everything else. */
  nowMs: number;
  /** An earlier send may have reached the platform without being recorded (a crash mid-send, a time-out, a
   * 5xx): when the earliest such send began. Set: the poster must settle it before or while posting. */
  uncertainSince?: number;
}

/** Posts a reply to a channel. `idempotencyKey` travels with the post where the platform allows it. */
export interface Poster {
  platform: Platform;
  post(target: PostTarget, reply: Reply, idempotencyKey: string, attempt?: PostAttempt): Promise<PostResult>;
}

export interface ChatAdapter extends Service {
  platform: Platform;
  poster: Poster;
}
