// The source policy, checked by machine: no source in the shipped catalog is on a refused host
// (mirrors, proxies, staging sites, content farms, resellers, bare IPs), every figure marked as the
// vendor's own has a vendor, filing, government or press source, and the audit reports exactly that.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { DATA_DIR, readCatalog } from '../src/catalog/load.ts';
import { bannedWhy, isPrimary, loadSourcePolicy, parsePolicy, sourceDomain } from '../src/catalog/source-policy.ts';
import { auditCatalog, auditRecord } from '../src/catalog/audit.ts';
import { CHIP_FIGURES, type Fact, type Source } from '../src/catalog/schema.ts';

const policy = loadSourcePolicy();
const { vendors, chips } = readCatalog();

/** Every source cited anywhere in the catalog, with where it is cited and the basis it supports. */
function citations(): { where: string; basis: string; sources: Source[] }[] {
  const out: { where: string; basis: string; sources: Source[] }[] = [];
  const add = (where: string, f: Fact<unknown>) => {
    if (f.value !== null && 'source' in f) out.push({ where, basis: f.basis, sources: [f.source, ...(f.also ?? [])] });
  };
  for (const v of vendors) {
    out.push({ where: `${v.slug}.summary`, basis: 'reported', sources: [v.summary.source] });
    for (const k of ['headquarters', 'parent', 'founded', 'listings', 'entityList'] as const) add(`${v.slug}.${k}`, v[k] as Fact<unknown>);
    for (const [i, e] of (v.events ?? []).entries()) out.push({ where: `${v.slug}.events.${i}`, basis: e.basis, sources: [e.source, ...(e.also ?? [])] });
  }
  for (const c of chips) {
    for (const k of CHIP_FIGURES) add(`${c.slug}.${k}`, c[k] as Fact<unknown>);
    for (const p of c.contains ?? []) add(`${c.slug}.contains.${p.chip}`, p.count as Fact<unknown>);
  }
  return out;
}

describe('source policy', () => {
  it('GIVEN the hosts named in issue 12 THEN each is refused, and reputable hosts are not', () => {
    for (const url of [
      'http://guangxilong.com/c/032129635H022.html',
      'http://www.rencaizhenjiang.com/news/hard/20220324/124384.html',
      'https://8bitnewsroom.com/x',
      'https://nogameover.net/x',
      'https://pinocchiopedia.com/wiki/Cambricon_Technologies',
      'https://kiwix.casplantje.nl/wikipedia_en_all/A/SMIC',
      'https://docslib.org/doc/1759320/entity-list',
      'https://wm.org.tr/?p=131768',
      'https://chinafocus-staging.azurewebsites.net/2019/huawei',
      'https://www-scmp-com.libproxy1.nus.edu.sg/tech/article/3194168',
      'https://www.saulelectric.com/nvidia-h200.html',
      'http://3.124.21.42/report',
    ])
      expect(bannedWhy(policy, url), url).not.toBeNull();
    for (const url of ['https://www.scmp.com/tech/article/1', 'https://www.govinfo.gov/content/pkg/FR-2023-10-19/html/2023-23048.htm', 'https://www.tomshardware.com/x'])
      expect(bannedWhy(policy, url), url).toBeNull();
  });

  it('derives a source\'s domain from its URL', () => {
    expect(sourceDomain('https://www.Tomshardware.com/pc-components/x')).toBe('tomshardware.com');
    expect(sourceDomain('https://mcdn.i-scmp.com/tech/x')).toBe('mcdn.i-scmp.com');
  });

  it('refuses a policy file that does not validate, naming the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cw-pol-'));
    writeFileSync(path.join(dir, 'source-policy.json'), JSON.stringify({ primaryKinds: ['tabloid'], banned: [] }));
    expect(() => loadSourcePolicy(dir)).toThrow(/source-policy\.json: primaryKinds\.0/);
    expect(() => parsePolicy({ primaryKinds: ['press'], banned: [{ host: 'x.com' }] })).toThrow();
  });
});

