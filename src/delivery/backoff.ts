// Retry timing for transient failures: exponential backoff with "equal jitter" (half fixed, half random,
// after the AWS Architecture Blog's "Exponential Backoff and Jitter"), never earlier than the platform's
// retry-after. Jitter spreads retries so a recovering platform is not hit by every channel at once.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 15 * 60_000 };

/** Delay before attempt `attempts + 1` (attempts = failures so far, >= 1). */
export function retryDelay(attempts: number, p: BackoffPolicy, retryAfterMs = 0, random: () => number = Math.random): number {
  const exp = Math.min(p.maxMs, p.baseMs * 2 ** Math.min(30, Math.max(0, attempts - 1)));
  const jittered = exp / 2 + random() * (exp / 2);
  return Math.max(Math.ceil(jittered), Math.ceil(retryAfterMs));
}
