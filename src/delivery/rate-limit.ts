// Per-channel send pacing, so the worker stays inside each platform's limits instead of collecting 429s:
// a sliding window of recent sends per (platform, channel), plus a "blocked until" set from retry-after.
import type { Platform } from '../core/context.ts';

export interface RateLimit {
  /** At most `max` messages per `windowMs` per channel. */
  max: number;
  windowMs: number;
}

/**
 * Discord: 5 messages per 5 s per channel is the long-observed bucket for POST /channels/{id}/messages
 * (https://discord.com/developers/docs/topics/rate-limits; buckets are announced in X-RateLimit headers,
 * this is the value they announce). Slack: chat.postMessage allows about 1 message per second per
 * channel (https://api.slack.com/methods/chat.postMessage#rate_limiting). The console has no limit.
 */
export const PLATFORM_RATE_LIMITS: Record<Platform, RateLimit | null> = {
  discord: { max: 5, windowMs: 5_000 },
  slack: { max: 1, windowMs: 1_000 },
  console: null,
};

/**
 * Per platform across all channels. Discord: 50 requests per second per bot (the global limit, same page).
 * Slack has no single global figure for chat.postMessage beyond the per-channel one, so none here.
 */
export const PLATFORM_GLOBAL_LIMITS: Record<Platform, RateLimit | null> = {
  discord: { max: 50, windowMs: 1_000 },
  slack: null,
  console: null,
};

const ALL_CHANNELS = '\u0000*';

export class ChannelPacer {
  private sent = new Map<string, number[]>();
  private blocked = new Map<string, number>();

  constructor(
    private readonly limits: Partial<Record<Platform, RateLimit | null>>,
    private readonly globalLimits: Partial<Record<Platform, RateLimit | null>> = {},
  ) {}

  private windowReady(k: string, lim: RateLimit | null | undefined, nowMs: number): number {
    if (!lim) return 0;
    const times = this.sent.get(k);
    if (!times) return 0;
    while (times.length && times[0]! <= nowMs - lim.windowMs) times.shift();
    return times.length >= lim.max ? times[times.length - lim.max]! + lim.windowMs : 0;
  }

  private record(k: string, nowMs: number): void {
    let times = this.sent.get(k);
    if (!times) this.sent.set(k, (times = []));
    times.push(nowMs);
  }

  private key(platform: Platform, channelId: string): string {
    return `${platform}\u0000${channelId}`;
  }

  /** The earliest instant a send to this channel is allowed (<= nowMs: now). */
  readyAt(platform: Platform, channelId: string, nowMs: number): number {
    const k = this.key(platform, channelId);
    return Math.max(
      this.blocked.get(k) ?? 0,
      this.windowReady(k, this.limits[platform], nowMs),
      this.windowReady(platform + ALL_CHANNELS, this.globalLimits[platform], nowMs),
    );
  }

  /** Records a send (at the moment it finished). */
  took(platform: Platform, channelId: string, nowMs: number): void {
    if (this.limits[platform]) this.record(this.key(platform, channelId), nowMs);
    if (this.globalLimits[platform]) this.record(platform + ALL_CHANNELS, nowMs);
  }

  /** The platform said wait (429 retry-after): nothing goes to this channel before `untilMs`. */
  block(platform: Platform, channelId: string, untilMs: number): void {
    const k = this.key(platform, channelId);
    this.blocked.set(k, Math.max(this.blocked.get(k) ?? 0, untilMs));
  }

  /** Forgets idle channels so a long-running worker's memory stays flat. */
  sweep(nowMs: number): void {
    const maxWindow = Math.max(0, ...[...Object.values(this.limits), ...Object.values(this.globalLimits)].map((l) => l?.windowMs ?? 0));
    for (const [k, times] of this.sent) if (!times.length || times[times.length - 1]! <= nowMs - maxWindow) this.sent.delete(k);
    for (const [k, until] of this.blocked) if (until <= nowMs) this.blocked.delete(k);
  }
}
