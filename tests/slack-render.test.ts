// The Slack renderer as a pure function: Reply in, Block Kit out. Hostile feed text must come out inert,
// and every Slack limit must hold however big the Reply is.
import { describe, expect, it } from 'vitest';
import { renderReply, ACTION_ID_PREFIX } from '../src/adapters/slack/render.ts';
import { packLines } from '../src/core/pack-lines.ts';
import { responsePayload } from '../src/adapters/slack/respond.ts';
import { link, mrkdwnText, safeUrl, clip } from '../src/adapters/slack/mrkdwn.ts';
import * as L from '../src/adapters/slack/limits.ts';
import { errorReply, reply, type Card, type Reply } from '../src/core/reply.ts';
import { HOSTILE, SOURCE_URL, STORY_URL } from './fakes/slack/core.ts';
import { inertnessProblems, textObjects } from './fakes/slack/inert.ts';

const hostileReply: Reply = reply(`Latest: ${HOSTILE}`, {
  cards: [
    {
      title: HOSTILE,
      url: 'https://vendor.example/',
      description: HOSTILE,
      fields: [{ name: HOSTILE, value: HOSTILE }],
      items: [{ title: HOSTILE, url: STORY_URL, meta: HOSTILE }],
      footnotes: [{ mark: '1', label: HOSTILE, url: SOURCE_URL }],
      footer: HOSTILE,
    },
  ],
});

describe('escaping untrusted text', () => {
  it('GIVEN a feed title with <!channel>, <@U…>, a <url|label> link and *bold* THEN the text is inert and shows as written', () => {
    expect(mrkdwnText(HOSTILE)).toBe('&lt;!channel&gt; &lt;@U123&gt; &lt;https:\u2060//evil.example|click&gt; \u2217bold\u2217');
  });

  it('GIVEN the whole hostile reply THEN nothing pings, the only links are the explicit urls, and every mrkdwn object is verbatim', () => {
    const m = renderReply(hostileReply);
    expect(inertnessProblems(m.text, m.blocks, [STORY_URL, SOURCE_URL, 'https://vendor.example/'])).toEqual([]);
    const links = textObjects(m.blocks).flatMap((t) => [...t.text.matchAll(/<(https?:[^|>]+)\|/g)].map((x) => x[1]));
    expect(links.sort()).toEqual([SOURCE_URL, STORY_URL, 'https://vendor.example/'].sort());
  });

  it('GIVEN a line starting with > THEN it is not a quote; GIVEN @here THEN it is broken', () => {
    expect(mrkdwnText('> not a quote\n  > nor this')).toBe('\u00AD&gt; not a quote\n  \u00AD&gt; nor this');
    expect(mrkdwnText('hey @here and @channel')).toBe('hey @\u2060here and @\u2060channel');
  });

  it('GIVEN fullwidth and ASCII formatting characters THEN each becomes a look-alike', () => {
    expect(mrkdwnText('_a_ ~b~ `c` ＊d＊')).toBe('\u02CDa\u02CD \u223Cb\u223C \u02CBc\u02CB \uFE61d\uFE61');
  });

  it('GIVEN URLs THEN only http(s) are linked, and | < > cannot break out of the link', () => {
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('https://user:pw@x.example/')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(safeUrl('https://x.example/a|b>c')).toBe('https://x.example/a%7Cb%3Ec');
    expect(link('javascript:alert(1)', 'label')).toBe('label');
    expect(link('https://x.example/?q=<!channel>', 'go *now*')).toBe('<https://x.example/?q=%3C!channel%3E|go \u2217now\u2217>');
  });

  it('GIVEN clipping THEN an entity or surrogate pair is never cut in half', () => {
    expect(clip('ab&amp;cd', 5)).toBe('ab…');
    expect(clip('a😀b', 3)).toBe('a…');
  });
});

