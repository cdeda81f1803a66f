// Bidi controls and zero-width marks in outside text (feed titles, summaries, typed queries) never reach
// a reply: every renderer strips them through core/invisible.ts (issue 10). Pure functions, every part
// of a Reply, every mark in the list.
import { describe, expect, it } from 'vitest';
import { renderReply as renderConsole } from '../src/adapters/console/render.ts';
import { renderReply as renderDiscord } from '../src/adapters/discord/render.ts';
import { renderReply as renderSlack } from '../src/adapters/slack/render.ts';
import { stripInvisible } from '../src/core/invisible.ts';
import { reply, type Reply } from '../src/core/reply.ts';

const MARKS = ['\u202e', '\u202a', '\u202b', '\u202c', '\u202d', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'];
/** Finds any of the marks, named by code point. */
const found = (s: string) => [...s].filter((c) => MARKS.includes(c)).map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
// Text with none of the triggers (mentions, "://", "<") for which a renderer inserts its OWN zero-width
// mark, so anything found below came from the input.
const DIRTY = `Huawei ${MARKS.join('x')} Ascend \u202Egnp.exe`;

const dirtyReply: Reply = reply(DIRTY, {
  cards: [
    {
      title: DIRTY,
      description: DIRTY,
      fields: [{ name: DIRTY, value: DIRTY }],
      table: { columns: [DIRTY, 'b'], rows: [[DIRTY, DIRTY]] },
      items: [{ title: DIRTY, url: 'https://news.example/a', meta: DIRTY }],
      footnotes: [{ mark: '1', label: DIRTY, url: 'https://source.example/b', date: '2026-11' }],
      footer: DIRTY,
    },
  ],
  actions: [{ label: DIRTY, command: '/help' }],
});

describe('invisible marks', () => {
  it('stripInvisible removes each listed mark and nothing else', () => {
    expect(stripInvisible(DIRTY)).toBe(`Huawei ${'x'.repeat(MARKS.length - 1)} Ascend gnp.exe`);
    expect(stripInvisible('芯片 Ascend 910C — “ok” 👍')).toBe('芯片 Ascend 910C — “ok” 👍');
  });

  it('Discord: none in content, embeds or button labels', () => {
    const body = renderDiscord(dirtyReply, { notify: true });
    expect(found(JSON.stringify(body))).toEqual([]);
    expect(JSON.stringify(body)).toContain('Ascend gnp.exe');
  });

  it('Slack: none in text or blocks', () => {
    const body = renderSlack(dirtyReply);
    expect(found(JSON.stringify(body))).toEqual([]);
    expect(JSON.stringify(body)).toContain('Ascend gnp.exe');
  });

  it('console: none in the printed text', () => {
    const out = renderConsole(dirtyReply);
    expect(found(out)).toEqual([]);
    expect(out).toContain('Ascend gnp.exe');
  });
});
