// Which addresses a feed's redirects may not lead to: loopback, link-local (cloud metadata services live
// at 169.254.169.254), private and unspecified ranges. A feed on the public internet that redirects
// there would make the bot fetch from its own machine or network and store and show what comes back, so
// such a redirect is refused, unless the configured feed URL is itself such an address (an operator's
// own local feed). Checked twice: the redirect's host before anything is connected, and, for a host
// name, every address it resolves to, at connect time (so DNS cannot point a public-looking name inside).
import { BlockList, isIP, type LookupFunction } from 'node:net';
import dns from 'node:dns';

const INTERNAL = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local machine
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT (RFC 6598): inside a provider's network
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking networks (RFC 2544), used inside labs and data centres
] as const)
  INTERNAL.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10],
] as const)
  INTERNAL.addSubnet(net, bits, 'ipv6');

/** An IP literal, without the brackets a URL puts around IPv6. */
function bare(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** True for an IP address in a loopback, link-local, private or unspecified range (IPv4-mapped IPv6 too). */
export function isInternalAddress(address: string): boolean {
  const a = bare(address);
  const v = isIP(a);
  if (v === 4) return INTERNAL.check(a, 'ipv4');
  if (v !== 6) return false;
  // ::ffff:a.b.c.d (and its hex form ::ffff:7f00:1) is the IPv4 address a.b.c.d.
  const mapped = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(a);
  if (mapped) {
    const v4 = mapped[1] ?? [parseInt(mapped[2]!, 16) >> 8, parseInt(mapped[2]!, 16) & 255, parseInt(mapped[3]!, 16) >> 8, parseInt(mapped[3]!, 16) & 255].join('.');
    return INTERNAL.check(v4, 'ipv4');
  }
  // NAT64 (64:ff9b::a.b.c.d, RFC 6052) and 6to4 (2002:AABB:CCDD::, RFC 3056) carry an IPv4 address that
  // a gateway reaches: judge that address.
  const embedded = embeddedIpv4(a);
  if (embedded !== undefined) return INTERNAL.check(embedded, 'ipv4');
  return INTERNAL.check(a, 'ipv6');
}

/** The IPv4 address inside a NAT64 or 6to4 IPv6 address, or undefined. */
function embeddedIpv4(a: string): string | undefined {
  const words = expandIpv6(a);
  if (!words) return undefined;
  const v4 = (hi: number, lo: number) => [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
  if (words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0)) return v4(words[6]!, words[7]!);
  if (words[0] === 0x2002) return v4(words[1]!, words[2]!);
  return undefined;
}

/** "64:ff9b::7f00:1" → eight 16-bit words (a dotted IPv4 tail counts as two), or undefined. */
function expandIpv6(a: string): number[] | undefined {
  let s = a.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (dotted) {
    const [b1, b2, b3, b4] = dotted.slice(1).map(Number) as [number, number, number, number];
    s = `${s.slice(0, dotted.index)}${((b1 << 8) | b2).toString(16)}:${((b3 << 8) | b4).toString(16)}`;
  }
  const [head, tail] = s.split('::') as [string, string | undefined];
  const part = (x: string | undefined) => (x ? x.split(':').map((w) => parseInt(w, 16)) : []);
  const h = part(head);
  const t = part(tail);
  const words = tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : undefined;
}

/** A URL host that is itself internal: an address in those ranges, or localhost (RFC 6761). */
export function isInternalHost(hostname: string): boolean {
  const h = bare(hostname).toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || isInternalAddress(h);
}

/** What a refused redirect records: the reason names where it pointed. */
export class InternalAddressError extends Error {
  readonly code = 'ERR_CHIPWATCH_INTERNAL_ADDRESS';
  constructor(host: string, address?: string) {
    super(`redirect to a local or private address refused (${address && address !== bare(host) ? `${bare(host)} → ${address}` : bare(host)})`);
  }
}

/**
 * A dns.lookup for connections that must not reach inside: it fails when the name resolves to any
 * internal address. Handles both callback shapes (one address, or `all: true` as Node's
 * autoSelectFamily asks for).
 */
export function externalOnlyLookup(base: LookupFunction = dns.lookup as LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    base(hostname, options, (err, address, family) => {
      if (err) return callback(err, address, family);
      const list = Array.isArray(address) ? (address as dns.LookupAddress[]).map((a) => a.address) : [address];
      const inside = list.find((a) => isInternalAddress(a));
      if (inside !== undefined) return callback(new InternalAddressError(hostname, inside) as unknown as NodeJS.ErrnoException, address, family);
      callback(null, address, family);
    });
  };
}
