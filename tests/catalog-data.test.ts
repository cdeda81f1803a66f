// The shipped data: every file validates, and every figure carries a source (URL and date) and its basis.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR, readCatalog } from '../src/catalog/load.ts';
import { CHIP_FIGURES, type Fact } from '../src/catalog/schema.ts';
import { NewsSeedFile, SourcesFile } from '../src/news/schema.ts';

const { vendors, chips } = readCatalog();

function facts(): { where: string; fact: Fact<unknown> }[] {
  const out: { where: string; fact: Fact<unknown> }[] = [];
  for (const v of vendors)
    for (const k of ['headquarters', 'parent', 'founded', 'listings', 'entityList'] as const) out.push({ where: `${v.slug}.${k}`, fact: v[k] as Fact<unknown> });
  for (const c of chips) for (const k of CHIP_FIGURES) out.push({ where: `${c.slug}.${k}`, fact: c[k] as Fact<unknown> });
  return out;
}

describe('catalog data', () => {
  it('covers the tracked vendors, the NVIDIA baseline and SMIC', () => {
    const slugs = vendors.map((v) => v.slug);
    for (const s of ['alibaba', 'huawei', 'cambricon', 'metax', 'moore-threads', 'biren', 'hygon', 'enflame', 'iluvatar', 'kunlunxin', 'sophgo', 'nvidia', 'smic'])
      expect(slugs).toContain(s);
    expect(chips.find((c) => c.slug === 'h20')?.reference).toBe(true);
    expect(chips.length).toBeGreaterThanOrEqual(30);
  });

  it('every known figure has a source URL, an outlet, a date and a basis; unknowns carry none', () => {
    let known = 0;
    let unknown = 0;
    for (const { where, fact } of facts()) {
      if (fact.value === null) {
        unknown++;
        expect(fact, where).not.toHaveProperty('source');
        continue;
      }
      known++;
      if (!('source' in fact)) throw new Error(`${where} has a value without a source`);
      expect(fact.source.url, where).toMatch(/^https?:\/\/\S+$/);
      expect(fact.source.outlet.length, where).toBeGreaterThan(1);
      expect(fact.source.date, where).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      expect(['official', 'reported', 'estimate', 'derived'], where).toContain(fact.basis);
      // A derived figure says how it was computed.
      if (fact.basis === 'derived') expect(fact.note ?? '', where).toMatch(/\S{10,}/);
    }
    console.log(`catalog: ${vendors.length} vendors, ${chips.length} chips, ${known} sourced figures, ${unknown} unknown`);
    expect(known).toBeGreaterThan(100);
  });

  it('every record says when it was last reviewed, never in the future', () => {
    const today = new Date().toISOString().slice(0, 10);
    for (const r of [...vendors, ...chips]) {
      expect(r.reviewed, r.slug).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.reviewed <= today, r.slug).toBe(true);
    }
  });

  it('a system names the catalog chips it is built from', () => {
    const systems = chips.filter((c) => c.kind === 'system');
    expect(systems.map((c) => c.slug)).toEqual(expect.arrayContaining(['cloudmatrix-384', 'atlas-950-superpod', 'atlas-960-superpod']));
    const slugs = new Set(chips.map((c) => c.slug));
    for (const s of systems) {
      expect(s.contains?.length, s.slug).toBeGreaterThan(0);
      for (const p of s.contains!) expect(slugs.has(p.chip), `${s.slug} → ${p.chip}`).toBe(true);
    }
  });

  it('a published form is kept only where it differs from what the stored value would print', () => {
    for (const { where, fact } of facts()) if ('published' in fact && fact.published) expect(fact.published, where).toMatch(/\d/);
  });

  it('every vendor summary has a source', () => {
    for (const v of vendors) expect(v.summary.source.url, v.slug).toMatch(/^https?:\/\//);
  });

  it('no source date lies in the future', () => {
    const today = new Date().toISOString().slice(0, 10);
    for (const { where, fact } of facts()) if ('source' in fact) expect(fact.source.date <= today, where).toBe(true);
  });

  it('no vendor alias is a common word that would mis-tag news', () => {
    const banned = new Set(['meta', 'arm', 'ai', 'chip', 'chips', 'gpu', 'china', 'tech']);
    for (const v of vendors) for (const a of [...v.aliases.en, ...v.aliases.de]) expect(banned.has(a.toLowerCase()), `${v.slug}: ${a}`).toBe(false);
  });

  it('the feed sources and seed news validate', () => {
    const read = (f: string) => JSON.parse(readFileSync(path.join(DATA_DIR, f), 'utf8')) as unknown;
    const sources = SourcesFile.parse(read('sources.json')).sources;
    expect(sources.length).toBeGreaterThanOrEqual(20);
    expect(new Set(sources.map((s) => s.lang))).toEqual(new Set(['en', 'zh', 'de']));
    const seed = NewsSeedFile.parse(read('news-seed.json')).stories;
    const slugs = new Set(vendors.map((v) => v.slug));
    for (const s of seed) for (const v of s.vendors) expect(slugs.has(v), `${s.url}: ${v}`).toBe(true);
    for (const s of seed) expect(s.published >= '2024' && s.published < '2027', s.url).toBe(true);
  });
});
