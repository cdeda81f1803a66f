// A fake chat platform on 127.0.0.1 that behaves like Discord's "create message" where it matters to
// delivery: POST /channels/:id/messages with {content, nonce, enforce_nonce}; a nonce already used returns
// the first message again instead of posting twice (Discord's enforce_nonce); it can enforce a per-channel
// rate limit and inject faults (429 + retry_after, 500, time-outs that did or did not post, permanent
// "Unknown Channel"). It counts everything, so tests check exactly-once and "never before retry-after".
// Also here: a Poster that talks to it, mapping HTTP outcomes to PostResult like the real adapters do.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import type { Poster, PostResult, PostTarget } from '../../src/core/adapter.ts';
import type { Platform } from '../../src/core/context.ts';
import type { Reply } from '../../src/core/reply.ts';

export interface FakePlatformOptions {
  /** Per-channel limit; a request over it gets 429 with the time until a slot frees. */
  rateLimit?: { max: number; windowMs: number };
  /** Shares of requests (0..1) answered with each fault. */
  faults?: { rate429?: number; retryAfterMs?: [number, number]; rate500?: number; rateTimeout?: number };
  /** Channels that answer 404 Unknown Channel (a deleted channel): permanent. */
  permanentChannels?: ReadonlySet<string>;
  /** Added before answering, to make a send take time. */
  latencyMs?: number;
  /** Seeded randomness for reproducible faults. */
  random?: () => number;
}

export interface Delivery {
  channelId: string;
  content: string;
  at: number;
}

export interface FakePlatform {
  url: string;
  /** Posted messages by nonce: each appears once however often it was sent. */
  delivered: Map<string, Delivery>;
  /** Every request per nonce (sends + resends). */
  requestsByKey: Map<string, number>;
  requests: number;
  /** Resends of an already-posted nonce, answered with the original message. */
  deduped: number;
  /** Requests that arrived before the retry-after this fake had given for that channel. */
  early: { channelId: string; byMs: number }[];
  /** Answers by kind, e.g. {ok: 990, '429': 12, '500': 7, timeout: 3, permanent: 1}. */
  answers: Record<string, number>;
  /** Accepted-post instants per channel. */
  postTimes: Map<string, number[]>;
  /** Arrival instants of every request per channel, accepted or not: pacing is measured on these. */
  arrivals: Map<string, number[]>;
  /** 429s the fake gave because a channel went over `rateLimit` (apart from injected faults): tests require 0. */
  ownRefusals: number;
  close(): Promise<void>;
}

