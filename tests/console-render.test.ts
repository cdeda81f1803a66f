// The console rendering of each card shape, as pure functions against expected text.
import { describe, expect, it } from 'vitest';
import { renderReply, terminalSafe } from '../src/adapters/console/render.ts';
import { displayWidth } from '../src/adapters/console/width.ts';
import { errorReply, reply } from '../src/core/reply.ts';

describe('console rendering', () => {
  it('GIVEN a card with fields, table, footnotes and actions THEN aligned plain text', () => {
    const r = reply('T-Head', {
      cards: [
        {
          title: 'T-Head (平头哥)',
          url: 'https://www.t-head.cn',
          description: 'Alibaba’s chip unit. [1]',
          fields: [
            { name: 'Headquarters', value: 'Hangzhou [1]' },
            { name: 'Parent', value: 'Alibaba Group [1]' },
          ],
          table: { columns: ['Chip', 'Year', 'FP16'], rows: [['Hanguang 800', '2019', '—'], ['含光800', '2019', '—']] },
          footnotes: [{ mark: '1', label: 'Wikipedia', url: 'https://en.wikipedia.org/wiki/T-Head', date: '2025-01' }],
          footer: 'Figures are the vendor’s own.',
        },
      ],
      actions: [{ label: 'More news', command: '/news alibaba' }],
    });
    expect(renderReply(r)).toBe(
      [
        '━━ T-Head (平头哥) ━━  https://www.t-head.cn',
        'Alibaba’s chip unit. [1]',
        'Headquarters  Hangzhou [1]',
        'Parent        Alibaba Group [1]',
        '',
        'Chip          Year  FP16',
        '────────────  ────  ────',
        'Hanguang 800  2019  —',
        '含光800       2019  —',
        'Sources:',
        '  [1] Wikipedia (2025-01) https://en.wikipedia.org/wiki/T-Head',
        'Figures are the vendor’s own.',
        '',
        'Next: More news → /news alibaba',
      ].join('\n'),
    );
  });

  it('GIVEN news items THEN numbered lines with meta and link', () => {
    const r = reply('news', { cards: [{ title: 'Latest news: Huawei', items: [{ title: 'Huawei unveils Ascend roadmap', url: 'https://example.com/a', meta: 'Reuters · 2025-09-18 · en' }] }] });
    expect(renderReply(r)).toBe(['━━ Latest news: Huawei ━━', '1. Huawei unveils Ascend roadmap', '   Reuters · 2025-09-18 · en', '   https://example.com/a'].join('\n'));
  });

  it('GIVEN an error THEN one marked line', () => {
    expect(renderReply(errorReply('NOT_FOUND', 'No vendor or chip named "x".'))).toBe('✗ No vendor or chip named "x".');
  });

  it('GIVEN an ephemeral text reply THEN says only you see it', () => {
    expect(renderReply(reply('Done.', { visibility: 'ephemeral' }))).toBe('Done.\n(only you can see this)');
  });

  it('GIVEN terminal escapes in feed text THEN they are stripped', () => {
    expect(terminalSafe('a\x1b[31mred\x1b[0m\x07b\u009b')).toBe('aredb');
    const r = reply('x', { cards: [{ title: 'evil\x1b[2J', items: [{ title: '\x1b]0;pwned\x07title', url: 'https://e.example' }] }] });
    expect(renderReply(r)).not.toMatch(/[\x1b\x07]/);
  });

  it('counts CJK as two columns', () => {
    expect(displayWidth('含光800')).toBe(7);
    expect(displayWidth('abc')).toBe(3);
  });
});
