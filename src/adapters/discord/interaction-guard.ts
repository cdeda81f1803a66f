// Checks every INTERACTION_CREATE dispatch before discord.js builds its objects from it. discord.js
// trusts the payload: a missing `data` or `user`, or a permissions string that is not a number, makes it
// throw inside its gateway handler — an unhandled rejection, fatal for the whole process (issue 10).
//
// How: the client emits `raw` with the very packet object it then hands to its own handler, synchronously
// (discord.js 14 WebSocketManager: emit(Raw) → handlePacket). So this listener can repair what is safe to
// repair (a bad permissions string becomes "0": NO permissions; a member with no user is dropped, so the
// caller counts as having no permissions in that server) and retire what is not (renaming the packet's
// `t`, which no discord.js handler knows). A retired interaction is answered by REST with a short
// apology when its id and token allow it. One that passed the check but still never reached our
// InteractionCreate listener (discord.js threw or skipped it) gets the same apology.
import { ChannelType, InteractionResponseType, InteractionType, MessageFlags, Routes, type Client } from 'discord.js';
import type { Logger } from '../../log.ts';
import { pickLang } from '../../i18n/locale.ts';
import { t } from '../../i18n/t.ts';
import { isRecord } from '../../core/is-record.ts';

/** Discord snowflakes are unsigned 64-bit integers in decimal. */
const SNOWFLAKE = /^\d{1,20}$/;
/** Permission bitfields are decimal strings of an unsigned 64-bit integer: "-1", "abc", "0x10" are not. */
const BITFIELD = /^\d{1,20}$/;
const RETIRED = 'CHIPWATCH_REJECTED_INTERACTION';
/** The apology in English; apologyIn gives it in the caller's language. */
export const APOLOGY = t('en', 'apology.discord');

/** The apology in the language of the raw payload's `locale` (the caller's), then `guild_locale`, else English. */
export function apologyIn(raw: Record<string, unknown>): string {
  const tag = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return t(pickLang(tag(raw.locale), tag(raw.guild_locale)), 'apology.discord');
}

export type InteractionCheck = { ok: true; repaired: string[] } | { ok: false; reason: string };

const hasId = (v: unknown): boolean => isRecord(v) && typeof v.id === 'string' && SNOWFLAKE.test(v.id);

/**
 * Validates `d` (an INTERACTION_CREATE payload) in place: returns what it repaired, or why it cannot be
 * used. Only what discord.js reads while constructing the interaction, and what chipwatch decides on, is
 * checked; everything else is left to discord.js.
 */
export function checkInteraction(d: unknown): InteractionCheck {
  if (!isRecord(d)) return { ok: false, reason: 'payload is not an object' };
  if (typeof d.id !== 'string' || !SNOWFLAKE.test(d.id)) return { ok: false, reason: 'bad id' };
  if (typeof d.token !== 'string' || d.token === '' || d.token.length > 1000) return { ok: false, reason: 'bad token' };
  if (typeof d.type !== 'number') return { ok: false, reason: 'bad type' };
  const repaired: string[] = [];
  if (d.type === InteractionType.ApplicationCommand || d.type === InteractionType.ApplicationCommandAutocomplete) {
    if (!isRecord(d.data)) return { ok: false, reason: 'no data' };
    if (typeof d.data.name !== 'string' || typeof d.data.type !== 'number') return { ok: false, reason: 'bad command data' };
    if (d.data.options !== undefined && !(Array.isArray(d.data.options) && d.data.options.every((o) => isRecord(o) && typeof o.name === 'string' && typeof o.type === 'number')))
      return { ok: false, reason: 'bad options' };
  } else if (d.type === InteractionType.MessageComponent) {
    if (!isRecord(d.data) || typeof d.data.custom_id !== 'string' || typeof d.data.component_type !== 'number') return { ok: false, reason: 'bad component data' };
    if (!isRecord(d.message)) return { ok: false, reason: 'no message' };
  } else if (d.type === InteractionType.ModalSubmit) {
    if (!isRecord(d.data)) return { ok: false, reason: 'no data' };
  }
  if (d.guild_id !== undefined && d.guild_id !== null && (typeof d.guild_id !== 'string' || !SNOWFLAKE.test(d.guild_id))) return { ok: false, reason: 'bad guild_id' };
  // A server interaction always happens in a channel; without one, where would a subscription go?
  if (typeof d.guild_id === 'string' && (typeof d.channel_id !== 'string' || !SNOWFLAKE.test(d.channel_id))) return { ok: false, reason: 'server interaction without channel_id' };
  if (d.channel !== undefined && d.channel !== null && !hasId(d.channel)) return { ok: false, reason: 'bad channel' };
  // Without a server id it is a DM, where the caller manages the conversation; a DM "in" a server
  // channel would let anyone subscribe that channel.
  if (typeof d.guild_id !== 'string' && isRecord(d.channel) && d.channel.type !== ChannelType.DM && d.channel.type !== ChannelType.GroupDM)
    return { ok: false, reason: 'no guild_id, but not a DM channel' };
  if (d.member !== undefined && d.member !== null) {
    if (!isRecord(d.member) || !hasId(d.member.user)) {
      // No one to attribute it to inside the member: keep the interaction (the top-level user may still
      // identify the caller), but without the member, so no server permission is taken from it.
      delete d.member;
      repaired.push('member without user dropped');
    } else if (d.member.permissions !== undefined && (typeof d.member.permissions !== 'string' || !BITFIELD.test(d.member.permissions))) {
      d.member.permissions = '0';
      repaired.push('member permissions invalid: none');
    }
  }
  const member = d.member as Record<string, unknown> | undefined;
  if (!hasId(d.user) && !hasId(member?.user)) return { ok: false, reason: 'no user' };
  if (d.app_permissions !== undefined && (typeof d.app_permissions !== 'string' || !BITFIELD.test(d.app_permissions))) {
    d.app_permissions = '0';
    repaired.push('app permissions invalid: none');
  }
  if (!Array.isArray(d.entitlements)) {
    d.entitlements = [];
    repaired.push('entitlements missing');
  }
  return { ok: true, repaired };
}

