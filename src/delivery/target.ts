// The delivery target (platform, workspace, channel) of the channel a command was typed in.
import type { CommandContext } from '../core/context.ts';
import type { PostTarget } from '../core/adapter.ts';

export function targetOf(ctx: CommandContext): PostTarget {
  return { platform: ctx.platform, workspaceId: ctx.workspaceId, channelId: ctx.channelId };
}
