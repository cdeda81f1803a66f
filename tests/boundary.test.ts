// Adapters depend on the core, never the reverse: no core, command, store, catalog, news or delivery
// file imports a chat library or an adapter (after vercel/chat's boundary test).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.ts';

function files(dir: string): string[] {
  const abs = path.join(PROJECT_ROOT, dir);
  return readdirSync(abs).flatMap((f) => {
    const p = path.join(abs, f);
    return statSync(p).isDirectory() ? files(path.join(dir, f)) : p.endsWith('.ts') ? [p] : [];
  });
}

const PLATFORM = /from\s+['"](discord\.js|@discordjs\/[^'"]+|discord-api-types[^'"]*|@slack\/[^'"]+)['"]/;
const ADAPTER = /from\s+['"][^'"]*\/adapters\/[^'"]+['"]/;

describe('import boundary', () => {
  const neutral = ['commands', 'src/core', 'src/store', 'src/catalog', 'src/news', 'src/delivery'].flatMap((d) => {
    try {
      return files(d);
    } catch {
      return [];
    }
  });

  it('platform-neutral code imports no chat library and no adapter', () => {
    expect(neutral.length).toBeGreaterThan(10);
    const offenders = neutral.filter((f) => {
      const src = readFileSync(f, 'utf8');
      return PLATFORM.test(src) || ADAPTER.test(src);
    });
    expect(offenders.map((f) => path.relative(PROJECT_ROOT, f))).toEqual([]);
  });

  it('src/ does not import commands/ (the CLI hands the command list to the app; else one big import cycle)', () => {
    const core = files('src').filter((f) => !path.relative(PROJECT_ROOT, f).startsWith(`src${path.sep}cli${path.sep}`));
    expect(core.length).toBeGreaterThan(50);
    const offenders = core.filter((f) => /(from\s+|import\(\s*)['"](\.\.\/)+commands\//.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(PROJECT_ROOT, f))).toEqual([]);
  });

  it('an adapter does not import another platform’s library', () => {
    for (const [dir, foreign] of [
      ['src/adapters/discord', /@slack\//],
      ['src/adapters/slack', /discord/],
      ['src/adapters/console', /discord|@slack\//],
    ] as const) {
      let list: string[] = [];
      try {
        list = files(dir);
      } catch {
        continue;
      }
      for (const f of list) expect(foreign.test(readFileSync(f, 'utf8').match(/from\s+['"][^'"]+['"]/g)?.join('\n') ?? ''), f).toBe(false);
    }
  });
});
