// The `lang:` option of /subscribe and /digest: the language a channel's posts are written in. Option
// values are matched lower-cased (src/core/options.ts), so the choices are written that way.
import { choiceOption } from '../core/options.ts';
import { langOfTag, type Lang } from './locale.ts';

export const LANG_CHOICES = ['en', 'zh-cn', 'zh-tw', 'de'] as const;

export const langOption = choiceOption('lang', {
  description: {
    en: 'Language of this channel’s posts: en, zh-cn, zh-tw or de',
    'zh-CN': '本频道推送的语言：en、zh-cn、zh-tw 或 de',
    de: 'Sprache der Beiträge in diesem Kanal: en, zh-cn, zh-tw oder de',
  },
  choices: LANG_CHOICES,
});

/** The option's value as a language ("zh-cn" → "zh-CN"). */
export function langOfChoice(choice: (typeof LANG_CHOICES)[number]): Lang {
  return langOfTag(choice) ?? 'en';
}
