// Maps what @discordjs/rest throws onto the outbox's PostResult: transient (worth retrying, with
// Discord's retry-after when it gave one) or permanent (retrying cannot help: pause the subscription).
// Codes: https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import type { PostResult } from '../../core/adapter.ts';

export const DiscordErrorCode = {
  UnknownChannel: 10003,
  Unauthorized: 40001,
  MissingAccess: 50001,
  MissingPermissions: 50013,
} as const;

const PERMANENT: Record<number, string> = {
  [DiscordErrorCode.UnknownChannel]: 'Unknown Channel (10003): the channel was deleted or the bot cannot see it',
  [DiscordErrorCode.MissingAccess]: 'Missing Access (50001): the bot cannot view this channel',
  [DiscordErrorCode.MissingPermissions]: 'Missing Permissions (50013): the bot needs Send Messages and Embed Links here',
  [DiscordErrorCode.Unauthorized]: 'Unauthorized (40001): the bot token was rejected; check DISCORD_TOKEN',
};

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);

export function postResultOfError(e: unknown): PostResult & { ok: false } {
  // Raised instead of waiting when the client's rejectOnRateLimit says so (long waits, see client.ts).
  if (e instanceof RateLimitError) return { ok: false, kind: 'transient', error: `rate limited on ${e.route} (${e.scope})`, retryAfterMs: Math.max(0, Math.ceil(e.retryAfter)) };
  if (e instanceof DiscordAPIError) {
    const code = typeof e.code === 'number' ? e.code : Number(e.code);
    const known = PERMANENT[code];
    if (known) return { ok: false, kind: 'permanent', error: known };
    if (e.status === 401) return { ok: false, kind: 'permanent', error: PERMANENT[DiscordErrorCode.Unauthorized]! };
    if (e.status === 429) {
      const after = (e.rawError as { retry_after?: number }).retry_after;
      return { ok: false, kind: 'transient', error: 'rate limited', ...(after !== undefined ? { retryAfterMs: Math.ceil(after * 1000) } : {}) };
    }
    if (e.status >= 500) return { ok: false, kind: 'transient', error: `Discord ${e.status}: ${e.message}` };
    // Other 4xx (e.g. 50035 Invalid Form Body) would fail identically on every retry.
    return { ok: false, kind: 'permanent', error: `Discord refused the message (${e.status}, code ${e.code}): ${e.message}` };
  }
  // 5xx that survived @discordjs/rest's own retries.
  if (e instanceof HTTPError) return { ok: false, kind: 'transient', error: `Discord ${e.status}` };
  const err = e as { name?: string; code?: string; cause?: { code?: string }; message?: string };
  // After any 401, @discordjs/rest drops the token, and every later request fails with this plain Error.
  if (err.message?.startsWith('Expected token to be set')) return { ok: false, kind: 'permanent', error: PERMANENT[DiscordErrorCode.Unauthorized]! };
  if (err.name === 'AbortError' || err.name === 'TimeoutError') return { ok: false, kind: 'transient', error: 'request timed out' };
  const netCode = err.code ?? err.cause?.code;
  if (netCode && NETWORK_CODES.has(netCode)) return { ok: false, kind: 'transient', error: `network error ${netCode}` };
  // Unknown: most likely a network problem the layers above did not label; a retry is the safe side.
  return { ok: false, kind: 'transient', error: `unexpected error: ${err.message ?? String(e)}` };
}
