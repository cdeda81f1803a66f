// The one check and wording for "may change this channel": the dispatcher applies it to commands
// declared 'manage-channel'; a command open to everyone that changes something in one branch (/digest)
// calls it there.
import type { CapabilityProbe } from './context.ts';
import { UserError } from './errors.ts';
import type { Lang } from '../i18n/locale.ts';
import { t, type MessageKey, type MessageValues } from '../i18n/t.ts';

/** `localized`: the same refusal from the catalog, for readers of other languages than English. */
export async function requireManageChannel(capabilities: CapabilityProbe, what: string, localized?: { lang: Lang; key: MessageKey; values?: MessageValues }): Promise<void> {
  const caps = await capabilities();
  if (caps.manageChannel) return;
  if (localized && localized.lang !== 'en') {
    const missing = caps.missingKey ? t(localized.lang, caps.missingKey, caps.missingValues) : (caps.missing ?? '');
    throw new UserError('FORBIDDEN', `${t(localized.lang, localized.key, localized.values)} ${missing}`.trim());
  }
  throw new UserError('FORBIDDEN', `Only people who can manage this channel can ${what}. ${caps.missing ?? ''}`.trim());
}
