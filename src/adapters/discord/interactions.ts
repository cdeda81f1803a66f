// Translates Discord interactions into core calls and answers them:
// - chat-input commands: the typed options go straight to dispatch({kind:'typed'}) — no text round trip;
// - autocomplete: complete() for the focused option's source (≤25, in memory, far inside the deadline);
// - buttons: the custom_id's text command goes to dispatch({kind:'text'}).
// Slow work is deferred first (Discord allows 3 s for the first response), then the reply is edited in.
import { MessageFlags, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction, type InteractionReplyOptions, type RepliableInteraction } from 'discord.js';
import type { App } from '../../app.ts';
import { complete } from '../../core/complete.ts';
import type { Caller } from '../../core/context.ts';
import { dispatch } from '../../core/dispatcher.ts';
import { errorReply, type Reply, type Visibility } from '../../core/reply.ts';
import { commandOfCustomId } from './button-ids.ts';
import { capabilitiesOf } from './capabilities.ts';
import { DEFER_AFTER_MS } from './limits.ts';
import { renderReply } from './render.ts';
import { chartFiles, type ChartFile } from './chart-files.ts';
import type { Logger } from '../../log.ts';
import { pickLang } from '../../i18n/locale.ts';
import { t } from '../../i18n/t.ts';

export interface InteractionOptions {
  /** Defer when the handler has not answered by then (tests shorten it). */
  deferAfterMs?: number;
}

export function callerOf(i: Interaction): Caller {
  return {
    platform: 'discord',
    // A DM has no guild; "@me" is Discord's own name for that scope, stable per user via the channel id.
    workspaceId: i.guildId ?? '@me',
    channelId: i.channelId ?? `@me:${i.user.id}`,
    userId: i.user.id,
    locale: i.locale,
    // Absent in DMs; used when the user's own locale is not one chipwatch speaks.
    ...(i.guildLocale ? { guildLocale: i.guildLocale } : {}),
  };
}

/** Routes one interaction; never throws (failures are logged and, where possible, told to the user). */
export async function handleInteraction(app: App, i: Interaction, o: InteractionOptions = {}): Promise<void> {
  try {
    if (i.isChatInputCommand()) await onCommand(app, i, o);
    else if (i.isAutocomplete()) await onAutocomplete(app, i);
    else if (i.isButton()) await onButton(app, i, o);
  } catch (e) {
    app.log.error({ err: e, code: 'DISCORD_INTERACTION_FAILED', interaction: i.id, type: i.type }, 'could not answer a Discord interaction');
  }
}

async function onCommand(app: App, i: ChatInputCommandInteraction, o: InteractionOptions): Promise<void> {
  const options: Record<string, unknown> = {};
  // Top-level options only: chipwatch registers no subcommands. Values arrive typed (string/number/boolean).
  for (const opt of i.options.data) if (opt.value !== undefined) options[opt.name] = opt.value;
  const cmd = app.commands.find((c) => c.name === i.commandName);
  const work = dispatch(app, callerOf(i), capabilitiesOf(i), { kind: 'typed', name: i.commandName, options });
  await answer(i, work, { slow: cmd?.slow ?? false, expected: cmd?.visibility ?? 'public', deferAfterMs: o.deferAfterMs ?? DEFER_AFTER_MS, log: app.log });
}

async function onButton(app: App, i: ButtonInteraction, o: InteractionOptions): Promise<void> {
  const found = commandOfCustomId(i.customId);
  if (found.kind === 'foreign') return; // not ours (another component on the same message)
  if (found.kind === 'expired') {
    await i.reply(toOptions(errorReply('BUTTON_EXPIRED', t(pickLang(i.locale, i.guildLocale), 'error.buttonExpired'))));
    return;
  }
  const name = found.line.replace(/^\//, '').split(/\s/, 1)[0] ?? '';
  const cmd = app.commands.find((c) => c.name === name);
  const work = dispatch(app, callerOf(i), capabilitiesOf(i), { kind: 'text', line: found.line });
  await answer(i, work, { slow: cmd?.slow ?? false, expected: cmd?.visibility ?? 'public', deferAfterMs: o.deferAfterMs ?? DEFER_AFTER_MS, log: app.log });
}

async function onAutocomplete(app: App, i: AutocompleteInteraction): Promise<void> {
  const focused = i.options.getFocused(true);
  const option = app.commands.find((c) => c.name === i.commandName)?.options.find((x) => x.name === focused.name);
  const choices = option?.autocomplete ? complete(app, option.autocomplete, String(focused.value)) : [];
  await i.respond(choices);
}

function toOptions(r: Reply, files: ChartFile[] = []): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
  const body = renderReply(r, { images: new Map(files.map((f) => [f.card, f.name])) });
  return {
    ...(body.content !== undefined ? { content: body.content } : {}),
    embeds: body.embeds,
    components: body.components,
    allowedMentions: body.allowed_mentions,
    // Charts go up as multipart attachments beside the JSON body, each with its alt text.
    ...(files.length ? { files: files.map((f) => ({ attachment: f.png, name: f.name, description: f.description })) } : {}),
    ...(r.visibility === 'ephemeral' ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/**
 * Replies at once when the work is done within `deferAfterMs`; otherwise (or for `slow` commands)
 * defers first — with the visibility the command normally has — and edits the answer in afterwards.
 */
async function answer(i: RepliableInteraction, reply: Promise<Reply>, o: { slow: boolean; expected: Visibility; deferAfterMs: number; log: Logger }): Promise<void> {
  // The answer and its charts (rendered in tens of milliseconds, inside the same deadline).
  const work = reply.then(async (r) => ({ r, files: await chartFiles(r, o.log) }));
  if (!o.slow) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), o.deferAfterMs)));
    const first = await Promise.race([work, late]);
    clearTimeout(timer);
    if (first) {
      await i.reply(toOptions(first.r, first.files));
      return;
    }
  }
  const deferredEphemeral = o.expected === 'ephemeral';
  await i.deferReply(deferredEphemeral ? { flags: MessageFlags.Ephemeral } : {});
  const { r, files } = await work;
  const { flags: _flags, ...edit } = toOptions(r, files);
  if (r.visibility === 'ephemeral' && !deferredEphemeral) {
    // A deferred public "thinking…" cannot become private: remove it and answer privately instead.
    await i.deleteReply();
    await i.followUp(toOptions(r, files));
    return;
  }
  await i.editReply(edit);
}
