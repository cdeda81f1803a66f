// Pacing as the platform would see it, measured by the test from the arrival times a fake recorded (every
// request, accepted or not) — the fakes never hide a too-fast sender by refusing it quietly.
export interface PaceViolation {
  channelId: string;
  /** Index of the arrival that was one too many for its window. */
  index: number;
  /** How long the `max + 1` arrivals ending at it took (less than the window: too fast). */
  spanMs: number;
}

/** Every point where more than `max` requests reached one channel within `windowMs`. */
export function paceViolations(arrivals: ReadonlyMap<string, readonly number[]>, limit: { max: number; windowMs: number }): PaceViolation[] {
  const out: PaceViolation[] = [];
  for (const [channelId, times] of arrivals) {
    const t = [...times].sort((a, b) => a - b);
    for (let i = limit.max; i < t.length; i++) {
      const spanMs = t[i]! - t[i - limit.max]!;
      if (spanMs < limit.windowMs) out.push({ channelId, index: i, spanMs });
    }
  }
  return out;
}
