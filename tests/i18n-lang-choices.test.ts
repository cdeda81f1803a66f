// The `lang:` option's choices are shown by each language's own name in Discord's picker (English,
// 简体中文, 繁體中文, Deutsch) while the value sent stays the code that text input also takes.
import { describe, expect, it } from 'vitest';
import { commands } from '../commands/index.ts';
import { commandsJson } from '../src/adapters/discord/register.ts';
import { LANG_CHOICES, langOfChoice, langOption } from '../src/i18n/lang-option.ts';

describe('lang: choices', () => {
  it('register with names in their own language and the codes as values, on /subscribe and /digest', () => {
    const json = commandsJson(commands, 'global');
    for (const name of ['subscribe', 'digest']) {
      const opt = json.find((c) => c.name === name)!.options!.find((o) => o.name === 'lang') as { choices?: { name: string; value: string }[] };
      expect(opt.choices).toEqual([
        { name: 'English', value: 'en' },
        { name: '简体中文', value: 'zh-cn' },
        { name: '繁體中文', value: 'zh-tw' },
        { name: 'Deutsch', value: 'de' },
      ]);
    }
  });

  it('still accepts the typed codes (Slack, console) and maps them to languages', () => {
    for (const c of LANG_CHOICES) expect(langOption.schema.parse(c.toUpperCase())).toBe(c);
    expect(LANG_CHOICES.map(langOfChoice)).toEqual(['en', 'zh-CN', 'zh-TW', 'de']);
    expect(() => langOption.schema.parse('English')).toThrow();
  });
});
