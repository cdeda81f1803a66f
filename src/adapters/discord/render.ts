// Renders a neutral Reply as a Discord message body (API v10 JSON): cards become embeds, actions become
// buttons. Everything fits Discord's limits by construction — long text is cut with an ellipsis (and a
// link to the card's page where it has one) instead of Discord refusing the whole message. Every body
// carries `allowed_mentions: { parse: [] }`, and all Reply text goes through safe-text.ts.
import type { APIActionRowComponent, APIButtonComponentWithCustomId, APIEmbed, APIEmbedField, APIComponentInMessageActionRow } from 'discord.js';
import { ButtonStyle, ComponentType } from 'discord.js';
import type { Card, Reply, Table } from '../../core/reply.ts';
import { displayWidth, padEnd } from '../console/width.ts';
import { buttonCustomId } from './button-ids.ts';
import * as L from './limits.ts';
import { packLines } from '../../core/pack-lines.ts';
import { clip, codeText, escapeLine, escapeText, maskedLink, plainLine, safeUrl } from './safe-text.ts';
import type { Lang } from '../../i18n/locale.ts';
import { t } from '../../i18n/t.ts';

/** chipwatch's accent colour (a warm red, the colour of the catalog's "reported" marks). */
export const EMBED_COLOR = 0xd9480f;

/** The body of a channel message or interaction response, in Discord's own (snake_case) JSON. */
export interface DiscordMessageBody {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  allowed_mentions: { parse: [] };
}

/** Hands out characters from the 6,000-per-message embed budget, card by card. */
class Budget {
  constructor(public left: number) {}
  /** `s` cut to fit both its own limit and what is left of the message; '' when nothing is left. */
  take(s: string, max: number, suffix = '…'): string {
    const room = Math.min(max, this.left);
    if (room <= suffix.length) return '';
    const out = clip(s, room, suffix);
    this.left -= out.length;
    return out;
  }
}

/**
 * `images`: card index → the name of an attached chart to show in that card's embed.
 * `notify`: also send the reply's text as the message content when there are cards — for channel posts,
 * where that line is what push notifications and channel previews show. Interaction answers skip it (the
 * person just asked; the card says it all).
 */
export function renderReply(r: Reply, o: { notify?: boolean; images?: ReadonlyMap<number, string> } = {}): DiscordMessageBody {
  const budget = new Budget(L.EMBEDS_TOTAL_CHARS_MAX);
  const embeds: APIEmbed[] = [];
  for (const [i, card] of r.cards.slice(0, L.EMBEDS_PER_MESSAGE_MAX).entries()) {
    if (budget.left < 64) break; // not even room for a title and a line: stop rather than send stubs
    const embed = renderCard(card, budget, r.lang ?? 'en');
    // `images`: the card's chart uploaded with this message under that file name (chart-files.ts).
    const image = o.images?.get(i);
    if (image) embed.image = { url: `attachment://${image}` };
    embeds.push(embed);
  }
  const body: DiscordMessageBody = { embeds, components: renderActions(r), allowed_mentions: { parse: [] } };
  // Without cards the text is the message; with cards it is only the notification line.
  if (!embeds.length || (o.notify && r.text.trim())) body.content = clip(escapeText(r.text || ' '), L.CONTENT_MAX);
  return body;
}

function renderCard(card: Card, budget: Budget, lang: Lang): APIEmbed {
  const url = safeUrl(card.url);
  const embed: APIEmbed = { color: EMBED_COLOR, title: budget.take(escapeLine(card.title), L.EMBED_TITLE_MAX) || '…' };
  if (url) embed.url = url;
  // The footer is reserved early: it carries the basis of the figures, which must not be cut away.
  const footer = card.footer ? budget.take(plainLine(card.footer), L.EMBED_FOOTER_MAX) : '';
  const wideTable = card.table && tableWidth(card.table) > L.TABLE_CODE_BLOCK_WIDTH_MAX;

  const description = describe(card, wideTable ? undefined : card.table, url, budget);
  if (description) embed.description = description;

  const fields: APIEmbedField[] = [];
  const addField = (name: string, value: string, inline = false): boolean => {
    if (fields.length >= L.EMBED_FIELDS_MAX || budget.left < 8) return false;
    const n = budget.take(name || '\u200b', L.EMBED_FIELD_NAME_MAX);
    const v = budget.take(value || '—', L.EMBED_FIELD_VALUE_MAX);
    if (!n || !v) return false;
    fields.push({ name: n, value: v, inline });
    return true;
  };
  for (const f of card.fields ?? []) if (!addField(escapeLine(f.name), escapeText(f.value), f.inline ?? false)) break;
  if (card.table && wideTable) tableAsFields(card.table, addField);
  if (card.footnotes?.length) {
    const lines = card.footnotes.map((n) => `\\[${escapeLine(n.mark)}\\] ${maskedLink(n.label, n.url)}${n.date ? ` · ${escapeLine(n.date)}` : ''}`);
    packLines(lines, L.EMBED_FIELD_VALUE_MAX, clip).forEach((chunk, i) => addField(t(lang, i === 0 ? 'render.sources' : 'render.sourcesContinued'), chunk));
  }
  if (fields.length) embed.fields = fields;
  if (footer) embed.footer = { text: footer };
  return embed;
}

