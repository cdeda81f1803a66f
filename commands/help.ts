// /help: every command with its usage, generated from the command definitions.
import { defineCommand, usage } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { t } from '../src/i18n/t.ts';
import { zhTwDescription } from '../src/i18n/names.ts';

export const help = defineCommand({
  name: 'help',
  description: { en: 'What chipwatch can do', 'zh-CN': 'chipwatch 的命令列表', de: 'Was chipwatch kann' },
  options: [],
  permission: 'everyone',
  visibility: 'ephemeral',
  handler(ctx) {
    const { lang } = ctx;
    // Descriptions live with each command (Discord shows them too); zh-TW's are generated from zh-CN's.
    const description = (c: (typeof ctx.app.commands)[number]) => (lang === 'zh-TW' ? (zhTwDescription(c.name) ?? c.description['zh-CN']) : c.description[lang]);
    const fields = ctx.app.commands.map((c) => ({ name: usage(c), value: description(c) }));
    const examples = ctx.app.commands.flatMap((c) => c.examples).slice(0, 8);
    return reply(t(lang, 'help.text'), {
      visibility: 'ephemeral',
      cards: [
        {
          title: t(lang, 'help.title'),
          description: t(lang, 'help.examples', { examples: examples.join(' · ') }),
          fields,
          footer: t(lang, 'help.footer'),
        },
      ],
    });
  },
});
