// The catalog notices the news: stored stories that name a model the catalog does not know, or report a
// status change for a known chip, become suggestions with their links; the catalog itself is not edited.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { testApp } from './helpers/app.ts';
import { ingestItems } from '../src/news/ingest-items.ts';
import { catalogSuggestions } from '../src/catalog/suggestions.ts';
import { catalogOf } from '../src/catalog/load.ts';

const NOW = new Date('2026-11-30T12:00:00Z');

describe('catalog suggestions', () => {
  it('GIVEN stories naming an unknown model and a known chip\'s halt THEN both are suggested, with links, and nothing is edited', () => {
    const app = testApp({ now: () => NOW });
    const before = JSON.stringify([...catalogOf(app.db).chips.keys()]);
    const at = NOW.getTime() - 3 * 86_400_000;
    const stories = [
      { url: 'https://t.example/960d', title: 'Huawei readies Ascend 960D samples for Chinese cloud customers' },
      { url: 'https://t.example/h20', title: 'Nvidia halts H20 production after Beijing warning to buyers' },
      { url: 'https://t.example/m890', title: 'Alibaba T-Head ships Zhenwu M890 accelerators to cloud customers' },
    ];
    ingestItems(
      app,
      { sourceId: 'file:test', outlet: 'Test Wire', kind: 'trade', weight: 0.5 },
      stories.map((s, i) => ({ guid: null, summary: '', publishedAt: at + i * 3600_000, publishedEstimated: false, lang: 'en' as const, ...s })),
    );
    const list = catalogSuggestions(app.db, NOW.getTime() - 30 * 86_400_000);
    const unknown = list.filter((s) => s.kind === 'unknown-model');
    expect(unknown.map((s) => `${s.vendor}:${s.subject}`)).toContain('huawei:960D');
    expect(unknown.find((s) => s.subject === '960D')!.stories[0]!.url).toBe('https://t.example/960d');
    // Known names are never suggested as new.
    expect(unknown.map((s) => s.subject)).not.toEqual(expect.arrayContaining(['M890']));
    expect(unknown.map((s) => s.subject)).not.toContain('H20');
    const h20 = list.find((s) => s.kind === 'status-change' && s.subject === 'h20');
    expect(h20?.changes).toContain('halt');
    expect(h20?.stories.map((s) => s.url)).toEqual(['https://t.example/h20']);
    expect(JSON.stringify([...catalogOf(app.db).chips.keys()])).toBe(before);
    // Outside the window: nothing.
    expect(catalogSuggestions(app.db, NOW.getTime() + 86_400_000)).toEqual([]);
  });

  it('`chipwatch catalog suggestions` runs on a fresh store and refuses a bad --days in one line', () => {
    const bin = path.resolve('src/cli/bin.mjs');
    const env: NodeJS.ProcessEnv = { ...process.env, CHIPWATCH_DB: path.join(mkdtempSync(path.join(os.tmpdir(), 'cw-sug-')), 'cw.db'), LOG_LEVEL: 'silent' };
    delete env.DISCORD_TOKEN;
    const ok = spawnSync(process.execPath, [bin, 'catalog', 'suggestions', '--days', '3650'], { encoding: 'utf8', env, timeout: 60_000 });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/suggestions from the last 3650 days|No suggestions from the last 3650 days/);
    const bad = spawnSync(process.execPath, [bin, 'catalog', 'suggestions', '--days', 'lots'], { encoding: 'utf8', env, timeout: 60_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('--days must be a whole number');
  });
});
