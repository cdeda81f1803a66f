// Renders a neutral Reply as a Slack message: Block Kit blocks within Slack's limits plus a `text`
// fallback (notifications, screen readers, clients without blocks). Pure: the same Reply always gives the
// same message, so tests compare output directly. Every string from the Reply is untrusted plain text and
// goes through mrkdwn.ts; the only links are built from explicit `url` fields.
import type { types } from '@slack/bolt';
import type { Action, Card, Reply, Table } from '../../core/reply.ts';
import { displayWidth, padEnd } from '../console/width.ts'; // pure width helper: CJK cells are two columns in Slack's monospace too
import * as L from './limits.ts';
import { packLines } from '../../core/pack-lines.ts';
import { clip, codeRaw, escapeControl, link, mrkdwnText, plainText, safeUrl } from './mrkdwn.ts';
import { t } from '../../i18n/t.ts';

type Block = types.KnownBlock;
type Mrkdwn = types.MrkdwnElement;

export interface SlackMessage {
  /** The notification / fallback text (mrkdwn, escaped). */
  text: string;
  blocks: Block[];
}

/** Prefix of every button's action_id; actions.ts listens for it. */
export const ACTION_ID_PREFIX = 'chipwatch:cmd:';

// verbatim: no auto-linking of bare URLs or channel names, no mention parsing. Our escaping already makes
// untrusted text inert; this keeps Slack from adding links of its own.
const md = (text: string): Mrkdwn => ({ type: 'mrkdwn', text, verbatim: true });
const section = (text: string): Block => ({ type: 'section', text: md(text) });

const MAX_CELL = 32;
/** Widest aligned table shown as a code block; about what a phone or a split window shows unwrapped. */
const MAX_CODE_WIDTH = 72;

/** A table as aligned monospace text in ``` blocks; each chunk repeats the header row. */
function tableBlocks(t: Table): Block[] {
  const cell = (s: string) => {
    const c = codeRaw(s.replace(/\s+/g, ' '));
    if (displayWidth(c) <= MAX_CELL) return c;
    let out = '';
    let w = 0;
    for (const ch of c) {
      w += displayWidth(ch);
      if (w > MAX_CELL - 1) break;
      out += ch;
    }
    return `${out}…`;
  };
  const rows = [t.columns, ...t.rows].map((r) => t.columns.map((_, i) => cell(r[i] ?? '')));
  const widths = t.columns.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]!))));
  if (widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1) > MAX_CODE_WIDTH) return rowLineBlocks(t);
  const line = (r: string[]) => escapeControl(r.map((c, i) => padEnd(c, widths[i]!)).join('  ').trimEnd());
  const head = [line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('  ')];
  const body = rows.slice(1).map(line);
  const fence = 8; // "```\n" + "\n```"
  const budget = L.MAX_SECTION_TEXT - fence - head.join('\n').length - 1;
  return packLines(body.length ? body : [''], budget, clip).map((chunk) => section(`\`\`\`\n${head.join('\n')}\n${chunk}\n\`\`\``));
}

/**
 * A table too wide for a code block (it would wrap into an unreadable grid on a phone or a narrow
 * window) becomes one line per row: "*first cell* — Column: value · Column: value".
 */
function rowLineBlocks(t: Table): Block[] {
  const lines = t.rows.map((r) => {
    const rest = t.columns.slice(1).map((c, i) => `${mrkdwnText(c)}: ${mrkdwnText(r[i + 1] ?? '')}`);
    return `*${mrkdwnText(r[0] ?? '')}* — ${rest.join(' · ')}`;
  });
  return packLines(lines, L.MAX_SECTION_TEXT, clip).map(section);
}

/** Two-column tables (e.g. /help) read better as lines: "*left*  right". */
function pairBlocks(t: Table): Block[] {
  const head = `*${mrkdwnText(t.columns[0] ?? '')}* · ${mrkdwnText(t.columns[1] ?? '')}`;
  const lines = t.rows.map((r) => `*${mrkdwnText(r[0] ?? '')}*  ${mrkdwnText(r[1] ?? '')}`);
  return packLines([head, ...lines], L.MAX_SECTION_TEXT, clip).map(section);
}

