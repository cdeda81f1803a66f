// Decompression for feed bodies, always with a cap on the output so a small bomb cannot become gigabytes.
// Streaming (HTTP Content-Encoding) and one-shot (a gzip file on disk, or a server that sends a .gz feed
// without saying so) forms.
import zlib from 'node:zlib';
import type { Transform } from 'node:stream';

/**
 * A decompressing stream for a Content-Encoding: null for identity, undefined when we cannot decode it.
 * "deflate" is officially zlib-wrapped; createUnzip also accepts gzip, which some servers send under it.
 */
export function decompressorFor(contentEncoding: string): Transform | null | undefined {
  switch (contentEncoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
    case 'deflate':
      return zlib.createUnzip();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

export function isGzip(b: Buffer): boolean {
  return b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** Gunzips bytes that start with the gzip magic; throws a RangeError past `maxOutput` bytes. */
export function gunzipCapped(b: Buffer, maxOutput: number): Buffer {
  return zlib.gunzipSync(b, { maxOutputLength: maxOutput });
}
