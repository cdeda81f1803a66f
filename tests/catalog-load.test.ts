// Loading the catalog: idempotent, keyed by slug, follows edits, refuses bad files with a clear message,
// and resolution lists candidates when a name is ambiguous. Uses a small catalog written to a temp dir.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/store/db.ts';
import { CatalogError, catalogOf, loadCatalog } from '../src/catalog/load.ts';
import { resolveEntity } from '../src/catalog/resolve.ts';

const src = { url: 'https://example.com/spec', outlet: 'Example', date: '2025-01-02', kind: 'press' };
const unknown = { value: null };
function vendor(slug: string, role = 'designer', aliases: string[] = []) {
  return {
    slug,
    role,
    name: { en: slug.toUpperCase(), zh: `${slug}中文` },
    aliases: { en: aliases, zh: [], de: [] },
    summary: { en: `${slug} designs accelerators for testing.`, source: src },
    website: null,
    headquarters: { value: 'Testville', basis: 'official', source: src },
    parent: unknown,
    founded: unknown,
    listings: unknown,
    entityList: unknown,
    reviewed: '2026-12-01',
  };
}
function chip(slug: string, vendorSlug: string, o: { flagship?: boolean; reference?: boolean; aliases?: string[]; fp16?: number } = {}) {
  return {
    slug,
    vendor: vendorSlug,
    name: { en: slug.toUpperCase(), zh: null },
    aliases: o.aliases ?? [],
    flagship: o.flagship ?? false,
    reference: o.reference ?? false,
    year: { value: 2024, basis: 'official', source: src },
    status: unknown,
    process: unknown,
    foundry: unknown,
    fp16Tflops: o.fp16 ? { value: o.fp16, basis: 'reported', source: src } : unknown,
    int8Tops: unknown,
    memoryType: unknown,
    memoryGB: unknown,
    memoryBandwidthTBs: unknown,
    interconnect: unknown,
    tdpW: unknown,
    workload: unknown,
    reviewed: '2026-12-01',
  };
}
function writeCatalog(vendors: unknown[], chips: unknown[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cw-cat-'));
  writeFileSync(path.join(dir, 'vendors.json'), JSON.stringify({ vendors }));
  writeFileSync(path.join(dir, 'chips.json'), JSON.stringify({ chips }));
  return dir;
}

describe('loadCatalog', () => {
  it('loads once, skips an unchanged catalog, and follows edits and removals', () => {
    const db = openDatabase(':memory:');
    const v = [vendor('acme'), vendor('nvidia', 'reference')];
    const dir1 = writeCatalog(v, [chip('a1', 'acme', { flagship: true }), chip('a2', 'acme'), chip('h20', 'nvidia', { reference: true })]);
    expect(loadCatalog(db, dir1).changed).toBe(true);
    expect(loadCatalog(db, dir1).changed).toBe(false);
    expect([...catalogOf(db).chips.keys()].sort()).toEqual(['a1', 'a2', 'h20']);
    const dir2 = writeCatalog(v, [chip('a1', 'acme', { flagship: true, fp16: 100 }), chip('h20', 'nvidia', { reference: true })]);
    expect(loadCatalog(db, dir2).changed).toBe(true);
    expect([...catalogOf(db).chips.keys()].sort()).toEqual(['a1', 'h20']);
    expect(catalogOf(db).chips.get('a1')!.fp16Tflops.value).toBe(100);
  });

  it('refuses a figure without a source, naming the file and the field', () => {
    const bad = chip('a1', 'acme', { flagship: true }) as Record<string, unknown>;
    bad.fp16Tflops = { value: 100, basis: 'reported' };
    const dir = writeCatalog([vendor('acme'), vendor('nvidia', 'reference')], [bad, chip('h20', 'nvidia', { reference: true })]);
    expect(() => loadCatalog(openDatabase(':memory:'), dir)).toThrow(CatalogError);
    expect(() => loadCatalog(openDatabase(':memory:'), dir)).toThrow(/data\/chips\.json.*\n.*chips\.0\.fp16Tflops/);
  });

  it('refuses a chip of an unknown vendor and a vendor without one flagship', () => {
    const dir = writeCatalog([vendor('acme'), vendor('nvidia', 'reference')], [chip('a1', 'nobody'), chip('a2', 'acme'), chip('h20', 'nvidia', { reference: true })]);
    expect(() => loadCatalog(openDatabase(':memory:'), dir)).toThrow(/a1 names unknown vendor nobody[\s\S]*acme has 0 flagship/);
  });

  it('an ambiguous name lists the candidates', () => {
    const db = openDatabase(':memory:');
    const dir = writeCatalog(
      [vendor('acme'), vendor('nvidia', 'reference')],
      [chip('x1-pro', 'acme', { flagship: true, aliases: ['X1'] }), chip('x1-lite', 'acme', { aliases: ['X1'] }), chip('h20', 'nvidia', { reference: true })],
    );
    loadCatalog(db, dir);
    expect(() => resolveEntity(db, 'x1')).toThrow(/"x1" could mean X1-PRO \(ACME\), X1-LITE \(ACME\)|"x1" could mean X1-LITE \(ACME\), X1-PRO \(ACME\)/);
    expect(resolveEntity(db, 'x1 pro')).toMatchObject({ kind: 'chip', chip: { slug: 'x1-pro' } });
  });
});