describe('the shipped catalog under the policy', () => {
  const all = citations();

  it('cites no refused host anywhere', () => {
    const hits = all.flatMap((c) => c.sources.map((s) => ({ where: c.where, why: bannedWhy(policy, s.url) }))).filter((h) => h.why);
    expect(hits).toEqual([]);
    expect(all.length).toBeGreaterThan(150);
  });

  it('backs every vendor-own (official) figure with a vendor, filing, government or press source', () => {
    const weak = all.filter((c) => c.basis === 'official' && !c.sources.some((s) => isPrimary(policy, s))).map((c) => c.where);
    expect(weak).toEqual([]);
    expect(all.filter((c) => c.basis === 'official').length).toBeGreaterThan(20);
  });

  it('labels government sources only on government hosts', () => {
    for (const c of all) for (const s of c.sources) if (s.kind === 'government') expect(sourceDomain(s.url), c.where).toMatch(/\.gov(\.cn)?$/);
  });

  it('dates Entity List listings by the rule\'s effective date (October 2023 rule: 2023-10-17)', () => {
    for (const slug of ['moore-threads', 'biren']) {
      const e = vendors.find((v) => v.slug === slug)!.entityList;
      expect(e.value?.since, slug).toBe('2023-10-17');
    }
    expect(vendors.find((v) => v.slug === 'sophgo')!.entityList.value?.since).toBe('2025-01-16');
    expect(vendors.find((v) => v.slug === 'smic')!.entityList.value?.since).toBe('2020-12-18');
    expect(vendors.find((v) => v.slug === 'huawei')!.entityList.value?.since).toBe('2019-05-16');
  });
});

describe('catalog audit', () => {
  const today = '2026-12-01';

  it('GIVEN the shipped catalog THEN it finds no refused host and no unsupported official figure', () => {
    const { summary, records } = auditCatalog(vendors, chips, policy, today);
    expect(summary.banned).toBe(0);
    expect(summary.officialWithoutPrimary).toBe(0);
    expect(summary.records).toBe(vendors.length + chips.length);
    for (const r of records) {
      expect(r.score, r.slug).toBeGreaterThanOrEqual(0);
      expect(r.score, r.slug).toBeLessThanOrEqual(100);
    }
  });

  it('GIVEN a record with a mirror, an official figure from an aggregator and an old review THEN it says so and scores it down', () => {
    const c = structuredClone(chips.find((x) => x.slug === 'mtt-s4000')!);
    const good = auditRecord(c, policy, today);
    c.reviewed = '2025-11-30';
    c.memoryGB = { value: 48, basis: 'official', source: { url: 'https://wm.org.tr/?p=1', outlet: 'copy', date: '2024', kind: 'aggregator' } };
    const bad = auditRecord(c, policy, today);
    expect(bad.banned).toEqual(['wm.org.tr: copy of Tom\'s Hardware']);
    expect(bad.officialWithoutPrimary).toEqual(['memoryGB']);
    expect(bad.reviewDue).toBe(true);
    expect(bad.weakest).toBe('aggregator: wm.org.tr');
    expect(bad.score).toBe(Math.max(0, good.score - 30 - 15 - 10 - 5));
    // Reviewed exactly twelve months ago is due; a day less is not.
    expect(auditRecord({ ...c, reviewed: '2025-12-02' }, policy, today).reviewDue).toBe(false);
  });

  it('`chipwatch catalog audit` prints a row per record and the summary; a bad catalog exits 1 naming the problem', () => {
    const bin = path.resolve('src/cli/bin.mjs');
    const ok = spawnSync(process.execPath, [bin, 'catalog', 'audit', '--today', today], { encoding: 'utf8', timeout: 60_000 });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^RECORD +KIND +REVIEWED +SCORE/m);
    expect(ok.stdout).toMatch(/^zhenwu-m890 +chip +2026-12-01/m);
    expect(ok.stdout).toContain('Refused hosts: 0. Official figures without a primary source: 0.');

    const dir = mkdtempSync(path.join(os.tmpdir(), 'cw-audit-'));
    for (const f of ['vendors.json', 'source-policy.json']) copyFileSync(path.join(DATA_DIR, f), path.join(dir, f));
    const bad = structuredClone({ chips });
    bad.chips.find((x) => x.slug === 'h20')!.tdpW = { value: 400, basis: 'official', source: { url: 'https://kiwix.example.org/h20', outlet: 'mirror', date: '2024', kind: 'aggregator' } };
    writeFileSync(path.join(dir, 'chips.json'), JSON.stringify(bad));
    const r = spawnSync(process.execPath, [bin, 'catalog', 'audit', '--data', dir, '--today', today], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('h20: refused host kiwix.example.org: offline Wikipedia mirror');
    expect(r.stdout).toContain('h20.tdpW: marked official without');

    const usage = spawnSync(process.execPath, [bin, 'catalog', 'audti'], { encoding: 'utf8', timeout: 60_000 });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/unknown subcommand "audti"/);
    expect(usage.stderr).not.toMatch(/\n\s+at /);
  });
});
