// The Discord renderer as a pure function: escaping of untrusted text, Discord's limits, tables, buttons.
import { describe, expect, test } from 'vitest';
import { renderReply } from '../src/adapters/discord/render.ts';
import { clip, escapeText, safeUrl } from '../src/adapters/discord/safe-text.ts';
import { buttonCustomId, commandOfCustomId } from '../src/adapters/discord/button-ids.ts';
import { checkMessageBody } from './fakes/discord/server.ts';
import { reply, type Card } from '../src/core/reply.ts';
import { EVIL, inertProblems } from './fakes/discord/inert.ts';

const evilCard: Card = {
  title: EVIL,
  url: 'https://example.com/chip',
  description: `${EVIL}\n# heading\n- list\n> quote\n1. numbered\n||spoiler|| __u__ ~~s~~ \`code\``,
  fields: [{ name: EVIL, value: EVIL }],
  items: [{ title: EVIL, url: 'https://example.com/story?a=(1)', meta: EVIL }],
  footnotes: [{ mark: '1', label: EVIL, url: 'https://example.com/src', date: '2026-01-02' }],
  footer: EVIL,
  table: { columns: ['Name', 'Value'], rows: [[EVIL, '`x`']] },
};

describe('untrusted text', () => {
  test('GIVEN the evil feed title in every part of a card THEN nothing pings, links or formats', () => {
    const body = renderReply(reply(EVIL, { cards: [evilCard], actions: [{ label: EVIL, command: '/chip alibaba' }] }));
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(inertProblems(body)).toEqual([]);
    const e = body.embeds[0]!;
    expect(e.title).toBe('@\u200beveryone <\u200b@&123\\> \\[click\\]\\(https:\u200b//evil.example\\) \\*\\*bold\\*\\*');
    // The only links are the controlled ones, built from explicit url fields.
    expect(e.description).toContain('](https://example.com/story?a=%281%29)');
    expect(e.description).toContain('\\# heading\n\\- list\n\\> quote\n1\\. numbered\n\\|\\|spoiler\\|\\| \\_\\_u\\_\\_ \\~\\~s\\~\\~ \\`code\\`');
  });

  test('the checker itself flags the raw evil text', () => {
    expect(inertProblems({ description: EVIL, footer: { text: EVIL } }).sort()).toEqual(
      ['description: bold still formats', 'description: evil URL intact', 'description: live <…> mention', 'description: live @everyone/@here', 'description: masked link unescaped', 'text: evil URL intact', 'text: live <…> mention', 'text: live @everyone/@here'].sort(),
    );
  });

  test('GIVEN plain text only THEN it is the escaped message content', () => {
    const body = renderReply(reply(EVIL));
    expect(body.embeds).toEqual([]);
    expect(body.content).toBe('@\u200beveryone <\u200b@&123\\> \\[click\\]\\(https:\u200b//evil.example\\) \\*\\*bold\\*\\*');
  });

  test('GIVEN a table cell with backticks THEN it cannot close the code block', () => {
    const body = renderReply(reply('t', { cards: [{ title: 't', table: { columns: ['a', 'b'], rows: [['```', 'x']] } }] }));
    const d = body.embeds[0]!.description!;
    expect(d.match(/```/g)).toHaveLength(2);
    expect(d).toContain('ˋˋˋ');
  });

  test('unsafe URLs are dropped, safe ones normalised', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('https://user:pw@example.com')).toBeUndefined();
    expect(safeUrl('not a url')).toBeUndefined();
    expect(safeUrl('https://example.com/a_(b)')).toBe('https://example.com/a%5F%28b%29');
    const body = renderReply(reply('x', { cards: [{ title: 'x', url: 'javascript:alert(1)', items: [{ title: 'bad', url: 'data:text/html,hi' }] }] }));
    expect(body.embeds[0]!.url).toBeUndefined();
    expect(body.embeds[0]!.description).toBe('**1.** bad');
  });

  test('bidi overrides and control characters are removed', () => {
    expect(escapeText('a\u202Eb\u0007c')).toBe('abc');
  });
});

describe('limits', () => {
  const long = (n: number) => 'word '.repeat(n);

  test('GIVEN oversized parts THEN every limit holds and cuts end with an ellipsis (and a link where known)', () => {
    const card: Card = {
      title: long(100),
      url: 'https://example.com/more',
      description: long(2000),
      fields: Array.from({ length: 30 }, (_, i) => ({ name: `f${i} ${long(80)}`, value: long(400) })),
      footer: long(600),
    };
    const body = renderReply(reply('x', { cards: Array.from({ length: 12 }, () => card), actions: Array.from({ length: 30 }, (_, i) => ({ label: long(30), command: `/news page:${i}` })) }));
    expect(checkMessageBody(body as unknown as Record<string, unknown>)).toBeUndefined();
    expect(body.embeds.length).toBeGreaterThanOrEqual(1);
    const e = body.embeds[0]!;
    expect(e.title!.endsWith('…')).toBe(true);
    expect(e.description!.endsWith('[more](https://example.com/more)')).toBe(true);
    expect(body.components).toHaveLength(5);
    expect(body.components.every((r) => r.components.length === 5)).toBe(true);
  });

  test('a long description without url is cut at a line and ends with …', () => {
    const body = renderReply(reply('x', { cards: [{ title: 't', description: Array.from({ length: 500 }, (_, i) => `line ${i} ${long(3)}`).join('\n') }] }));
    const d = body.embeds[0]!.description!;
    expect(d.length).toBeLessThanOrEqual(4096);
    expect(d.endsWith('\n…')).toBe(true);
  });

  test('a long code-block table stays a closed code block when cut', () => {
    const rows = Array.from({ length: 400 }, (_, i) => [`chip-${i}`, String(i)]);
    const d = renderReply(reply('x', { cards: [{ title: 't', table: { columns: ['Chip', 'N'], rows } }] })).embeds[0]!.description!;
    expect(d.length).toBeLessThanOrEqual(4096);
    expect((d.match(/```/g) ?? []).length % 2).toBe(0);
  });

  test('clip never splits a surrogate pair nor leaves a dangling escape', () => {
    expect(clip('ab😀cd', 4)).toBe('ab…');
    expect(clip('ab\\*cd', 4)).toBe('ab…');
  });

  test('narrow tables are aligned code blocks (CJK counts two columns); wide ones become fields', () => {
    const narrow = renderReply(reply('x', { cards: [{ title: 't', table: { columns: ['Chip', 'TFLOPS'], rows: [['昇腾910C', '800'], ['H20', '148']] } }] })).embeds[0]!;
    expect(narrow.description).toBe(['```', 'Chip      TFLOPS', '────────  ──────', '昇腾910C  800', 'H20       148', '```'].join('\n'));
    const wide = renderReply(reply('x', { cards: [{ title: 't', table: { columns: ['Chip', 'A long column', 'Another long column', 'Third long column'], rows: [['X1', '1', '2', '3']] } }] })).embeds[0]!;
    expect(wide.fields).toEqual([{ name: 'X1', value: 'A long column: 1 · Another long column: 2 · Third long column: 3', inline: false }]);
  });
});

describe('button ids', () => {
  test('short commands ride in the custom_id; long ones in the bounded map', () => {
    expect(buttonCustomId('/news alibaba page:2')).toBe('cw:/news alibaba page:2');
    const long = `/news ${'x'.repeat(150)}`;
    const id = buttonCustomId(long);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(commandOfCustomId(id)).toEqual({ kind: 'command', line: long });
    expect(commandOfCustomId('cw#deadbeefdeadbeef')).toEqual({ kind: 'expired' });
    expect(commandOfCustomId('other-bot:1')).toEqual({ kind: 'foreign' });
  });
});
