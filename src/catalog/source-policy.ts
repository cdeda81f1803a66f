// The catalog's source policy (data/source-policy.json): which hosts are refused (mirrors, proxies,
// staging sites, content farms, resellers) and which source kinds may carry a vendor's own figure.
// The domain of a source is always derived from its URL, never stored, so it cannot drift.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CatalogError, DATA_DIR } from './load.ts';
import { SourceKind, type Source } from './schema.ts';

const PolicyFile = z.strictObject({
  $comment: z.string().optional(),
  primaryKinds: z.array(SourceKind).min(1),
  banned: z.array(z.strictObject({ host: z.string().min(2), why: z.string().min(3) })),
});

export interface SourcePolicy {
  primaryKinds: ReadonlySet<string>;
  banned: { host: string; why: string; test: (host: string) => boolean }[];
}

/** Strongest first: the audit's "weakest source" is the one latest in this list. */
export const KIND_RANK: readonly SourceKind[] = SourceKind.options;

/** The host of a source URL, lower-case, without a leading "www." */
export function sourceDomain(url: string): string {
  return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
}

function hostMatcher(pattern: string): (host: string) => boolean {
  if (pattern === '#ip') return (h) => /^\d{1,3}(\.\d{1,3}){3}$/.test(h);
  if (!pattern.includes('*')) return (h) => h === pattern || h.endsWith(`.${pattern}`);
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (h) => re.test(h) || re.test(`www.${h}`);
}

export function parsePolicy(json: unknown): SourcePolicy {
  const p = PolicyFile.parse(json);
  return {
    primaryKinds: new Set(p.primaryKinds),
    banned: p.banned.map((b) => ({ ...b, test: hostMatcher(b.host.toLowerCase()) })),
  };
}

function readPolicy(dir: string): SourcePolicy {
  const file = path.join(dir, 'source-policy.json');
  try {
    return parsePolicy(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    const why = e instanceof z.ZodError ? e.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (e as Error).message;
    throw new CatalogError(`Cannot use the source policy ${file}: ${why}`);
  }
}

let cached: SourcePolicy | undefined;
export function loadSourcePolicy(dir = DATA_DIR): SourcePolicy {
  if (dir !== DATA_DIR) return readPolicy(dir);
  return (cached ??= readPolicy(DATA_DIR));
}

/** Why a source's host is refused, or null when it is allowed. */
export function bannedWhy(policy: SourcePolicy, url: string): string | null {
  const host = sourceDomain(url);
  const hit = policy.banned.find((b) => b.test(host));
  return hit ? `${host}: ${hit.why}` : null;
}

export function isPrimary(policy: SourcePolicy, s: Source): boolean {
  return policy.primaryKinds.has(s.kind);
}
