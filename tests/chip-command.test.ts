// /chip, /compare and /help through the real dispatcher over the shipped catalog.
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { ask, testApp } from './helpers/app.ts';
import { resolveEntity } from '../src/catalog/resolve.ts';
import { UserError } from '../src/core/errors.ts';
import { dispatch } from '../src/core/dispatcher.ts';
import { complete } from '../src/core/complete.ts';

let app: App;
beforeAll(() => {
  app = testApp();
});

function resolved(input: string): string {
  const e = resolveEntity(app.db, input);
  return e.kind === 'vendor' ? `vendor:${e.vendor.slug}` : `chip:${e.chip.slug}`;
}

describe('name resolution', () => {
  it.each([
    ['alibaba', 'vendor:alibaba'],
    ['Alibaba', 'vendor:alibaba'],
    ['  ALIBABA ', 'vendor:alibaba'],
    ['T-Head', 'vendor:alibaba'],
    ['平头哥', 'vendor:alibaba'],
    ['寒武纪', 'vendor:cambricon'],
    ['Cambricon', 'vendor:cambricon'],
    ['huawei', 'vendor:huawei'],
    ['华为', 'vendor:huawei'],
    ['moore threads', 'vendor:moore-threads'],
    ['moore-threads', 'vendor:moore-threads'],
    ['MooreThreads', 'vendor:moore-threads'],
    ['摩尔线程', 'vendor:moore-threads'],
    ['沐曦', 'vendor:metax'],
    ['kunlunxin', 'vendor:kunlunxin'],
    ['昆仑芯', 'vendor:kunlunxin'],
    ['nvidia', 'vendor:nvidia'],
    ['英伟达', 'vendor:nvidia'],
    ['smic', 'vendor:smic'],
    ['中芯国际', 'vendor:smic'],
    ['ascend 910c', 'chip:ascend-910c'],
    ['Ascend 910C', 'chip:ascend-910c'],
    ['ascend910c', 'chip:ascend-910c'],
    ['ascend-910c', 'chip:ascend-910c'],
    ['ＡＳＣＥＮＤ　９１０Ｃ', 'chip:ascend-910c'],
    ['昇腾910C', 'chip:ascend-910c'],
    ['huawei 910c', 'chip:ascend-910c'],
    ['h20', 'chip:h20'],
    ['NVIDIA H20', 'chip:h20'],
  ])('%s → %s', (input, want) => expect(resolved(input)).toBe(want));

  it.each([
    ['cambrikon', 'Cambricon'],
    ['hauwei', 'Huawei'],
    ['alibab', 'Alibaba'],
    ['moore thread', 'Moore Threads'],
  ])('misspelt %s suggests %s', (input, want) => {
    try {
      resolveEntity(app.db, input);
      throw new Error('expected NOT_FOUND');
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).code).toBe('NOT_FOUND');
      expect((e as UserError).message).toContain(want);
    }
  });

  it('nonsense gets a plain "no vendor or chip" without suggestions', () => {
    expect(() => resolveEntity(app.db, 'qqqqqqqqqq')).toThrow(/^No vendor or chip named "qqqqqqqqqq"\.$/);
  });
});

