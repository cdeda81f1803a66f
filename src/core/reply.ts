// The platform-neutral reply every handler returns. Adapters render it (Discord embeds, Slack Block Kit,
// terminal text); nothing here knows a platform. All strings are PLAIN TEXT: renderers escape them for
// their markup, so text from feeds can never ping, format or link. Links exist only as explicit `url`s.
import type { ChartSpec } from '../charts/spec.ts';
import type { Lang } from '../i18n/locale.ts';

export type Visibility = 'public' | 'ephemeral';

/** A source footnote: where a figure came from. */
export interface Footnote {
  /** Short marker shown next to the figure, e.g. "1". */
  mark: string;
  label: string;
  url: string;
  /** ISO date (YYYY, YYYY-MM or YYYY-MM-DD) the source was published or read. */
  date?: string;
}

export interface Field {
  name: string;
  value: string;
  inline?: boolean;
}

/** A small table; renderers align it (code block, fields or preformatted text). */
export interface Table {
  columns: string[];
  rows: string[][];
}

/** One linked line, e.g. a news story: "title" → url, with a plain meta line under it. */
export interface LinkItem {
  title: string;
  url: string;
  meta?: string;
}

export interface Card {
  title: string;
  url?: string;
  /** Plain text, may contain newlines. */
  description?: string;
  fields?: Field[];
  table?: Table;
  items?: LinkItem[];
  footnotes?: Footnote[];
  /** A short plain line at the bottom (e.g. "Figures: official unless marked *reported*"). */
  footer?: string;
  /** A chart of the card's figures, as data (it stays JSON in the outbox); adapters render it to an image
   * where the platform shows one (src/charts/render.ts) and keep the text as the fallback. */
  chart?: ChartSpec;
}

/**
 * A follow-up action (a button). `command` is a text command line the core understands, so a press
 * routes back through the same dispatcher as typed text ("/news alibaba page:2").
 */
export interface Action {
  label: string;
  command: string;
  style?: 'primary' | 'secondary';
}

export interface Reply {
  visibility: Visibility;
  /** Plain-text summary: notification text and the fallback where cards cannot be shown. */
  text: string;
  cards: Card[];
  actions: Action[];
  /** Set on refusals (bad input, no permission) so adapters and the CLI can tell them apart. */
  error?: { code: string };
  /** The language the reply is in, for the few labels renderers add ("Sources"); absent = English. */
  lang?: Lang;
}

export function reply(text: string, parts: Partial<Omit<Reply, 'text'>> = {}): Reply {
  return { visibility: 'public', cards: [], actions: [], ...parts, text };
}

export function errorReply(code: string, text: string): Reply {
  return { visibility: 'ephemeral', text, cards: [], actions: [], error: { code } };
}