/** Installs the check on `client`; call before login. */
export function guardInteractions(client: Client, log: Logger): void {
  const pending = new Map<string, string>();

  const apologise = (id: string, token: string, type: unknown, content: string): void => {
    // Autocomplete cannot carry a message; an empty list is its only answer.
    const body =
      type === InteractionType.ApplicationCommandAutocomplete
        ? { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } }
        : { type: InteractionResponseType.ChannelMessageWithSource, data: { content, flags: MessageFlags.Ephemeral, allowed_mentions: { parse: [] } } };
    client.rest.post(Routes.interactionCallback(id, token), { body, auth: false }).catch((err: unknown) => {
      log.warn({ err, code: 'DISCORD_APOLOGY_FAILED', interaction: id }, 'could not answer a rejected Discord interaction');
    });
  };

  client.on('raw', (packet: { t?: unknown; d?: unknown }) => {
    if (packet?.t !== 'INTERACTION_CREATE') return;
    const d = packet.d;
    let check: InteractionCheck;
    try {
      check = checkInteraction(d);
    } catch (e) {
      check = { ok: false, reason: `check failed: ${(e as Error).message}` };
    }
    const raw = isRecord(d) ? d : {};
    const id = typeof raw.id === 'string' && SNOWFLAKE.test(raw.id) ? raw.id : undefined;
    const token = typeof raw.token === 'string' && raw.token !== '' && raw.token.length <= 1000 ? raw.token : undefined;
    if (!check.ok) {
      packet.t = RETIRED;
      log.warn({ code: 'DISCORD_BAD_INTERACTION', interaction: id, reason: check.reason }, 'ignored a malformed Discord interaction');
      if (id && token) apologise(id, token, raw.type, apologyIn(raw));
      return;
    }
    if (check.repaired.length) log.warn({ code: 'DISCORD_INTERACTION_REPAIRED', interaction: id, repaired: check.repaired }, 'repaired a Discord interaction');
    // Interactions queued before ready are handled later by discord.js; only watch live ones.
    if (!client.isReady() || !id || !token) return;
    pending.set(id, token);
    const type = raw.type;
    const content = apologyIn(raw);
    setImmediate(() => {
      if (!pending.delete(id)) return;
      log.warn({ code: 'DISCORD_INTERACTION_UNREAD', interaction: id }, 'discord.js could not build an interaction; answered with an apology');
      apologise(id, token, type, content);
    });
  });
  // discord.js emits this synchronously inside the same packet handling, before the setImmediate above.
  client.on('interactionCreate', (i) => void pending.delete(i.id));
}
