// What a Discord REST failure means for the person running a CLI command (`discord register`, and any
// later check of the token): one OperatorError naming the setting to fix. Discord's JSON error codes are
// numbers (DiscordAPIError.code); the HTTP status says most of what an operator needs.
// https://discord.com/developers/docs/topics/opcodes-and-status-codes#http
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { OperatorError } from '../../core/errors.ts';

const NETWORK = /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_\w+)$/;

/**
 * `e` (anything @discordjs/rest threw) as one OperatorError; `apiBase` is where the request went.
 * Anything else is returned as it was: a bug of ours stays a bug, with its trace on --debug.
 */
export function discordApiFailure(e: unknown, apiBase: string): unknown {
  if (e instanceof RateLimitError)
    return new OperatorError('DISCORD_RATE_LIMITED', `Discord is rate-limiting this application (429, ${e.scope}); try again in ${Math.ceil(e.retryAfter / 1000)} s`, { cause: e });
  if (e instanceof DiscordAPIError || e instanceof HTTPError) {
    const status = e.status;
    // discord.js puts each invalid field of a 400 on a line of its own: joined, so the failure stays one line.
    const detail = (e instanceof DiscordAPIError ? `${e.code ? `code ${e.code}: ` : ''}${e.message}` : e.message).trim().replace(/\s*\n\s*/g, '; ');
    if (status === 401) return new OperatorError('DISCORD_AUTH', 'DISCORD_TOKEN was refused by Discord (401): check the token (Developer Portal → your application → Bot → Reset Token)', { cause: e });
    if (status === 403 || status === 404)
      return new OperatorError('DISCORD_APP_ID', `Discord refused this application (${status}, ${detail}): check DISCORD_APP_ID (General Information → Application ID) belongs to the bot whose token is DISCORD_TOKEN, and --guild is a server the bot is in`, { cause: e });
    if (status === 429) return new OperatorError('DISCORD_RATE_LIMITED', 'Discord is rate-limiting this application (429); try again in a minute', { cause: e });
    if (status >= 500) return new OperatorError('DISCORD_API', `Discord answered ${status} (an outage on its side?); try again later (https://discordstatus.com)`, { cause: e });
    return new OperatorError('DISCORD_API', `Discord refused the request (${status}, ${detail})`, { cause: e });
  }
  const err = e as { name?: string; code?: unknown; cause?: { code?: unknown }; message?: string };
  // discord.js's own (string) code for a 401 at login, or a token that is not a token at all.
  if (err.code === 'TokenInvalid') return new OperatorError('DISCORD_AUTH', 'DISCORD_TOKEN was refused by Discord (401): check the token (Developer Portal → your application → Bot → Reset Token)', { cause: e });
  const net = [err.code, err.cause?.code].find((c): c is string => typeof c === 'string' && NETWORK.test(c));
  if (net) return new OperatorError('DISCORD_UNREACHABLE', `could not reach Discord at ${apiBase} (${net}); check the network, or DISCORD_API_BASE if set`, { cause: e });
  if (err.name === 'AbortError' || err.name === 'TimeoutError')
    return new OperatorError('DISCORD_UNREACHABLE', `Discord at ${apiBase} did not answer in time; check the network, or DISCORD_API_BASE if set`, { cause: e });
  // A body marked JSON that is not: something other than Discord's API answers there (a web server, a
  // proxy's error page). Only a parse in the HTTP client's body reader: our own JSON.parse stays a bug.
  if (e instanceof SyntaxError && /[\\/]undici[\\/]/.test(e.stack ?? '')) return new OperatorError('DISCORD_API', `${apiBase} did not answer as Discord's API does (not JSON); check DISCORD_API_BASE`, { cause: e });
  // undici's "fetch failed" without a known code: still the network, not a bug of ours.
  if (err.message === 'fetch failed') return new OperatorError('DISCORD_UNREACHABLE', `could not reach Discord at ${apiBase}; check the network, or DISCORD_API_BASE if set`, { cause: e });
  return e;
}
