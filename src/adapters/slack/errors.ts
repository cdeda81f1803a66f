// Slack Web API failures → the outbox's PostResult. Transient ones are worth retrying later (rate limit
// with Slack's Retry-After, 5xx, network); permanent ones mean the target must be paused until someone
// fixes it (channel gone, bot removed, token revoked). The WebClient is built with
// rejectRateLimitedCalls, so a 429 arrives here instead of being slept on inside the library.
// Error names: https://docs.slack.dev/reference/methods/chat.postMessage#errors
import { webApi } from '@slack/bolt';
import type { PostResult } from '../../core/adapter.ts';

/** Retrying cannot help; a person must act (invite the bot, reinstall, pick another channel). */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'account_inactive',
  'missing_scope',
  'no_permission',
  'org_login_required',
  'ekm_access_denied',
  'team_access_not_granted',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'cannot_reply_to_message',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'too_many_attachments',
  'no_text',
  'invalid_arguments',
  'app_uninstalled',
  'team_not_found',
]);

/** Slack says "try again": outages and its own limits. */
const TRANSIENT = new Set(['ratelimited', 'rate_limited', 'fatal_error', 'internal_error', 'request_timeout', 'service_unavailable', 'team_added_to_org']);

/** The Slack error name, if there is one, of anything the WebClient throws. */
export function slackErrorName(e: unknown): string | undefined {
  const err = e as { code?: string; data?: { error?: string } };
  if (err?.code === webApi.ErrorCode.PlatformError) return err.data?.error;
  return undefined;
}

export function toPostResult(e: unknown): PostResult & { ok: false } {
  const err = e as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number; original?: Error; message?: string };
  switch (err?.code) {
    case webApi.ErrorCode.RateLimitedError:
      // Retry-After is whole seconds (the WebClient parses it with parseInt).
      return { ok: false, kind: 'transient', error: 'ratelimited', retryAfterMs: Math.max(0, (err.retryAfter ?? 1) * 1000) };
    case webApi.ErrorCode.PlatformError: {
      const name = err.data?.error ?? 'unknown_error';
      if (PERMANENT.has(name)) return { ok: false, kind: 'permanent', error: name };
      if (TRANSIENT.has(name)) return { ok: false, kind: 'transient', error: name };
      // An error name we do not know: retrying a few times is cheap; the outbox gives up eventually.
      return { ok: false, kind: 'transient', error: name };
    }
    case webApi.ErrorCode.HTTPError: {
      const status = err.statusCode ?? 0;
      if (status === 429) return { ok: false, kind: 'transient', error: 'http_429', retryAfterMs: 1000 };
      if (status >= 500 || status === 408) return { ok: false, kind: 'transient', error: `http_${status}` };
      // 401/403/404 from the API host mean a wrong token or URL, not a passing problem.
      return { ok: false, kind: 'permanent', error: `http_${status}` };
    }
    case webApi.ErrorCode.RequestError:
      return { ok: false, kind: 'transient', error: `network: ${err.original?.message ?? err.message ?? 'request failed'}` };
    default:
      return { ok: false, kind: 'transient', error: err?.message ?? String(e) };
  }
}
