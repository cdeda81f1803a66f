// Whether the person behind an interaction may manage this channel (subscriptions, digests): Discord
// sends the member's permissions *in this channel* (roles and overwrites applied) with every guild
// interaction, so no extra request is needed. In a DM the user manages their own conversation.
// DM or server is decided by the server id alone: a guild interaction that comes without `member` (or
// with an unreadable permissions field, which interaction-guard.ts turns into "0") has NO permissions —
// it must never pass for a DM (issue 10: a forged `/unsubscribe all` did).
import { PermissionFlagsBits, type BaseInteraction } from 'discord.js';
import type { CapabilityProbe } from '../../core/context.ts';

export function capabilitiesOf(i: BaseInteraction): CapabilityProbe {
  return async () => {
    if (!i.guildId) return { manageChannel: true };
    if (i.member && i.memberPermissions?.has(PermissionFlagsBits.ManageChannels)) return { manageChannel: true };
    return { manageChannel: false, missing: 'You need the Manage Channels permission in this channel (or ask someone who has it).', missingKey: 'caps.discordManage' };
  };
}

