// For commands that are open to everyone but change something in one branch (/digest shows and previews
// for anyone, changes only for channel managers): the same check and wording the dispatcher uses.
import type { CommandContext } from '../core/context.ts';
import { UserError } from '../core/errors.ts';
import type { PostTarget } from '../core/adapter.ts';

export async function requireManageChannel(ctx: CommandContext, what: string): Promise<void> {
  const caps = await ctx.capabilities();
  if (!caps.manageChannel) throw new UserError('FORBIDDEN', `Only people who can manage this channel can ${what}. ${caps.missing ?? ''}`.trim());
}

export function targetOf(ctx: CommandContext): PostTarget {
  return { platform: ctx.platform, workspaceId: ctx.workspaceId, channelId: ctx.channelId };
}
