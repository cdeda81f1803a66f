// /help: every command with its usage, generated from the command definitions.
import { defineCommand, usage } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';

export const help = defineCommand({
  name: 'help',
  description: { en: 'What chipwatch can do', 'zh-CN': 'chipwatch 的命令列表', de: 'Was chipwatch kann' },
  options: [],
  permission: 'everyone',
  visibility: 'ephemeral',
  handler(ctx) {
    const lang = ctx.locale?.startsWith('zh') ? 'zh-CN' : ctx.locale?.startsWith('de') ? 'de' : 'en';
    const fields = ctx.app.commands.map((c) => ({ name: usage(c), value: c.description[lang] }));
    const examples = ctx.app.commands.flatMap((c) => c.examples).slice(0, 8);
    return reply('chipwatch commands', {
      visibility: 'ephemeral',
      cards: [
        {
          title: 'chipwatch: China’s AI chips, facts and news',
          description: `Examples: ${examples.join(' · ')}`,
          fields,
          footer: 'Every figure shows its source. Options can be named (days:7) or, where the usage shows them bare, typed in order.',
        },
      ],
    });
  },
});