/** Description text, then the table (as a code block), then linked items, cut as a whole where needed. */
function describe(card: Card, table: Table | undefined, url: string | undefined, budget: Budget): string {
  const parts: string[] = [];
  if (card.description) parts.push(escapeText(card.description));
  if (table) parts.push(['```', ...tableLines(table), '```'].join('\n'));
  if (card.items?.length) {
    parts.push(
      card.items
        .map((it, i) => `**${i + 1}.** ${maskedLink(it.title, it.url)}${it.meta ? `\n${escapeLine(it.meta)}` : ''}`)
        .join('\n'),
    );
  }
  const full = parts.join('\n\n');
  if (!full) return '';
  const max = Math.min(L.EMBED_DESCRIPTION_MAX, budget.left);
  if (full.length <= max) return budget.take(full, max);
  // Too long: keep whole lines (a cut inside a code block or link would break the rest), then say so.
  const more = url ? `\n… [more](${url})` : '\n…';
  const kept: string[] = [];
  let used = 0;
  let inCode = false;
  for (const line of full.split('\n')) {
    const closing = inCode ? '\n```' : '';
    if (used + line.length + 1 + more.length + closing.length + 4 > max) break;
    kept.push(line);
    used += line.length + 1;
    if (line.startsWith('```')) inCode = !inCode;
  }
  if (inCode) kept.push('```');
  return budget.take(kept.join('\n') + more, max);
}

function tableWidth(t: Table): number {
  const rows = [t.columns, ...t.rows];
  const widths = t.columns.map((_, i) => Math.max(...rows.map((r) => displayWidth(codeText(r[i] ?? '')))));
  return widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
}

/** The table aligned in monospace (CJK counts two columns), header underlined. */
export function tableLines(t: Table): string[] {
  const rows = [t.columns, ...t.rows].map((r) => t.columns.map((_, i) => codeText(r[i] ?? '')));
  const widths = t.columns.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]!))));
  const line = (r: string[]) => r.map((c, i) => padEnd(c, widths[i]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
}

/** A wide table, one field per row: "Ascend 910C" → "Year: 2024 · Node: 7 nm · …". */
function tableAsFields(t: Table, add: (name: string, value: string, inline?: boolean) => boolean): void {
  for (const r of t.rows) {
    const value = t.columns
      .slice(1)
      .map((c, i) => (c ? `${escapeLine(c)}: ${escapeLine(r[i + 1] ?? '')}` : escapeLine(r[i + 1] ?? '')))
      .join(' · ');
    if (!add(escapeLine(r[0] ?? ''), value)) return;
  }
}

export function renderActions(r: Reply): APIActionRowComponent<APIComponentInMessageActionRow>[] {
  const buttons: APIButtonComponentWithCustomId[] = r.actions.slice(0, L.ACTION_ROWS_MAX * L.BUTTONS_PER_ROW_MAX).map((a) => ({
    type: ComponentType.Button,
    style: a.style === 'primary' ? ButtonStyle.Primary : ButtonStyle.Secondary,
    // Labels show verbatim (no markdown), so they need no escaping beyond control characters.
    label: clip(plainLine(a.label), L.BUTTON_LABEL_MAX) || '…',
    custom_id: buttonCustomId(a.command),
  }));
  const rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [];
  for (let i = 0; i < buttons.length; i += L.BUTTONS_PER_ROW_MAX) rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + L.BUTTONS_PER_ROW_MAX) });
  return rows;
}
