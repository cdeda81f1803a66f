// Whether the person behind an interaction may manage this channel (subscriptions, digests): Discord
// sends the member's permissions *in this channel* (roles and overwrites applied) with every guild
// interaction, so no extra request is needed. In a DM the user manages their own conversation.
import { PermissionFlagsBits, type BaseInteraction } from 'discord.js';
import type { CapabilityProbe } from '../../core/context.ts';

export function capabilitiesOf(i: BaseInteraction): CapabilityProbe {
  return async () => {
    if (!i.inGuild()) return { manageChannel: true };
    if (i.memberPermissions?.has(PermissionFlagsBits.ManageChannels)) return { manageChannel: true };
    return { manageChannel: false, missing: 'You need the Manage Channels permission in this channel (or ask someone who has it).' };
  };
}

