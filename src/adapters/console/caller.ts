// The console's caller: the operator at the terminal, who may manage every channel.
import type { CapabilityProbe } from '../../core/context.ts';

export const CONSOLE_CAPABILITIES: CapabilityProbe = async () => ({ manageChannel: true });
