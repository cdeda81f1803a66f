// Resolution measured on a table of real queries (tests/fixtures/catalog-queries.json): at least 97%
// must name the expected vendor or chip. A typo counts only when the expected entity is the first
// "Did you mean" suggestion (or when it resolves outright); anything else is a miss, printed.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { App } from '../src/app.ts';
import { testApp } from './helpers/app.ts';
import { resolveQuery, type Resolution } from '../src/catalog/resolve.ts';

interface Query {
  q: string;
  want: string;
  kind?: 'typo';
}
const { queries } = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures', 'catalog-queries.json'), 'utf8')) as { queries: Query[] };

let app: App;
beforeAll(() => {
  app = testApp();
});

function answer(r: Resolution): string {
  if (r.kind === 'one') return r.entity.kind === 'vendor' ? `vendor:${r.entity.vendor.slug}` : `chip:${r.entity.chip.slug}`;
  return `${r.kind}: ${r.rows.map((x) => `${x.kind}:${x.slug}`).join(', ')}`;
}

function hit(x: Query, r: Resolution): boolean {
  if (answer(r) === x.want) return true;
  return x.kind === 'typo' && r.kind === 'nearest' && r.rows[0] !== undefined && `${r.rows[0].kind}:${r.rows[0].slug}` === x.want;
}

describe('resolution over the query table', () => {
  it('the table is real-sized and varied: 150+ distinct queries, Chinese, pinyin-style, model numbers, typos', () => {
    expect(queries.length).toBeGreaterThanOrEqual(150);
    expect(new Set(queries.map((x) => x.q.toLowerCase())).size).toBe(queries.length);
    expect(queries.filter((x) => /[\u4e00-\u9fff]/.test(x.q)).length).toBeGreaterThanOrEqual(40);
    expect(queries.filter((x) => /^[a-z]?\d{3,4}[a-z]{0,2}$/i.test(x.q)).length).toBeGreaterThanOrEqual(15);
    expect(queries.filter((x) => x.kind === 'typo').length).toBeGreaterThanOrEqual(8);
    // Every expected entity exists in the catalog.
    for (const x of queries) {
      const [kind, slug] = x.want.split(':') as ['vendor' | 'chip', string];
      const r = resolveQuery(app.db, slug);
      expect(r.kind === 'one' && (kind === 'vendor' ? r.entity.kind === 'vendor' : r.entity.kind === 'chip'), x.want).toBe(true);
    }
  });

  it('at least 97% name the expected entity', () => {
    const misses = queries.map((x) => ({ x, r: resolveQuery(app.db, x.q) })).filter(({ x, r }) => !hit(x, r));
    const rate = (queries.length - misses.length) / queries.length;
    console.log(`resolution: ${queries.length - misses.length}/${queries.length} (${(rate * 100).toFixed(1)}%)`);
    for (const { x, r } of misses) console.log(`  miss: "${x.q}" → ${answer(r)} (want ${x.want})`);
    expect(rate).toBeGreaterThanOrEqual(0.97);
  });

  it('a typo is never silently taken for another model: "ascend 910e" offers, it does not resolve', () => {
    const r = resolveQuery(app.db, 'ascend 910e');
    expect(r.kind).not.toBe('one');
  });
});
