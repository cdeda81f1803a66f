// Fetches one feed over HTTP(S) with hard limits, so a hostile or broken server costs at most a few
// seconds and a few megabytes: a connect and an overall deadline, an idle timeout between bytes, a cap on
// bytes on the wire and a separate cap on decompressed bytes (we decompress ourselves, streaming, so a
// gzip bomb stops at the cap instead of filling memory), at most 5 redirects with loop detection, and a
// conditional GET (ETag / Last-Modified). Redirects to loopback, link-local and private addresses are
// refused unless the configured URL is itself one (fetch-address.ts). The result is classified: ok /
// not-modified / error + reason.
// undici's `request` (not `fetch`) because it leaves Content-Encoding and redirects to us.
import { Agent, request, errors as undiciErrors } from 'undici';
import type { LookupFunction } from 'node:net';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { decompressorFor } from './fetch-decompress.ts';
import { USER_AGENT } from './fetch-agent.ts';
import { externalOnlyLookup, InternalAddressError, isInternalHost } from './fetch-address.ts';
import { DEFAULT_FETCH_LIMITS, type FetchLimits } from './fetch-limits.ts';

export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchResult =
  | { kind: 'ok'; url: string; status: number; body: Buffer; contentType: string | null; etag: string | null; lastModified: string | null; redirects: number }
  | { kind: 'not-modified'; url: string; etag: string | null; lastModified: string | null }
  | { kind: 'error'; url: string; reason: string; status?: number; retryAfterMs?: number };

export interface FeedFetcher {
  fetch(url: string, validators?: Validators): Promise<FetchResult>;
  close(): Promise<void>;
}

/** Thrown inside the body pipeline when a cap is hit; its message is the recorded reason. */
class LimitError extends Error {}

const REDIRECT = new Set([301, 302, 303, 307, 308]);

