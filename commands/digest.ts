// /digest [on|off|preview] [time:HH:MM] [tz:Area/City] [quiet:skip|notice]: when this channel's daily
// digest goes out, in its local time (DST handled); with no options it shows the setting. Open to everyone
// so anyone may look and preview (ephemeral); changing needs the right to manage the channel, checked here
// with the dispatcher's wording because only some uses change something.
import { defineCommand } from '../src/core/command.ts';
import { choiceOption, stringOption } from '../src/core/options.ts';
import { reply } from '../src/core/reply.ts';
import { UserError } from '../src/core/errors.ts';
import { getSubscription, setChannelLang, setDigest } from '../src/delivery/subscriptions.ts';
import { parseDigestTime, parseZone } from '../src/delivery/parse.ts';
import { digestLine } from '../src/delivery/describe.ts';
import { previewDigest } from '../src/delivery/digest.ts';
import { targetOf } from '../src/delivery/target.ts';
import { requireManageChannel } from '../src/core/permission.ts';
import { langOfChoice, langOption } from '../src/i18n/lang-option.ts';
import { t } from '../src/i18n/t.ts';
import { langName } from '../src/delivery/describe.ts';

export const digest = defineCommand({
  name: 'digest',
  description: { en: "Set or preview this channel's daily digest", 'zh-CN': '设置或预览本频道的每日摘要', de: 'Tageszusammenfassung dieses Kanals einstellen oder ansehen' },
  options: [
    choiceOption('action', {
      description: { en: 'on, off, or preview (only you see it)', 'zh-CN': 'on、off 或 preview（仅自己可见）', de: 'on, off oder preview (nur für dich)' },
      choices: ['on', 'off', 'preview'] as const,
      positional: true,
    }),
    stringOption('time', { description: { en: 'Local time, 24-hour HH:MM', 'zh-CN': '本地时间，24小时制 HH:MM', de: 'Ortszeit, HH:MM (24 h)' }, maxLength: 5, example: '09:00' }),
    stringOption('tz', { description: { en: 'Time zone, e.g. Europe/Berlin', 'zh-CN': '时区，例如 Asia/Shanghai', de: 'Zeitzone, z. B. Europe/Berlin' }, maxLength: 64, example: 'Asia/Shanghai' }),
    choiceOption('quiet', {
      description: { en: 'On a day with no news: skip, or notice (one line)', 'zh-CN': '无新闻时：skip 不发，notice 发一行', de: 'Ohne Nachrichten: skip oder notice (eine Zeile)' },
      choices: ['skip', 'notice'] as const,
    }),
    langOption,
  ],
  permission: 'everyone',
  visibility: 'public',
  examples: ['/digest time:08:30 tz:Asia/Shanghai', '/digest preview', '/digest off', '/digest quiet:notice'],
  async handler(ctx, { action, time, tz, quiet, lang: langChoice }) {
    const db = ctx.app.db;
    const { lang } = ctx;
    const now = ctx.app.now().getTime();
    const sub = getSubscription(db, targetOf(ctx));
    if (!sub)
      throw new UserError('NOT_FOUND', t('en', 'digest.none'), t('en', 'digest.startHint'), { message: { key: 'digest.none' }, hint: { key: 'digest.startHint' } });

    if (action === 'preview') {
      if (time || tz || quiet || langChoice) throw new UserError('BAD_OPTION', t('en', 'digest.previewAlone'), undefined, { message: { key: 'digest.previewAlone' } });
      // The digest itself as the channel will get it (its language); the line above it in the reader's.
      const d = previewDigest(db, sub, now);
      if (!d.message) return reply(t(lang, 'digest.previewEmpty'), { visibility: 'ephemeral' });
      return { ...d.message.reply, visibility: 'ephemeral', text: t(lang, 'digest.previewText', { when: digestLine(sub, now, lang), text: d.message.reply.text }) };
    }

    if (!action && !time && !tz && !quiet && !langChoice) {
      return reply(t(lang, 'digest.show', { when: digestLine(sub, now, lang) }), { visibility: 'ephemeral', actions: [{ label: t(lang, 'digest.previewAction'), command: '/digest preview' }] });
    }

    await requireManageChannel(ctx.capabilities, "change this channel's digest", { lang, key: 'error.forbiddenDigest' });
    if (langChoice) setChannelLang(db, sub.id, langOfChoice(langChoice), now);
    const after = setDigest(
      db,
      sub.id,
      {
        ...(time ? { time: parseDigestTime(time) } : {}),
        ...(tz ? { tz: parseZone(tz) } : {}),
        ...(action ? { on: action === 'on' } : {}),
        ...(quiet ? { quietDay: quiet } : {}),
      },
      now,
    );
    const modeNote = sub.mode === 'realtime' && action === 'on' ? t(lang, 'digest.switched') : '';
    const langNote = langChoice ? ` ${t(lang, 'sub.langNote', { language: langName(after.lang) })}` : '';
    return reply(`${t(lang, 'digest.show', { when: digestLine(after, now, lang) })}${modeNote}${langNote}`, { actions: [{ label: t(lang, 'digest.previewAction'), command: '/digest preview' }] });
  },
});
