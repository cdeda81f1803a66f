// `chipwatch digest --channel ID [--platform console] [--workspace ID] --preview`: prints what that
// channel's next digest would post, rendered as the console shows it. Nothing is queued or posted.
import { parseArgs } from 'node:util';
import { boot } from './boot.ts';
import { renderReply } from '../adapters/console/render.ts';
import { getSubscription } from '../delivery/subscriptions.ts';
import { previewDigest } from '../delivery/digest.ts';
import type { Platform } from '../core/context.ts';

const USAGE = 'Usage: chipwatch digest --channel ID [--platform console|discord|slack] [--workspace ID] --preview';

export async function digestCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { channel: { type: 'string' }, platform: { type: 'string', default: 'console' }, workspace: { type: 'string' }, preview: { type: 'boolean', default: false } },
  });
  const platform = values.platform as Platform;
  if (!values.channel || !['console', 'discord', 'slack'].includes(platform)) {
    console.error(USAGE);
    return 2;
  }
  if (!values.preview) {
    console.error(`Only --preview is supported: the scheduler posts digests (npm start).\n${USAGE}`);
    return 2;
  }
  const app = boot({ logLevel: 'warn' });
  try {
    const workspaceId = values.workspace ?? (platform === 'console' ? 'console' : undefined);
    if (!workspaceId) {
      console.error(`--workspace is required for ${platform} (the guild or team id).\n${USAGE}`);
      return 2;
    }
    const sub = getSubscription(app.db, { platform, workspaceId, channelId: values.channel });
    if (!sub) {
      console.error(`No subscription for ${platform} channel ${values.channel} in workspace ${workspaceId}.`);
      return 1;
    }
    const d = previewDigest(app.db, sub, app.now().getTime());
    console.log(d.message ? renderReply(d.message.reply) : `A quiet day: nothing would be posted (the channel chose quiet:skip).`);
    return 0;
  } finally {
    app.db.close();
  }
}