function mib(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) ? 1 : 0)} MiB` : `${Math.round(n / 1024)} KiB`;
}

function header(h: Record<string, string | string[] | undefined>, name: string): string | null {
  const v = h[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

/** Counts bytes passing through and fails once more than `max` have passed. */
function capped(max: number, what: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max) done(new LimitError(`${what} larger than ${mib(max)}`));
      else done(null, chunk);
    },
  });
}

function retryAfterMs(v: string | null, now: number): number | undefined {
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/** A short, clear reason from a network error (no stack, no internals). */
export function describeNetworkError(e: unknown, limits: FetchLimits): string {
  if (e instanceof LimitError) return e.message;
  const err = e as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.code ?? err.cause?.code;
  if (e instanceof InternalAddressError || err.cause instanceof InternalAddressError) return (err.cause instanceof InternalAddressError ? err.cause : err).message!;
  if (err.name === 'AbortError' || code === 'ABORT_ERR' || e instanceof undiciErrors.RequestAbortedError) return `timed out after ${limits.timeoutMs / 1000} s`;
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `connect timed out after ${limits.connectTimeoutMs / 1000} s`;
    case 'UND_ERR_HEADERS_TIMEOUT':
      return `no response headers within ${limits.idleTimeoutMs / 1000} s`;
    case 'UND_ERR_BODY_TIMEOUT':
      return `body stalled for ${limits.idleTimeoutMs / 1000} s`;
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection reset';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found (DNS)';
    case 'ETIMEDOUT':
      return 'network timed out';
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
    case 'ERR_BROTLI_DECOMPRESSION_FAILED':
      return 'corrupt compressed body';
  }
  if (code?.startsWith('CERT_') || code?.startsWith('ERR_TLS') || /certificate/i.test(err.message ?? '')) return `TLS error (${code ?? 'certificate'})`;
  return `network error: ${(err.message ?? String(e)).slice(0, 120)}`;
}

export interface FetcherOptions {
  /** Name resolution (dns.lookup); tests map public-looking names to 127.0.0.1 with it. */
  lookup?: LookupFunction;
}

export function createFeedFetcher(overrides: Partial<FetchLimits> = {}, opts: FetcherOptions = {}): FeedFetcher {
  const limits = { ...DEFAULT_FETCH_LIMITS, ...overrides };
  const agentFor = (lookup: LookupFunction | undefined) =>
    new Agent({
      connect: { timeout: limits.connectTimeoutMs, ...(lookup ? { lookup } : {}) },
      headersTimeout: limits.idleTimeoutMs,
      bodyTimeout: limits.idleTimeoutMs,
      connections: 4,
    });
  // The configured URL goes wherever it names (the operator chose it); the redirects of a feed that is
  // not itself local go through an agent whose name resolution refuses internal addresses.
  const agent = agentFor(opts.lookup);
  let outside: Agent | null = null;

  async function fetchFeed(startUrl: string, validators: Validators = {}): Promise<FetchResult> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
    let url = startUrl;
    const visited = new Set<string>();
    let mayGoInside = false;
    try {
      for (let redirects = 0; ; redirects++) {
        let parsed: URL;
        try {
          parsed = new URL(url);
        } catch {
          return { kind: 'error', url, reason: `not a valid URL` };
        }
        if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { kind: 'error', url, reason: `unsupported URL scheme ${parsed.protocol}` };
        if (redirects === 0) mayGoInside = isInternalHost(parsed.hostname);
        // Refused before any connection is made (169.254.169.254 is never even asked).
        else if (!mayGoInside && isInternalHost(parsed.hostname)) return { kind: 'error', url, reason: new InternalAddressError(parsed.hostname).message };
        const dispatcher = redirects === 0 || mayGoInside ? agent : (outside ??= agentFor(externalOnlyLookup(opts.lookup)));
        visited.add(parsed.href);
        const headers: Record<string, string> = {
          'user-agent': USER_AGENT,
          accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
          'accept-encoding': 'gzip, deflate, br',
        };
        // Sent on every hop: for a feed that always redirects, the stored validators came from the final
        // URL, and a server that does not recognise them simply answers 200.
        if (validators.etag) headers['if-none-match'] = validators.etag;
        if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;

        const res = await request(parsed, { method: 'GET', headers, dispatcher, signal: controller.signal });
        const h = res.headers;
        if (REDIRECT.has(res.statusCode)) {
          discard(res.body);
          const location = header(h, 'location');
          if (!location) return { kind: 'error', url, status: res.statusCode, reason: `HTTP ${res.statusCode} redirect without a Location` };
          const next = new URL(location, parsed).href;
          if (visited.has(next)) return { kind: 'error', url, status: res.statusCode, reason: `redirect loop (${url} → ${next})` };
          if (redirects + 1 > limits.maxRedirects) return { kind: 'error', url, status: res.statusCode, reason: `more than ${limits.maxRedirects} redirects` };
          url = next;
          continue;
        }
        if (res.statusCode === 304) {
          discard(res.body);
          return { kind: 'not-modified', url, etag: header(h, 'etag') ?? validators.etag ?? null, lastModified: header(h, 'last-modified') ?? validators.lastModified ?? null };
        }
        if (res.statusCode < 200 || res.statusCode >= 300) {
          discard(res.body);
          const retry = retryAfterMs(header(h, 'retry-after'), Date.now());
          return { kind: 'error', url, status: res.statusCode, reason: `HTTP ${res.statusCode}${statusText(res.statusCode)}`, ...(retry !== undefined ? { retryAfterMs: retry } : {}) };
        }
        const declaredLength = Number(header(h, 'content-length') ?? NaN);
        if (declaredLength > limits.maxBytes) {
          discard(res.body);
          return { kind: 'error', url, status: res.statusCode, reason: `body larger than ${mib(limits.maxBytes)} (Content-Length ${declaredLength})` };
        }
        const encoding = (header(h, 'content-encoding') ?? 'identity').trim().toLowerCase();
        const decompress = decompressorFor(encoding);
        if (decompress === undefined) {
          discard(res.body);
          return { kind: 'error', url, status: res.statusCode, reason: `unsupported Content-Encoding "${encoding.slice(0, 40)}"` };
        }
        const chunks: Buffer[] = [];
        const sink = new Writable({
          write(chunk: Buffer, _enc, done) {
            chunks.push(chunk);
            done();
          },
        });
        const streamOpts = { signal: controller.signal };
        if (decompress) await pipeline(res.body, capped(limits.maxBytes, 'body'), decompress, capped(limits.maxDecodedBytes, 'decompressed body'), sink, streamOpts);
        else await pipeline(res.body, capped(limits.maxBytes, 'body'), sink, streamOpts);
        return {
          kind: 'ok',
          url,
          status: res.statusCode,
          body: Buffer.concat(chunks),
          contentType: header(h, 'content-type'),
          etag: header(h, 'etag'),
          lastModified: header(h, 'last-modified'),
          redirects,
        };
      }
    } catch (e) {
      return { kind: 'error', url, reason: controller.signal.aborted ? `timed out after ${limits.timeoutMs / 1000} s` : describeNetworkError(e, limits) };
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    fetch: fetchFeed,
    close: async () => {
      await Promise.all([agent.close(), outside?.close()]);
    },
  };
}

/** Drops a body we will not read. undici reports a destroyed, unread body as an 'error' event: absorb it. */
function discard(body: NodeJS.ReadableStream & { destroy(): void }): void {
  body.on('error', () => {});
  body.destroy();
}

function statusText(status: number): string {
  const t: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 410: 'Gone', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };
  return t[status] ? ` ${t[status]}` : '';
}
