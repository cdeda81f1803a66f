// /chip, /compare and /help through the real dispatcher over the shipped catalog.
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { ask, testApp } from './helpers/app.ts';
import { resolveEntity, resolveQuery } from '../src/catalog/resolve.ts';
import { UserError } from '../src/core/errors.ts';
import { dispatch } from '../src/core/dispatcher.ts';
import { complete } from '../src/core/complete.ts';
import { ingestItems } from '../src/news/ingest-items.ts';

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
    ['alibab', 'vendor:alibaba'],
    ['moore thread', 'vendor:moore-threads'],
    ['ppu', 'chip:t-head-ppu'],
    ['910c', 'chip:ascend-910c'],
    ['s4000', 'chip:mtt-s4000'],
    ['mtt s4000', 'chip:mtt-s4000'],
    ['m890', 'chip:zhenwu-m890'],
    ['ascend 950pr', 'chip:ascend-950pr'],
    ['atlas 350', 'chip:ascend-950pr'],
    ['sophgo', 'vendor:sophgo'],
    ['算能', 'vendor:sophgo'],
    ['cloudmatrix', 'chip:cloudmatrix-384'],
  ])('a unique start or part of a name resolves: %s → %s', (input, want) => expect(resolved(input)).toBe(want));

  it.each([
    ['zhenwu', ['chip:t-head-ppu', 'chip:zhenwu-m890']],
    ['910', ['chip:ascend-910', 'chip:ascend-910b', 'chip:ascend-910c', 'chip:ascend-910d']],
  ])('an ambiguous part offers its candidates: %s', (input, want) => {
    const r = resolveQuery(app.db, input);
    expect(r.kind).toBe('choices');
    if (r.kind !== 'choices') return;
    expect(r.rows.map((x) => `${x.kind}:${x.slug}`).sort()).toEqual(want);
  });

  it.each([
    ['cambrikon', 'Cambricon'],
    ['hauwei', 'Huawei'],
  ])('misspelt %s is not silently taken for a name: it suggests %s', (input, want) => {
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
    expect(fp16.value).toMatch(/^800 TFLOPS \(estimate\) \[\d+\] †\d+$/);
    // The estimate's note reaches the card under the figures, with its marker.
    const mark = fp16.value.match(/†\d+/)![0];
    const notes = card.fields!.find((f) => f.name === 'Notes')!;
    expect(notes.value).toContain(`${mark} Lennart Heim`);
    expect(notes.value.length).toBeLessThanOrEqual(1024);
    const link = card.fields!.find((f) => f.name === 'Interconnect')!;
    expect(link.value).toMatch(/\(derived\)/);
    expect(card.footer).toMatch(/^As of \d{4}-\d{2}-\d{2} \(last review\)\./);
  });

  it('/chip alibaba shows the Zhenwu M890 (May 2026) as the flagship, first in its table', async () => {
    const r = await ask(app, '/chip alibaba');
    const rows = r.cards[0]!.table!.rows;
    expect(rows[0]![0]).toBe('Zhenwu M890');
    expect(rows[0]![1]).toBe('2026');
    expect(rows[0]![4]).toBe('144 GB');
    expect(r.actions.map((a) => a.command)).toContain('/compare zhenwu-m890 h20');
  });

  it('/chip ascend 950pr shows the Atlas 350 card\'s 2026 figures', async () => {
    const card = (await ask(app, '/chip ascend 950pr')).cards[0]!;
    const field = (n: string) => card.fields!.find((f) => f.name.startsWith(n))!.value;
    expect(card.title).toContain('Atlas 350');
    expect(card.description).toContain('Accelerator card');
    expect(field('Year')).toMatch(/^2026 /);
    expect(field('Memory')).toMatch(/^HBM/);
    expect(card.fields!.find((f) => f.name === 'Memory')!.value).toMatch(/^112 GB/);
    expect(field('Bandwidth')).toMatch(/^1\.4 TB\/s/);
    expect(field('Power')).toMatch(/^600 W/);
    expect(field('Status')).toMatch(/^shipping/);
  });

  it('/chip sophgo answers with its Entity List listing (effective 2025-01-16)', async () => {
    const r = await ask(app, '/chip sophgo');
    expect(r.error).toBeUndefined();
    const card = r.cards[0]!;
    expect(card.title).toContain('Sophgo');
    expect(card.fields!.find((f) => f.name === 'US Entity List')!.value).toMatch(/^listed since 2025-01-16 /);
    expect(card.table).toBeUndefined();
  });

  it('/chip mtt s4000 shows the bandwidth as published: 768 GB/s', async () => {
    const card = (await ask(app, '/chip mtt s4000')).cards[0]!;
    expect(card.fields!.find((f) => f.name === 'Bandwidth')!.value).toMatch(/^768 GB\/s \(reported\) \[\d+\]/);
  });

  it('/chip zhenwu offers the choices as buttons instead of refusing', async () => {
    const r = await ask(app, '/chip zhenwu');
    expect(r.error).toBeUndefined();
    expect(r.text).toMatch(/matches 2 entries/);
    expect(r.actions.map((a) => a.command).sort()).toEqual(['/chip t-head-ppu', '/chip zhenwu-m890']);
  });

  it('a system card lists its chips and links to them, without a per-chip ratio', async () => {
    const r = await ask(app, '/chip cloudmatrix 384');
    const card = r.cards[0]!;
    expect(card.description).toContain('System');
    expect(card.fields!.find((f) => f.name === 'Built from')!.value).toMatch(/^384 × \(reported\) \[\d+\] Ascend 910C$/);
    expect(card.fields!.some((f) => f.name.startsWith('Against'))).toBe(false);
    expect(card.fields!.find((f) => f.name.startsWith('FP16'))!.value).toMatch(/^300 PFLOPS/);
    expect(r.actions.map((a) => a.command)).toContain('/chip ascend-910c');
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

describe('/chip <chip>: its latest stories', () => {
  const NOW = new Date('2026-11-30T12:00:00Z');
  const day = 86_400_000;
  const story = (url: string, title: string, publishedAt: number) => ({ guid: null, url, title, summary: '', publishedAt, publishedEstimated: false, lang: 'en' as const });

  it('GIVEN a story naming the chip arrives after the card was first shown THEN the card shows it (news is not memoized), and a story about another chip does not appear', async () => {
    const app = testApp({ now: () => NOW });
    const before = await ask(app, '/chip mtt s4000');
    expect(before.cards[1]).toEqual({ title: 'Latest news: MTT S4000', description: 'No news about MTT S4000 yet. Stories appear here as the feeds are read.' });
    expect(before.actions.map((a) => a.command)).not.toContain('/news mtt-s4000');

    const at = NOW.getTime() - day;
    ingestItems(app, { sourceId: 'file:a', outlet: 'Wire A', kind: 'trade', weight: 0.5 }, [
      story('https://a.example/s4000', 'Moore Threads cuts MTT S4000 prices for Chinese data centres', at),
      story('https://a.example/p800', 'Kunlunxin P800 clusters go live at Baidu', at + 3600_000),
    ]);
    // The same event from a heavier outlet: one line, led by it, the other outlet named.
    ingestItems(app, { sourceId: 'file:b', outlet: 'Wire B', kind: 'trade', weight: 0.8 }, [
      story('https://b.example/s4000', 'Moore Threads cuts prices of MTT S4000 for data centres in China', at + 7200_000),
    ]);

    const after = await ask(app, '/chip mtt s4000');
    expect(after.cards[0]).toEqual(before.cards[0]);
    const news = after.cards[1]!;
    expect(news.title).toBe('Latest news: MTT S4000');
    expect(news.items!.map((i) => i.url)).toEqual(['https://b.example/s4000']);
    expect(news.items![0]!.meta).toBe('Wire B · 2026-11-29 · en · also: Wire A');
    expect(JSON.stringify(after.cards)).not.toContain('P800');
    expect(after.actions.map((a) => a.command)).toContain('/news mtt-s4000');

    const other = await ask(app, '/chip kunlun p800');
    expect(other.cards[1]!.items!.map((i) => i.url)).toContain('https://a.example/p800');
    expect(JSON.stringify(other.cards[1])).not.toContain('S4000');
  });

  it('GIVEN four separate stories about a chip THEN its card shows the newest three, newest first, by publication time not arrival', async () => {
    const app = testApp({ now: () => NOW });
    const t = NOW.getTime();
    const titles = [
      'Moore Threads MTT S4000 wins Shanghai supercomputing tender',
      'Startup trains 70B model on 1,000 MTT S4000 accelerators',
      'MTT S4000 driver update adds PyTorch 2.5 support',
      'Analysts estimate 20,000 MTT S4000 shipped this year',
    ];
    // Arrival order differs from publication order: the oldest arrives last.
    ingestItems(app, { sourceId: 'file:c', outlet: 'Wire C', kind: 'trade', weight: 0.5 }, [1, 2, 3].map((n) => story(`https://c.example/${n}`, titles[n]!, t - (40 - n * 10) * day)));
    ingestItems(app, { sourceId: 'file:c', outlet: 'Wire C', kind: 'trade', weight: 0.5 }, [story('https://c.example/0', titles[0]!, t - 40 * day)]);
    const items = (await ask(app, '/chip mtt-s4000')).cards[1]!.items!;
    expect(items.map((i) => i.url)).toEqual(['https://c.example/3', 'https://c.example/2', 'https://c.example/1']);
  });
});

describe('every card within the platforms\' limits', () => {
  it('GIVEN each vendor and chip THEN no field exceeds 1,024 characters and every note marker has its note', async () => {
    const { catalogOf } = await import('../src/catalog/load.ts');
    const { vendors, chips } = catalogOf(app.db);
    for (const slug of [...vendors.keys(), ...chips.keys()]) {
      const r = await ask(app, `/chip ${slug}`);
      expect(r.error, slug).toBeUndefined();
      const card = r.cards[0]!;
      for (const f of card.fields ?? []) expect(f.value.length, `${slug}: ${f.name}`).toBeLessThanOrEqual(1024);
      const text = JSON.stringify(card.fields ?? []) + (card.table ? JSON.stringify(card.table) : '');
      const notes = card.fields?.find((f) => f.name === 'Notes')?.value ?? '';
      for (const m of new Set([...text.matchAll(/†\d+/g)].map((x) => x[0]))) expect(notes, `${slug}: ${m}`).toContain(`${m} `);
      expect(card.footer, slug).toMatch(/^As of \d{4}-\d{2}-\d{2} /);
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
