// What went stale or weak in the catalog, per record: the weakest and the oldest source, the figures
// still unknown, whether the record's review is older than twelve months, refused hosts and vendor-own
// figures without a primary source. Pure over the catalog files and the source policy, so
// `chipwatch catalog audit` and the tests see the same answer.
import { CHIP_FIGURES, type Chip, type Fact, type Source, type Vendor } from './schema.ts';
import { KIND_RANK, bannedWhy, isPrimary, sourceDomain, type SourcePolicy } from './source-policy.ts';

/** A review older than this many months is due again. */
export const REVIEW_MONTHS = 12;

export interface RecordAudit {
  slug: string;
  kind: 'vendor' | 'chip' | 'card' | 'system';
  reviewed: string;
  reviewDue: boolean;
  sources: number;
  /** "aggregator: reportify.ai" — the lowest-ranked kind among the record's sources. */
  weakest: string | null;
  /** "2019-09-27 techarp.com" */
  oldest: string | null;
  unknown: string[];
  banned: string[];
  officialWithoutPrimary: string[];
  /** 0–100: see scoreOf. */
  score: number;
}

interface Sourced {
  where: string;
  basis: string;
  sources: Source[];
}

function factSources(where: string, f: Fact<unknown>): Sourced | null {
  if (f.value === null || !('source' in f)) return null;
  return { where, basis: f.basis, sources: [f.source, ...(f.also ?? [])] };
}

const VENDOR_FACTS = ['headquarters', 'parent', 'founded', 'listings', 'entityList'] as const;

function sourcedOf(r: Vendor | Chip): { sourced: Sourced[]; unknown: string[] } {
  const sourced: Sourced[] = [];
  const unknown: string[] = [];
  if ('role' in r) {
    sourced.push({ where: 'summary', basis: 'reported', sources: [r.summary.source] });
    for (const k of VENDOR_FACTS) {
      const s = factSources(k, r[k] as Fact<unknown>);
      if (s) sourced.push(s);
      else unknown.push(k);
    }
    for (const [i, e] of (r.events ?? []).entries()) sourced.push({ where: `events.${i}`, basis: e.basis, sources: [e.source, ...(e.also ?? [])] });
  } else {
    for (const k of CHIP_FIGURES) {
      const s = factSources(k, r[k] as Fact<unknown>);
      if (s) sourced.push(s);
      else unknown.push(k);
    }
    for (const p of r.contains ?? []) {
      const s = factSources(`contains.${p.chip}`, p.count as Fact<unknown>);
      if (s) sourced.push(s);
    }
  }
  return { sourced, unknown };
}

/** Months between two YYYY-MM-DD dates, by calendar month (a review on 2025-12-01 is due on 2026-12-01). */
function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

/**
 * 100, minus 30 per refused host, 15 per vendor-own figure without a primary source, 10 for a review
 * that is due, 5 per fact whose best source is an aggregator or forum, and 2 per unknown figure.
 */
export function scoreOf(a: { banned: number; officialWithoutPrimary: number; reviewDue: boolean; weakFacts: number; unknown: number }): number {
  const s = 100 - 30 * a.banned - 15 * a.officialWithoutPrimary - (a.reviewDue ? 10 : 0) - 5 * a.weakFacts - 2 * a.unknown;
  return Math.max(0, s);
}

export function auditRecord(r: Vendor | Chip, policy: SourcePolicy, today: string): RecordAudit {
  const { sourced, unknown } = sourcedOf(r);
  const all = sourced.flatMap((s) => s.sources);
  const banned = [...new Set(all.map((s) => bannedWhy(policy, s.url)).filter((x): x is string => x !== null))];
  const officialWithoutPrimary = sourced.filter((s) => s.basis === 'official' && !s.sources.some((x) => isPrimary(policy, x))).map((s) => s.where);
  const weakFacts = sourced.filter((s) => !s.sources.some((x) => KIND_RANK.indexOf(x.kind) < KIND_RANK.indexOf('aggregator'))).length;
  let weakest: Source | null = null;
  let oldest: Source | null = null;
  for (const s of all) {
    if (!weakest || KIND_RANK.indexOf(s.kind) > KIND_RANK.indexOf(weakest.kind)) weakest = s;
    if (!oldest || s.date < oldest.date) oldest = s;
  }
  const reviewDue = monthsBetween(r.reviewed, today) >= REVIEW_MONTHS;
  const kind = 'role' in r ? 'vendor' : (r.kind ?? 'chip');
  return {
    slug: r.slug,
    kind,
    reviewed: r.reviewed,
    reviewDue,
    sources: all.length,
    weakest: weakest ? `${weakest.kind}: ${sourceDomain(weakest.url)}` : null,
    oldest: oldest ? `${oldest.date} ${sourceDomain(oldest.url)}` : null,
    unknown,
    banned,
    officialWithoutPrimary,
    score: scoreOf({ banned: banned.length, officialWithoutPrimary: officialWithoutPrimary.length, reviewDue, weakFacts, unknown: unknown.length }),
  };
}

export interface AuditSummary {
  records: number;
  sources: number;
  byKind: Record<string, number>;
  banned: number;
  officialWithoutPrimary: number;
  unknownFigures: number;
  reviewDue: number;
  meanScore: number;
}

export function auditCatalog(vendors: Vendor[], chips: Chip[], policy: SourcePolicy, today: string): { records: RecordAudit[]; summary: AuditSummary } {
  const records = [...vendors, ...chips].map((r) => auditRecord(r, policy, today));
  const byKind: Record<string, number> = {};
  for (const r of [...vendors, ...chips]) for (const s of sourcedOf(r).sourced.flatMap((x) => x.sources)) byKind[s.kind] = (byKind[s.kind] ?? 0) + 1;
  const sum = (f: (r: RecordAudit) => number) => records.reduce((n, r) => n + f(r), 0);
  return {
    records,
    summary: {
      records: records.length,
      sources: sum((r) => r.sources),
      byKind,
      banned: sum((r) => r.banned.length),
      officialWithoutPrimary: sum((r) => r.officialWithoutPrimary.length),
      unknownFigures: sum((r) => r.unknown.length),
      reviewDue: records.filter((r) => r.reviewDue).length,
      meanScore: Math.round(sum((r) => r.score) / Math.max(1, records.length)),
    },
  };
}
