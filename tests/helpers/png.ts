// A strict PNG reader for tests: checks the signature and every chunk's CRC, inflates the image data and
// checks it holds exactly height × (1 + width × bytes-per-pixel) bytes, then unfilters the scanlines. Enough to know a renderer's
// output is a whole, decodable image of the size it claims, without an image library.
import { inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

export function decodePng(png: Buffer): { width: number; height: number; colorType: number; pixels: Buffer } {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG signature');
  let off = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  const idat: Buffer[] = [];
  let ended = false;
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.subarray(off + 4, off + 8).toString('latin1');
    const data = png.subarray(off + 8, off + 8 + len);
    if (crc32(png.subarray(off + 4, off + 8 + len)) !== png.readUInt32BE(off + 8 + len)) throw new Error(`bad CRC in ${type}`);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8) throw new Error('expected 8-bit samples');
      colorType = data[9]!;
    } else if (type === 'IDAT') idat.push(Buffer.from(data));
    else if (type === 'IEND') ended = true;
    off += 12 + len;
  }
  if (!ended) throw new Error('no IEND chunk');
  const bpp = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  if (!bpp) throw new Error(`unsupported colour type ${colorType}`);
  const data = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  if (data.length !== height * (1 + stride)) throw new Error(`image data is ${data.length} bytes, expected ${height * (1 + stride)}`);
  // Undo each scanline's filter (PNG spec §9.2) so `pixels` holds the samples themselves.
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (1 + stride)]!;
    const line = data.subarray(y * (1 + stride) + 1, (y + 1) * (1 + stride));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y ? pixels.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? out[i - bpp]! : 0;
      const b = prev[i]!;
      const c = i >= bpp ? prev[i - bpp]! : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const pred = [0, a, b, (a + b) >> 1, pa <= pb && pa <= pc ? a : pb <= pc ? b : c][filter];
      if (pred === undefined) throw new Error(`unknown filter ${filter} on line ${y}`);
      out[i] = (line[i]! + pred) & 0xff;
    }
  }
  return { width, height, colorType, pixels };
}