/** Context blocks: at most 10 elements each; more lines are joined into fewer elements. */
function contextBlocks(parts: string[]): Block[] {
  if (!parts.length) return [];
  const perElement = Math.ceil(parts.length / L.MAX_CONTEXT_ELEMENTS);
  const elements: Mrkdwn[] = [];
  for (let i = 0; i < parts.length; i += perElement) {
    elements.push(md(clip(parts.slice(i, i + perElement).join('  ·  '), L.MAX_CONTEXT_TEXT)));
  }
  return [{ type: 'context', elements }];
}

export function cardBlocks(c: Card): Block[] {
  const blocks: Block[] = [];
  blocks.push({ type: 'header', text: { type: 'plain_text', text: clip(plainText(c.title) || '—', L.MAX_HEADER_TEXT) } });
  const url = c.url ? safeUrl(c.url) : null;
  if (url) blocks.push(...contextBlocks([link(url, new URL(url).hostname)]));
  if (c.description) blocks.push(...packLines(mrkdwnText(c.description).split('\n'), L.MAX_SECTION_TEXT, clip).map(section));
  if (c.fields?.length) {
    const fields = c.fields.map((f) => md(clip(f.name ? `*${mrkdwnText(f.name)}*\n${mrkdwnText(f.value)}` : mrkdwnText(f.value), L.MAX_FIELD_TEXT)));
    for (let i = 0; i < fields.length; i += L.MAX_FIELDS) blocks.push({ type: 'section', fields: fields.slice(i, i + L.MAX_FIELDS) });
  }
  if (c.table) blocks.push(...(c.table.columns.length === 2 ? pairBlocks(c.table) : tableBlocks(c.table)));
  if (c.items?.length) {
    const lines = c.items.map((it) => `• ${link(it.url, clip(it.title, 500))}${it.meta ? `\n      ${mrkdwnText(clip(it.meta, 300))}` : ''}`);
    blocks.push(...packLines(lines, L.MAX_SECTION_TEXT, clip).map(section));
  }
  const small: string[] = [];
  for (const n of c.footnotes ?? []) small.push(`[${mrkdwnText(n.mark)}] ${link(n.url, clip(n.label, 200))}${n.date ? ` (${mrkdwnText(n.date)})` : ''}`);
  if (c.footer) small.push(mrkdwnText(c.footer));
  blocks.push(...contextBlocks(small));
  return blocks;
}

export function actionBlock(actions: Action[]): Block | undefined {
  const elements: types.Button[] = [];
  actions.forEach((a, i) => {
    // A command line longer than a button value cannot round-trip; such a button is left out.
    if (a.command.length > L.MAX_BUTTON_VALUE || elements.length >= L.MAX_ACTION_ELEMENTS) return;
    elements.push({
      type: 'button',
      action_id: `${ACTION_ID_PREFIX}${i}`,
      text: { type: 'plain_text', text: clip(plainText(a.label) || a.command, L.MAX_BUTTON_TEXT) },
      value: a.command,
      ...(a.style === 'primary' ? { style: 'primary' as const } : {}),
    });
  });
  return elements.length ? { type: 'actions', elements } : undefined;
}


export function renderReply(r: Reply): SlackMessage {
  const text = clip(mrkdwnText(r.text), L.MAX_FALLBACK_TEXT) || ' ';
  let body: Block[] = [];
  if (r.error) body.push(section(clip(`:warning: ${mrkdwnText(r.text)}`, L.MAX_SECTION_TEXT)));
  else if (!r.cards.length) body.push(...packLines(mrkdwnText(r.text).split('\n'), L.MAX_SECTION_TEXT, clip).map(section));
  r.cards.forEach((c, i) => {
    if (i > 0 || body.length) body.push({ type: 'divider' });
    body.push(...cardBlocks(c));
  });
  const actions = actionBlock(r.actions);
  const room = L.MAX_BLOCKS - (actions ? 1 : 0);
  if (body.length > room) body = [...body.slice(0, room - 1), { type: 'context', elements: [md(t(r.lang ?? 'en', 'render.slackCut'))] }];
  return { text, blocks: actions ? [...body, actions] : body };
}
