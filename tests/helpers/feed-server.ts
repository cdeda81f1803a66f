// A local HTTP server on 127.0.0.1 for the fetcher and poller tests: well-behaved feeds (plain, gzip,
// brotli, deflate, conditional GET, redirects) and hostile ones (slow drip, stall, endless body, gzip
// bomb, redirect loop, entity bomb, a huge title, wrong charsets, 404, 500). It records each request's headers.
import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';

export interface FeedServer {
  base: string;
  /** Request headers by path, in arrival order. */
  requests: Array<{ path: string; headers: http.IncomingHttpHeaders }>;
  /** Flip a route between failing (500) and serving (for the recovery test). */
  flaky: { failing: boolean };
  close(): Promise<void>;
}

export const GOOD_FEED = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Good Feed</title><link>https://good.example/</link>
<item><title>Alibaba's T-Head unveils Zhenwu AI chip for data centres</title><link>https://good.example/news/1?utm_source=rss</link>
<guid>good-1</guid><pubDate>Mon, 24 Nov 2026 08:00:00 GMT</pubDate><description>&lt;p&gt;Alibaba's chip unit T-Head showed an AI accelerator.&lt;/p&gt;</description></item>
<item><title>Huawei Ascend 910C shipments grow</title><link>/news/2</link><guid>good-2</guid><pubDate>Tue, 25 Nov 2026 08:00:00 GMT</pubDate></item>
<item><title>Weather report</title><link>https://good.example/news/3</link><guid>good-3</guid></item>
</channel></rss>`;

/** Nested entities, 10^9 "lol"s if expanded. */
export const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><link>https://bomb.example/1</link></item></channel></rss>`;

const ZH_FEED = `<?xml version="1.0" encoding="gb2312"?>
<rss version="2.0"><channel><title>中文</title><item><title>寒武纪发布新一代思元芯片</title><link>https://zh.example/1</link></item></channel></rss>`;

let hugeTitle: Buffer | null = null;

/** About 22 KiB of gzip that is a feed with a 23 MB title: within the fetcher's caps, a lot for a parser. */
export function hugeTitleGzip(): Buffer {
  return (hugeTitle ??= zlib.gzipSync(
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title><item><title>${'A'.repeat(23_000_000)}</title><link>https://huge.example/1</link></item></channel></rss>`,
    { level: 9 },
  ));
}

export async function startFeedServer(): Promise<FeedServer> {
  const requests: FeedServer['requests'] = [];
  const flaky = { failing: true };
  const timers = new Set<NodeJS.Timeout>();
  // One gzip member of 1 MiB of spaces (about 1 KiB), sent again and again: an endless decompressed body.
  const bombMember = zlib.gzipSync(Buffer.alloc(1024 * 1024, 0x20), { level: 9 });
  const etag = '"v1"';
  const lastModified = 'Mon, 24 Nov 2026 09:00:00 GMT';

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push({ path: url.pathname, headers: req.headers });
    const p = url.pathname;
    const send = (status: number, body: string | Buffer, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/rss+xml', ...headers });
      res.end(body);
    };
    if (p === '/ok.xml') {
      if (req.headers['if-none-match'] === etag || req.headers['if-modified-since'] === lastModified) return send(304, '');
      return send(200, GOOD_FEED, { etag, 'last-modified': lastModified });
    }
    if (p === '/lm.xml') {
      if (req.headers['if-modified-since'] === lastModified) return send(304, '');
      return send(200, GOOD_FEED, { 'last-modified': lastModified });
    }
    if (p === '/gzip.xml') return send(200, zlib.gzipSync(GOOD_FEED), { 'content-encoding': 'gzip' });
    if (p === '/br.xml') return send(200, zlib.brotliCompressSync(GOOD_FEED), { 'content-encoding': 'br' });
    if (p === '/deflate.xml') return send(200, zlib.deflateSync(GOOD_FEED), { 'content-encoding': 'deflate' });
    if (p === '/weird-encoding.xml') return send(200, GOOD_FEED, { 'content-encoding': 'compress' });
    if (p === '/too-long.xml') return send(200, GOOD_FEED, { 'content-length': String(50 * 1024 * 1024) });
    const hop = /^\/hop\/(\d+)$/.exec(p);
    if (hop) {
      const n = Number(hop[1]);
      res.writeHead(n > 0 ? 302 : 301, { location: n > 0 ? `/hop/${n - 1}` : '/ok.xml' });
      return res.end();
    }
    if (p === '/redirect') {
      // Wherever ?to= says: the redirect tests for local and private addresses.
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/ok.xml' });
      return res.end();
    }
    if (p === '/loop-a' || p === '/loop-b') {
      res.writeHead(307, { location: p === '/loop-a' ? `${'http://127.0.0.1:' + (server.address() as AddressInfo).port}/loop-b` : '/loop-a' });
      return res.end();
    }
    if (p === '/404') return send(404, 'not here', { 'content-type': 'text/plain' });
    if (p === '/500') return send(500, 'boom', { 'content-type': 'text/plain' });
    if (p === '/503') return send(503, 'busy', { 'content-type': 'text/plain', 'retry-after': '120' });
    if (p === '/flaky.xml') return flaky.failing ? send(500, 'boom') : send(200, GOOD_FEED);
    if (p === '/html') return send(200, '<!DOCTYPE html><html><body>This domain is parked</body></html>', { 'content-type': 'text/html' });
    if (p === '/laughs.xml') return send(200, BILLION_LAUGHS);
    if (p === '/huge-title.xml') return send(200, hugeTitleGzip(), { 'content-encoding': 'gzip' });
    if (p === '/wrong-charset-utf8.xml')
      // Both declarations say legacy charsets; the bytes are UTF-8.
      return send(200, Buffer.from(ZH_FEED, 'utf8'), { 'content-type': 'application/rss+xml; charset=iso-8859-1' });
    if (p === '/wrong-charset-gbk.xml') {
      // Says UTF-8 everywhere; the bytes are GB18030.
      const gbk = encodeGb(ZH_FEED.replace('encoding="gb2312"', 'encoding="utf-8"'));
      return send(200, gbk, { 'content-type': 'application/rss+xml; charset=utf-8' });
    }
    if (p === '/slow-drip') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
      const t = setInterval(() => res.write(' '), 100);
      timers.add(t);
      res.on('close', () => clearInterval(t));
      return;
    }
    if (p === '/stall') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.write('<?xml version="1.0"?>');
      return; // never another byte
    }
    if (p === '/endless') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (res.write(chunk)) if (res.destroyed) return;
      };
      res.on('drain', pump);
      pump();
      return;
    }
    if (p === '/gzip-bomb') {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
      const pump = () => {
        while (!res.destroyed && res.write(bombMember));
      };
      res.on('drain', pump);
      pump();
      return;
    }
    send(404, 'unknown test route');
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    flaky,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** GB18030 bytes for CJK text (Node only decodes legacy charsets, so invert its decoder). */
export function encodeGb(s: string): Buffer {
  const dec = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(hi, lo));
      if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else out.push(...(table.get(ch) ?? [0x3f]));
  }
  return Buffer.from(out);
}
