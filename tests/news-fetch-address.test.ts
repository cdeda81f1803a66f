// Which redirect targets are refused (src/news/fetch-address.ts): every range that reaches the bot's own
// machine or network, including IPv6 forms that carry an internal IPv4 address, and nothing public.
import { describe, expect, it } from 'vitest';
import { isInternalAddress, isInternalHost } from '../src/news/fetch-address.ts';

describe('internal addresses', () => {
  it.each([
    '127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '100.64.0.1', '198.18.0.1',
    '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:7f00:1',
    '64:ff9b::7f00:1', '64:ff9b::169.254.169.254', '2002:a9fe:a9fe::1', '[::1]',
  ])('GIVEN %s THEN it is refused', (a) => expect(isInternalAddress(a)).toBe(true));

  it.each(['8.8.8.8', '1.1.1.1', '100.128.0.1', '198.20.0.1', '2606:4700:4700::1111', '64:ff9b::808:808', '2002:808:808::1', '::ffff:8.8.8.8'])(
    'GIVEN public %s THEN it is allowed',
    (a) => expect(isInternalAddress(a)).toBe(false),
  );

  it('host names: localhost and *.localhost are internal; names are otherwise judged by what they resolve to', () => {
    expect(isInternalHost('localhost')).toBe(true);
    expect(isInternalHost('feeds.localhost.')).toBe(true);
    expect(isInternalHost('example.com')).toBe(false);
  });
});
