// The feed fetcher against a real local HTTP server: User-Agent, gzip/brotli/deflate, conditional GET,
// redirects (chain, too many, loop), HTTP errors with Retry-After, size caps, unsupported encodings,
// refused connections and stalls — every outcome classified with a short reason. Redirects into
// loopback, link-local and private ranges are refused unless the feed is itself local.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dns from 'node:dns';
import net from 'node:net';
import { createFeedFetcher, type FeedFetcher } from '../src/news/fetch.ts';
import { USER_AGENT } from '../src/news/fetch-agent.ts';
import { GOOD_FEED, startFeedServer, type FeedServer } from './helpers/feed-server.ts';

let server: FeedServer;
let fetcher: FeedFetcher;

beforeAll(async () => {
  server = await startFeedServer();
  fetcher = createFeedFetcher({ timeoutMs: 2_000, idleTimeoutMs: 700, connectTimeoutMs: 1_000, maxBytes: 1024 * 1024, maxDecodedBytes: 4 * 1024 * 1024 });
});
afterAll(async () => {
  await fetcher.close();
  await server.close();
});

describe('createFeedFetcher', () => {
  it('fetches a feed and names itself', async () => {
    const r = await fetcher.fetch(`${server.base}/ok.xml`);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.body.toString()).toBe(GOOD_FEED);
    expect(r.etag).toBe('"v1"');
    expect(r.contentType).toBe('application/rss+xml');
    const h = server.requests.findLast((q) => q.path === '/ok.xml')!.headers;
    expect(h['user-agent']).toBe(USER_AGENT);
    expect(USER_AGENT).toMatch(/^chipwatch\/\d+\.\d+\.\d+ \(\+https:\/\/github\.com\/chipwatch\/chipwatch\)$/);
    expect(h['accept-encoding']).toContain('br');
  });

  it('decompresses gzip, brotli and deflate', async () => {
    for (const p of ['/gzip.xml', '/br.xml', '/deflate.xml']) {
      const r = await fetcher.fetch(server.base + p);
      expect(r.kind === 'ok' && r.body.toString(), p).toBe(GOOD_FEED);
    }
  });

  it('sends ETag and Last-Modified back and treats 304 as not modified', async () => {
    expect(await fetcher.fetch(`${server.base}/ok.xml`, { etag: '"v1"' })).toMatchObject({ kind: 'not-modified', etag: '"v1"' });
    expect(await fetcher.fetch(`${server.base}/lm.xml`, { lastModified: 'Mon, 24 Nov 2026 09:00:00 GMT' })).toMatchObject({ kind: 'not-modified' });
    expect((await fetcher.fetch(`${server.base}/ok.xml`, { etag: '"old"' })).kind).toBe('ok');
    // Through a redirect too (the stored validators came from the final URL).
    expect(await fetcher.fetch(`${server.base}/hop/1`, { etag: '"v1"' })).toMatchObject({ kind: 'not-modified', url: `${server.base}/ok.xml` });
  });

  it('follows up to 5 redirects, refuses a 6th and a loop', async () => {
    const five = await fetcher.fetch(`${server.base}/hop/4`);
    expect(five).toMatchObject({ kind: 'ok', url: `${server.base}/ok.xml`, redirects: 5 });
    expect(await fetcher.fetch(`${server.base}/hop/5`)).toMatchObject({ kind: 'error', reason: 'more than 5 redirects' });
    const loop = await fetcher.fetch(`${server.base}/loop-a`);
    expect(loop.kind === 'error' && loop.reason).toMatch(/^redirect loop/);
  });

  it('refuses redirects to loopback, link-local and private addresses from a feed that is not itself local, before connecting', async () => {
    // *.public.example resolves to the test server on 127.0.0.1, as a hostile outlet's DNS could.
    const lookup = ((host: string, o: { all?: boolean }, cb: (...a: unknown[]) => void) => {
      if (!host.endsWith('.public.example')) return dns.lookup(host, o as dns.LookupAllOptions, cb as never);
      if (o.all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
      else cb(null, '127.0.0.1', 4);
    }) as unknown as net.LookupFunction;
    const f = createFeedFetcher({ timeoutMs: 2_000, idleTimeoutMs: 700, connectTimeoutMs: 1_000 }, { lookup });
    try {
      const port = new URL(server.base).port;
      const outlet = `http://feeds.public.example:${port}`;
      // The configured URL goes where it names, even inside: the operator chose it.
      expect(await f.fetch(`${outlet}/ok.xml`)).toMatchObject({ kind: 'ok', redirects: 0 });
      const refused: Array<[string, string]> = [
        [`http://127.0.0.1:${port}/ok.xml`, '127.0.0.1'],
        ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
        [`http://[::1]:${port}/ok.xml`, '::1'],
        ['http://[fe80::1]/', 'fe80::1'],
        ['http://10.1.2.3/feed', '10.1.2.3'],
        ['http://172.20.0.1/feed', '172.20.0.1'],
        ['http://192.168.1.1/feed', '192.168.1.1'],
        ['http://[fd00::5]/feed', 'fd00::5'],
        ['http://0.0.0.0/feed', '0.0.0.0'],
        [`http://[::ffff:127.0.0.1]:${port}/ok.xml`, '::ffff:7f00:1'],
        [`http://localhost:${port}/ok.xml`, 'localhost'],
        // Other spellings of 127.0.0.1 (the URL parser normalises them before we look).
        [`http://2130706433:${port}/ok.xml`, '127.0.0.1'],
        [`http://0x7f.1:${port}/ok.xml`, '127.0.0.1'],
        // A name that resolves inside is refused at connect time.
        [`http://inside.public.example:${port}/ok.xml`, 'inside.public.example → 127.0.0.1'],
      ];
      for (const [to, shown] of refused) {
        const before = server.requests.filter((q) => q.path === '/ok.xml').length;
        const r = await f.fetch(`${outlet}/redirect?to=${encodeURIComponent(to)}`);
        expect(r, to).toMatchObject({ kind: 'error', reason: `redirect to a local or private address refused (${shown})` });
        expect(server.requests.filter((q) => q.path === '/ok.xml').length, `${to} was not fetched`).toBe(before);
      }
    } finally {
      await f.close();
    }
    // A feed configured on a local address may redirect locally.
    expect(await fetcher.fetch(`${server.base}/redirect?to=${encodeURIComponent(`${server.base}/ok.xml`)}`)).toMatchObject({ kind: 'ok', redirects: 1 });
    const viaName = server.base.replace('127.0.0.1', 'localhost');
    expect(await fetcher.fetch(`${viaName}/redirect?to=${encodeURIComponent(`${server.base}/ok.xml`)}`)).toMatchObject({ kind: 'ok', redirects: 1 });
  });

  it('classifies HTTP errors, with Retry-After', async () => {
    expect(await fetcher.fetch(`${server.base}/404`)).toMatchObject({ kind: 'error', status: 404, reason: 'HTTP 404 Not Found' });
    expect(await fetcher.fetch(`${server.base}/500`)).toMatchObject({ kind: 'error', status: 500, reason: 'HTTP 500 Internal Server Error' });
    expect(await fetcher.fetch(`${server.base}/503`)).toMatchObject({ kind: 'error', reason: 'HTTP 503 Service Unavailable', retryAfterMs: 120_000 });
  });

  it('refuses oversized, endless, bomb and oddly encoded bodies', async () => {
    expect(await fetcher.fetch(`${server.base}/too-long.xml`)).toMatchObject({ kind: 'error', reason: 'body larger than 1 MiB (Content-Length 52428800)' });
    expect(await fetcher.fetch(`${server.base}/endless`)).toMatchObject({ kind: 'error', reason: 'body larger than 1 MiB' });
    const t = Date.now();
    expect(await fetcher.fetch(`${server.base}/gzip-bomb`)).toMatchObject({ kind: 'error', reason: 'decompressed body larger than 4 MiB' });
    expect(Date.now() - t).toBeLessThan(3_000); // stops at the cap, not after the (endless) body
    // 22 KiB of gzip that would be a 23 MB title: cut at the decompressed cap while streaming, so the
    // reader never gets it.
    expect(await fetcher.fetch(`${server.base}/huge-title.xml`)).toMatchObject({ kind: 'error', reason: 'decompressed body larger than 4 MiB' });
    expect(await fetcher.fetch(`${server.base}/weird-encoding.xml`)).toMatchObject({ kind: 'error', reason: 'unsupported Content-Encoding "compress"' });
  });

  it('times out a slow drip (overall) and a stall (idle)', async () => {
    let t = Date.now();
    expect(await fetcher.fetch(`${server.base}/slow-drip`)).toMatchObject({ kind: 'error', reason: 'timed out after 2 s' });
    expect(Date.now() - t).toBeLessThan(4_000); // 2 s deadline + slack for a loaded machine
    t = Date.now();
    expect(await fetcher.fetch(`${server.base}/stall`)).toMatchObject({ kind: 'error', reason: 'body stalled for 0.7 s' });
    expect(Date.now() - t).toBeLessThan(3_000);
  });

  it('reports a refused connection and a bad URL', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    expect(await fetcher.fetch(`http://127.0.0.1:${port}/feed`)).toMatchObject({ kind: 'error', reason: 'connection refused' });
    expect(await fetcher.fetch('ftp://127.0.0.1/feed')).toMatchObject({ kind: 'error', reason: 'unsupported URL scheme ftp:' });
  });
});
