// Renders a neutral Reply as terminal text: the same card a Discord or Slack user sees, in plain lines.
// Control characters are stripped first so text from feeds cannot move the cursor or recolour the terminal.
import type { Card, Reply, Table } from '../../core/reply.ts';
import { stripInvisible } from '../../core/invisible.ts';
import { displayWidth, padEnd } from './width.ts';
import type { Lang } from '../../i18n/locale.ts';
import { t } from '../../i18n/t.ts';

/** Removes C0/C1 control characters (ANSI escapes included) except newline, and bidi and zero-width
 *  marks (core/invisible.ts). */
export function terminalSafe(s: string): string {
  return stripInvisible(s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/g, ''));
}

const MAX_CELL = 40;

function clipCell(s: string): string {
  if (displayWidth(s) <= MAX_CELL) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > MAX_CELL - 1) break;
    out += ch;
  }
  return `${out}…`;
}

export function renderTable(t: Table): string[] {
  const rows = [t.columns, ...t.rows].map((r) => r.map((c) => clipCell(terminalSafe(c))));
  const widths = t.columns.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => padEnd(c, widths[i]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
}

export function renderCard(c: Card, lang: Lang = 'en'): string[] {
  const out: string[] = [];
  out.push(`━━ ${terminalSafe(c.title)} ━━${c.url ? `  ${terminalSafe(c.url)}` : ''}`);
  if (c.description) out.push(terminalSafe(c.description));
  if (c.fields?.length) {
    const w = Math.max(...c.fields.map((f) => displayWidth(f.name)));
    for (const f of c.fields) out.push(`${padEnd(terminalSafe(f.name), w)}  ${terminalSafe(f.value)}`);
  }
  if (c.table) {
    out.push('');
    out.push(...renderTable(c.table));
  }
  if (c.items?.length) {
    c.items.forEach((it, i) => {
      out.push(`${i + 1}. ${terminalSafe(it.title)}`);
      if (it.meta) out.push(`   ${terminalSafe(it.meta)}`);
      out.push(`   ${terminalSafe(it.url)}`);
    });
  }
  if (c.footnotes?.length) {
    out.push(`${t(lang, 'render.sources')}:`);
    for (const n of c.footnotes) out.push(`  [${n.mark}] ${terminalSafe(n.label)}${n.date ? ` (${n.date})` : ''} ${terminalSafe(n.url)}`);
  }
  if (c.footer) out.push(terminalSafe(c.footer));
  // A terminal shows no image: say what the chart shows and how to get the picture.
  if (c.chart) out.push(t(lang, 'console.chart', { alt: terminalSafe(c.chart.alt), command: 'chipwatch ask "…" --chart FILE.png' }));
  return out;
}

export function renderReply(r: Reply): string {
  const out: string[] = [];
  if (r.error) out.push(`✗ ${terminalSafe(r.text)}`);
  else if (!r.cards.length) out.push(terminalSafe(r.text));
  r.cards.forEach((c, i) => {
    if (i > 0 || out.length) out.push('');
    out.push(...renderCard(c, r.lang));
  });
  if (r.actions.length) {
    out.push('');
    out.push(t(r.lang ?? 'en', 'console.next', { actions: r.actions.map((a) => `${terminalSafe(a.label)} → ${terminalSafe(a.command)}`).join('  ·  ') }));
  }
  if (r.visibility === 'ephemeral' && !r.error) out.push(t(r.lang ?? 'en', 'console.onlyYou'));
  return out.join('\n');
}
