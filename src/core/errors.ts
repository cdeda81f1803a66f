// Two kinds of failure (after sapphire's UserError): a UserError is expected — bad input, unknown
// vendor, no permission — and becomes a short ephemeral reply. Anything else is a bug: logged with a
// code, and the user sees a short apology. The one top-level catch is in the dispatcher.
import type { MessageKey, MessageValues } from '../i18n/t.ts';

/** A message from the catalog (src/i18n/messages), for readers of other languages than English. */
export interface CatalogText {
  key: MessageKey;
  values?: MessageValues;
}

export type UserErrorCode =
  | 'UNKNOWN_COMMAND'
  | 'BAD_OPTION'
  | 'UNKNOWN_OPTION'
  | 'MISSING_OPTION'
  | 'TOO_MANY_ARGUMENTS'
  | 'NOT_FOUND'
  | 'AMBIGUOUS'
  | 'FORBIDDEN'
  | 'BAD_QUERY'
  | 'RATE_LIMITED';

export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    readonly code: UserErrorCode,
    message: string,
    /** Shown under the message, e.g. the command's usage line. */
    readonly hint?: string,
    /** The same message (and hint) as catalog keys: the dispatcher shows them in the reader's language. */
    readonly localized?: { message: CatalogText; hint?: CatalogText },
  ) {
    super(message);
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/**
 * A failure the person running chipwatch caused and can fix — a bad setting, a database path that
 * cannot work, a token Discord refuses. The CLI prints its message as ONE line and exits non-zero,
 * without a trace (unless --debug). The message says what is wrong and what to do about it.
 */
export type OperatorErrorCode =
  | 'CONFIG'
  | 'USAGE'
  | 'DB_PATH'
  | 'DB_NOT_SQLITE'
  | 'DB_CORRUPT'
  | 'DB_NEWER_SCHEMA'
  | 'DB_READ_ONLY'
  | 'DB_FULL'
  | 'DB_LOST'
  | 'DB_NATIVE_MODULE'
  | 'FILE'
  | 'DISCORD_AUTH'
  | 'DISCORD_APP_ID'
  | 'DISCORD_RATE_LIMITED'
  | 'DISCORD_UNREACHABLE'
  | 'DISCORD_API'
  | 'SLACK_AUTH'
  | 'SLACK_UNREACHABLE';

export class OperatorError extends Error {
  override readonly name = 'OperatorError';
  constructor(
    readonly code: OperatorErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isOperatorError(e: unknown): e is OperatorError {
  return e instanceof OperatorError;
}
