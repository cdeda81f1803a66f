// Canonical story URLs, so the same article reached through different feeds or campaigns is one story:
// absolute (resolved against the feed), http(s) only, host lower-cased, default port, fragment and
// tracking parameters removed. Parameters that select content (id=, p=, article=) are kept, in order.

/** Query parameters that only track the reader (exact names, lower-case). */
const TRACKING = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'mc_cid', 'mc_eid', 'igshid', '_hsenc', '_hsmi', 'mkt_tok', 'vero_id', 'vero_conv', 'oly_anon_id', 'oly_enc_id',
  'spm', 'scm', 'spm_id_from', 'share_source', 'share_medium', 'share_plat', 'share_tag', 'sharer_shareid',
  'wt_mc', 'wt.mc_id', 'wt_zmc', 'cmpid', 'ncid', 'sr_share', 'ito', 'at_medium', 'at_campaign', 'at_custom1',
  'at_custom2', 'at_custom3', 'at_custom4', 'ref_src', 'ref_url', 'rss_source', 'feedtype',
]);

function isTracking(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || n.startsWith('pk_') || n.startsWith('mtm_') || TRACKING.has(n);
}

/** The canonical form of `link` resolved against `base`, or null if it is not a usable http(s) URL. */
export function canonicalUrl(link: string, base?: string): string | null {
  const raw = link.trim();
  if (!raw || raw.length > 4096) return null;
  let u: URL;
  try {
    u = base ? new URL(raw, base) : new URL(raw);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (!u.hostname || u.username || u.password) return null;
  u.hash = '';
  const kept = [...u.searchParams].filter(([k]) => !isTracking(k));
  if (kept.length !== [...u.searchParams].length) {
    u.search = '';
    for (const [k, v] of kept) u.searchParams.append(k, v);
  }
  // URL already lower-cases the host and drops default ports; an empty "?" is noise.
  const href = u.href;
  return href.endsWith('?') ? href.slice(0, -1) : href;
}
