// The fetcher's limits, apart from the fetcher: the feed-reading worker thread needs the decompressed-
// bytes cap without loading undici.
export interface FetchLimits {
  /** Everything (all redirects, headers and body) must finish within this. */
  timeoutMs: number;
  connectTimeoutMs: number;
  /** Longest silence while waiting for headers or between body chunks. */
  idleTimeoutMs: number;
  /** Bytes as sent (possibly compressed). */
  maxBytes: number;
  /** Bytes after decompression. */
  maxDecodedBytes: number;
  maxRedirects: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  timeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  idleTimeoutMs: 15_000,
  maxBytes: 8 * 1024 * 1024,
  maxDecodedBytes: 24 * 1024 * 1024,
  maxRedirects: 5,
};