describe('/chip', () => {
  it('a vendor gives its card: facts with sources, its chips in a table, news, actions', async () => {
    const r = await ask(app, '/chip alibaba');
    expect(r.error).toBeUndefined();
    const [card, news] = r.cards;
    expect(card!.title).toContain('T-Head');
    expect(card!.table!.columns).toEqual(['Chip', 'Year', 'Node', 'FP16 dense', 'Memory', 'Status']);
    expect(card!.table!.rows.map((row) => row[0])).toEqual(expect.arrayContaining(['Hanguang 800']));
    expect(card!.table!.rows.at(-1)![0]).toBe('NVIDIA H20 (baseline)');
    expect(card!.footnotes!.length).toBeGreaterThan(0);
    for (const f of card!.footnotes!) expect(f.url).toMatch(/^https?:\/\//);
    // Every [n] mark in the text points at a footnote.
    const text = JSON.stringify(card);
    for (const m of text.matchAll(/\[(\d+)\]/g)) expect(card!.footnotes!.some((f) => f.mark === m[1])).toBe(true);
    expect(news!.title).toMatch(/^Latest news/);
    expect(r.actions.map((a) => a.command)).toEqual(expect.arrayContaining(['/news alibaba', '/subscribe alibaba']));
  });

  it('a chip gives its spec card with sources and how it stands against H20', async () => {
    const r = await ask(app, '/chip ascend 910c');
    const card = r.cards[0]!;
    expect(card.title).toContain('Ascend 910C');
    const vs = card.fields!.find((f) => f.name.startsWith('Against'))!;
    expect(vs.value).toMatch(/FP16: \d+(\.\d)?× NVIDIA H20/);
    const fp16 = card.fields!.find((f) => f.name.startsWith('FP16'))!;
    expect(fp16.value).toMatch(/TFLOPS .*\[\d+\]$/);
  });

  it('unknown names are refused briefly and ephemerally, with suggestions', async () => {
    const r = await ask(app, '/chip cambrikon');
    expect(r.error?.code).toBe('NOT_FOUND');
    expect(r.visibility).toBe('ephemeral');
    expect(r.text).toContain('Cambricon');
  });

  it('no input makes it print a stack trace or fail internally', async () => {
    const inputs = ['/chip', '/chip "', '/chip name:', '/chip x'.repeat(400), '/chip \u0000\u0001', '/chip %s %d', '/chip ) OR 1=1 --', '/compare', '/compare h20 h20', '/compare a b c d e', '/', '', '/help me', '/chip 🙂', '/chip <@everyone>'];
    for (const line of inputs) {
      const r = await dispatch(app, { platform: 'console', workspaceId: 'c', channelId: 'c', userId: 'u' }, async () => ({ manageChannel: true }), { kind: 'text', line });
      expect(r.error?.code, line).not.toBe('INTERNAL');
      expect(r.text, line).not.toMatch(/\n\s+at /);
    }
  });
});

describe('/compare', () => {
  it('puts chips side by side; a vendor name picks its flagship', async () => {
    const r = await ask(app, '/compare huawei h20');
    expect(r.error).toBeUndefined();
    const t = r.cards[0]!.table!;
    expect(t.columns[1]).toBe('Ascend 910C');
    expect(t.columns[2]).toBe('NVIDIA H20');
    expect(t.rows.find((row) => row[0]!.startsWith('FP16'))![2]).toMatch(/148 TFLOPS/);
  });
  it('refuses the same chip twice', async () => {
    expect((await ask(app, '/compare h20 "nvidia h20"')).error?.code).toBe('BAD_OPTION');
  });
});

describe('/help', () => {
  it('lists every command with its usage, in the caller’s language', async () => {
    const r = await ask(app, '/help');
    const fields = r.cards[0]!.fields!;
    expect(fields.map((f) => f.name.split(' ')[0])).toEqual(app.commands.map((c) => `/${c.name}`));
    const zh = await ask(app, '/help', { platform: 'console', workspaceId: 'c', channelId: 'c', userId: 'u', locale: 'zh-CN' });
    expect(zh.cards[0]!.fields![0]!.value).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('autocomplete', () => {
  it('answers vendors and chips by prefix, at most 25', () => {
    const c = complete(app, 'entity', 'asc');
    expect(c.length).toBeGreaterThan(0);
    expect(c.length).toBeLessThanOrEqual(25);
    expect(c.map((x) => x.value)).toContain('ascend-910c');
    expect(complete(app, 'vendor', '寒').map((x) => x.value)).toEqual(['cambricon']);
    expect(complete(app, 'entity', '').length).toBe(25);
  });
});
