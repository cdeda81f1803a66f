// A reply's charts as Discord attachments: rendered to PNG (src/charts/render.ts), uploaded with the
// answer and shown inside their card's embed through `attachment://name`. A chart that cannot be rendered
// (or is over the upload limit) is left out and the card stays text: the table says the same.
import type { Reply } from '../../core/reply.ts';
import type { Logger } from '../../log.ts';
import { renderChart } from '../../charts/render.ts';
import { clip } from './safe-text.ts';
import * as L from './limits.ts';

export interface ChartFile {
  /** Index of the card (and so of the embed) the chart belongs to. */
  card: number;
  name: string;
  png: Buffer;
  /** Alt text: Discord shows it to screen readers and on hover. */
  description: string;
}

export async function chartFiles(r: Reply, log?: Logger): Promise<ChartFile[]> {
  const out: ChartFile[] = [];
  const cards = r.cards.slice(0, L.EMBEDS_PER_MESSAGE_MAX);
  for (const [i, card] of cards.entries()) {
    if (!card.chart || out.length >= L.FILES_PER_MESSAGE_MAX) continue;
    try {
      const img = await renderChart(card.chart);
      if (img.png.length > L.FILE_BYTES_MAX) throw new Error(`chart is ${img.png.length} bytes`);
      out.push({ card: i, name: `chart-${i}.png`, png: img.png, description: clip(card.chart.alt, L.ATTACHMENT_DESCRIPTION_MAX) });
    } catch (e) {
      log?.warn({ err: e, code: 'CHART_RENDER_FAILED', card: i }, 'chart left out; the card stays text');
    }
  }
  return out;
}