describe('Block Kit shape', () => {
  it('GIVEN a small reply THEN the exact blocks', () => {
    const m = renderReply(
      reply('Cambricon: 2 chips tracked.', {
        cards: [{ title: 'Cambricon (寒武纪)', fields: [{ name: 'Founded', value: '2016 [1]' }], footnotes: [{ mark: '1', label: 'Annual report', url: 'https://cambricon.example/ar', date: '2024' }] }],
        actions: [{ label: 'More news', command: '/news cambricon' }],
      }),
    );
    expect(m).toEqual({
      text: 'Cambricon: 2 chips tracked.',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Cambricon (寒武纪)' } },
        { type: 'section', fields: [{ type: 'mrkdwn', text: '*Founded*\n2016 [1]', verbatim: true }] },
        { type: 'context', elements: [{ type: 'mrkdwn', text: '[1] <https://cambricon.example/ar|Annual report> (2024)', verbatim: true }] },
        { type: 'actions', elements: [{ type: 'button', action_id: `${ACTION_ID_PREFIX}0`, text: { type: 'plain_text', text: 'More news' }, value: '/news cambricon' }] },
      ],
    });
  });

  it('GIVEN a table of 3+ columns THEN aligned preformatted text; GIVEN 2 columns THEN lines', () => {
    const m = renderReply(reply('t', { cards: [{ title: 'T', table: { columns: ['Chip', 'Year', 'Node'], rows: [['Ascend 910C', '2024', '7 nm'], ['MLU590', '2023', '7 nm']] } }] }));
    const code = textObjects(m.blocks).find((t) => t.text.startsWith('```'))!;
    expect(code.text).toBe('```\nChip         Year  Node\n───────────  ────  ────\nAscend 910C  2024  7 nm\nMLU590       2023  7 nm\n```');
    const two = renderReply(reply('t', { cards: [{ title: 'T', table: { columns: ['Command', 'What'], rows: [['/chip <name…>', 'Facts']] } }] }));
    expect(textObjects(two.blocks).map((t) => t.text)).toContain('*Command* · What\n*/chip &lt;name…&gt;*  Facts');
  });

  it('GIVEN a table too wide for a phone THEN one line per row with column names', () => {
    const m = renderReply(reply('t', { cards: [{ title: 'T', table: { columns: ['Chip', 'Year', 'Node', 'FP16 dense', 'Memory', 'Status'], rows: [['Ascend 910C', '2025*', 'SMIC N+2 (7 nm-class)*', '800 TFLOPS*', '—', 'shipping*']] } }] }));
    const texts = textObjects(m.blocks).map((t) => t.text);
    expect(texts).toContain('*Ascend 910C* — Year: 2025\u2217 · Node: SMIC N+2 (7 nm-class)\u2217 · FP16 dense: 800 TFLOPS\u2217 · Memory: — · Status: shipping\u2217');
    expect(texts.some((t) => t.startsWith('```'))).toBe(false);
  });

  it('GIVEN backticks in a table cell THEN they cannot close the code block', () => {
    const m = renderReply(reply('t', { cards: [{ title: 'T', table: { columns: ['a', 'b', 'c'], rows: [['```x```', '1', '2']] } }] }));
    const code = textObjects(m.blocks).find((t) => t.text.startsWith('```'))!.text;
    expect(code.slice(3, -3)).not.toContain('`');
  });

  it('GIVEN an enormous reply THEN every Slack limit holds and the cut is said', () => {
    const long = 'x'.repeat(5000);
    const card: Card = {
      title: 'T'.repeat(400),
      description: Array.from({ length: 20 }, () => long).join('\n'),
      fields: Array.from({ length: 25 }, (_, i) => ({ name: `F${i}`, value: long })),
      table: { columns: ['a', 'b', 'c'], rows: Array.from({ length: 400 }, (_, i) => [`row ${i}`, 'y'.repeat(50), 'z']) },
      items: Array.from({ length: 60 }, (_, i) => ({ title: `story ${i} ${long}`, url: `https://n.example/${i}`, meta: long })),
      footnotes: Array.from({ length: 40 }, (_, i) => ({ mark: String(i + 1), label: `source ${i}`, url: `https://s.example/${i}` })),
      footer: long,
    };
    const m = renderReply(reply(long, { cards: [card, card, card], actions: Array.from({ length: 30 }, (_, i) => ({ label: `Action ${i} ${'L'.repeat(100)}`, command: `/chip ${i}` })) }));
    expect(m.blocks.length).toBeLessThanOrEqual(L.MAX_BLOCKS);
    expect(m.text.length).toBeLessThanOrEqual(L.MAX_FALLBACK_TEXT);
    expect(m.blocks.at(-1)!.type).toBe('actions');
    expect(JSON.stringify(m.blocks.at(-2))).toContain('left out to fit');
    for (const b of m.blocks) {
      if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(L.MAX_HEADER_TEXT);
      if (b.type === 'section') {
        if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(L.MAX_SECTION_TEXT);
        expect((b.fields ?? []).length).toBeLessThanOrEqual(L.MAX_FIELDS);
        for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(L.MAX_FIELD_TEXT);
      }
      if (b.type === 'context') {
        expect(b.elements.length).toBeLessThanOrEqual(L.MAX_CONTEXT_ELEMENTS);
        for (const e of b.elements) expect((e as { text: string }).text.length).toBeLessThanOrEqual(L.MAX_CONTEXT_TEXT);
      }
      if (b.type === 'actions') {
        expect(b.elements.length).toBeLessThanOrEqual(L.MAX_ACTION_ELEMENTS);
        for (const e of b.elements) expect((e as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(L.MAX_BUTTON_TEXT);
      }
    }
  });

  it('GIVEN packLines THEN chunks respect the maximum and keep whole lines', () => {
    expect(packLines(['aaa', 'bbb', 'ccc'], 7, clip)).toEqual(['aaa\nbbb', 'ccc']);
  });
});

describe('response payloads', () => {
  it('GIVEN a public answer THEN in_channel; GIVEN an error THEN ephemeral with a warning', () => {
    expect(responsePayload(reply('hi')).response_type).toBe('in_channel');
    expect(responsePayload(reply('hi', { visibility: 'ephemeral' })).response_type).toBe('ephemeral');
    const e = responsePayload(errorReply('MISSING_OPTION', '/chip needs name.\nUsage: /chip <name…>'));
    expect(e.response_type).toBe('ephemeral');
    expect(JSON.stringify(e)).toContain(':warning: /chip needs name.\\nUsage: /chip &lt;name…&gt;');
  });
});
