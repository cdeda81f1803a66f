// Two kinds of failure (after sapphire's UserError): a UserError is expected — bad input, unknown
// vendor, no permission — and becomes a short ephemeral reply. Anything else is a bug: logged with a
// code, and the user sees a short apology. The one top-level catch is in the dispatcher.

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
  ) {
    super(message);
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
