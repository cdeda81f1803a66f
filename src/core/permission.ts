// The one check and wording for "may change this channel": the dispatcher applies it to commands
// declared 'manage-channel'; a command open to everyone that changes something in one branch (/digest)
// calls it there.
import type { CapabilityProbe } from './context.ts';
import { UserError } from './errors.ts';

export async function requireManageChannel(capabilities: CapabilityProbe, what: string): Promise<void> {
  const caps = await capabilities();
  if (!caps.manageChannel) throw new UserError('FORBIDDEN', `Only people who can manage this channel can ${what}. ${caps.missing ?? ''}`.trim());
}