/** A small deterministic PRNG (mulberry32) so fault patterns repeat between runs. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let s = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (s += c));
    req.on('end', () => resolve(s));
    req.on('error', reject);
  });
}

export async function startFakePlatform(o: FakePlatformOptions = {}): Promise<FakePlatform> {
  const random = o.random ?? Math.random;
  const blockedUntil = new Map<string, number>();
  const windowHits = new Map<string, number[]>();
  const hung = new Set<ServerResponse>();
  let nextId = 1;
  const fake: Omit<FakePlatform, 'url' | 'close'> = { delivered: new Map(), requestsByKey: new Map(), requests: 0, deduped: 0, early: [], answers: {}, postTimes: new Map(), arrivals: new Map(), ownRefusals: 0 };
  const count = (k: string) => (fake.answers[k] = (fake.answers[k] ?? 0) + 1);
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const tooMany = (res: ServerResponse, channelId: string, ms: number, now: number) => {
    blockedUntil.set(channelId, Math.max(blockedUntil.get(channelId) ?? 0, now + ms));
    count('429');
    // Discord: retry_after in seconds (float) in the body, Retry-After header in seconds.
    json(res, 429, { message: 'You are being rate limited.', retry_after: ms / 1000, global: false }, { 'retry-after': String(Math.ceil(ms / 1000)) });
  };
  const post = (channelId: string, nonce: string, content: string, now: number): { id: string } => {
    const had = fake.delivered.get(nonce);
    if (had) {
      fake.deduped++;
      return { id: `dup-of-${nonce}` };
    }
    fake.delivered.set(nonce, { channelId, content, at: now });
    let times = fake.postTimes.get(channelId);
    if (!times) fake.postTimes.set(channelId, (times = []));
    times.push(now);
    return { id: String(nextId++) };
  };

  const server = createServer(async (req, res) => {
    const m = /^\/channels\/([^/]+)\/messages$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m) return json(res, 404, { message: '404: Not Found', code: 0 });
    const channelId = decodeURIComponent(m[1]!);
    const body = JSON.parse(await readBody(req)) as { content: string; nonce: string; enforce_nonce: boolean };
    const now = Date.now();
    fake.requests++;
    fake.requestsByKey.set(body.nonce, (fake.requestsByKey.get(body.nonce) ?? 0) + 1);
    let arrived = fake.arrivals.get(channelId);
    if (!arrived) fake.arrivals.set(channelId, (arrived = []));
    arrived.push(now);
    if (o.latencyMs) await new Promise((r) => setTimeout(r, o.latencyMs));
    if (o.permanentChannels?.has(channelId)) {
      count('permanent');
      return json(res, 404, { message: 'Unknown Channel', code: 10003 });
    }
    const blocked = blockedUntil.get(channelId) ?? 0;
    if (now < blocked) {
      fake.early.push({ channelId, byMs: blocked - now });
      return tooMany(res, channelId, blocked - now, now);
    }
    if (o.rateLimit) {
      let hits = windowHits.get(channelId);
      if (!hits) windowHits.set(channelId, (hits = []));
      while (hits.length && hits[0]! <= now - o.rateLimit.windowMs) hits.shift();
      if (hits.length >= o.rateLimit.max) {
        fake.ownRefusals++;
        return tooMany(res, channelId, hits[0]! + o.rateLimit.windowMs - now, now);
      }
      hits.push(now);
    }
    const f = o.faults ?? {};
    const r = random();
    let edge = f.rate429 ?? 0;
    if (r < edge) {
      const [lo, hi] = f.retryAfterMs ?? [50, 200];
      return tooMany(res, channelId, Math.round(lo + random() * (hi - lo)), now);
    }
    if (r < (edge += f.rate500 ?? 0)) {
      count('500');
      return json(res, 500, { message: 'Internal Server Error', code: 0 });
    }
    if (r < (edge += f.rateTimeout ?? 0)) {
      // Half the time-outs happen after the message was posted: only the nonce saves us from a double.
      if (random() < 0.5) post(channelId, body.nonce, body.content, now);
      count('timeout');
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return; // never answer; the client gives up
    }
    count('ok');
    json(res, 200, post(channelId, body.nonce, body.content, now));
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...fake,
    get requests() {
      return fake.requests;
    },
    get deduped() {
      return fake.deduped;
    },
    get ownRefusals() {
      return fake.ownRefusals;
    },
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hung) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  } as FakePlatform;
}

/**
 * A Poster for the fake, mapping outcomes the way the real adapters do: 2xx ok; 429 transient with the
 * body's retry_after; 5xx, time-out and network errors transient; 404/403 permanent.
 */
export function fakePlatformPoster(baseUrl: string, o: { platform?: Platform; timeoutMs?: number } = {}): Poster {
  // undici's request() rather than fetch(): a fraction of the CPU per call, which matters on a busy 2-core box.
  const timeout = o.timeoutMs ?? 2_000;
  const dispatcher = new Agent({ headersTimeout: timeout, bodyTimeout: timeout, connections: 64 });
  return {
    platform: o.platform ?? 'discord',
    async post(target: PostTarget, reply: Reply, idempotencyKey: string): Promise<PostResult> {
      let status: number;
      let body: { id?: string; retry_after?: number; message?: string; code?: number };
      try {
        const res = await request(`${baseUrl}/channels/${encodeURIComponent(target.channelId)}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ content: reply.text, nonce: idempotencyKey, enforce_nonce: true }),
          dispatcher,
        });
        status = res.statusCode;
        body = (await res.body.json().catch(() => ({}))) as typeof body;
      } catch (e) {
        return { ok: false, kind: 'transient', error: `network: ${(e as Error).name}` };
      }
      if (status >= 200 && status < 300) return { ok: true, ...(body.id ? { messageId: body.id } : {}) };
      if (status === 429) return { ok: false, kind: 'transient', error: 'rate limited', retryAfterMs: Math.ceil((body.retry_after ?? 1) * 1000) };
      if (status >= 500) return { ok: false, kind: 'transient', error: `HTTP ${status}` };
      return { ok: false, kind: 'permanent', error: `${body.message ?? `HTTP ${status}`} (${body.code ?? status})` };
    },
  };
}
