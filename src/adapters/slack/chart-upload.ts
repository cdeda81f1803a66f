// A public reply's charts, uploaded into the channel where it was asked, with alt text. Slack shows an
// image only from an upload (a slash command's response_url cannot carry one, and an image block needs a
// public URL), so the chart follows the text answer as a file. It needs the `files:write` scope: an app
// installed without it, or not in the channel, keeps the text answer (the table says the same) and the
// scope's absence is remembered for an hour so every /compare does not ask again.
// The three steps of https://docs.slack.dev/messaging/working-with-files#upload, done here rather than
// through WebClient.filesUploadV2, which sends the alt text as `alt_text` where the method reads `alt_txt`.
import type { WebClient } from '@slack/web-api';
import type { Reply } from '../../core/reply.ts';
import type { Logger } from '../../log.ts';
import { renderChart } from '../../charts/render.ts';
import { MAX_ALT_TEXT } from './limits.ts';

const NO_SCOPE_MS = 60 * 60_000;
/** The upload itself (undici's default would wait five minutes on a stalled connection). */
const UPLOAD_TIMEOUT_MS = 30_000;
/** Workspace id → until when uploads are known not to work there (missing scope). */
const noScopeUntil = new Map<string, number>();

/** Slack errors after which the answer simply stays text. */
const EXPECTED = new Set(['missing_scope', 'not_in_channel', 'channel_not_found', 'file_uploads_disabled', 'file_uploads_except_images_disabled', 'is_archived']);

export async function uploadCharts(client: WebClient, where: { teamId: string; channelId: string; threadTs?: string }, r: Reply, log: Logger): Promise<number> {
  if (r.visibility !== 'public' || r.error) return 0; // files are seen by the whole channel
  const charts = r.cards.flatMap((c) => (c.chart ? [c.chart] : []));
  if (!charts.length || (noScopeUntil.get(where.teamId) ?? 0) > Date.now()) return 0;
  let sent = 0;
  for (const spec of charts) {
    try {
      const img = await renderChart(spec);
      const url = (await client.apiCall('files.getUploadURLExternal', { filename: img.name, length: img.png.length, alt_txt: spec.alt.slice(0, MAX_ALT_TEXT) })) as { upload_url?: string; file_id?: string };
      if (!url.upload_url || !url.file_id) throw new Error('files.getUploadURLExternal gave no upload_url');
      const put = await fetch(url.upload_url, { method: 'POST', body: img.png, headers: { 'content-type': 'image/png' }, signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS) });
      if (put.status !== 200) throw new Error(`upload answered HTTP ${put.status}`);
      await client.apiCall('files.completeUploadExternal', {
        files: JSON.stringify([{ id: url.file_id, title: spec.title }]),
        channel_id: where.channelId,
        ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
      });
      sent++;
    } catch (e) {
      const code = (e as { data?: { error?: string } }).data?.error;
      if (code === 'missing_scope') noScopeUntil.set(where.teamId, Date.now() + NO_SCOPE_MS);
      if (code && EXPECTED.has(code)) log.info({ code: 'SLACK_CHART_SKIPPED', reason: code, team: where.teamId }, 'chart not uploaded; the answer stays text');
      else log.warn({ err: e, code: 'SLACK_CHART_FAILED', team: where.teamId }, 'chart upload failed; the answer stays text');
      break;
    }
  }
  return sent;
}
