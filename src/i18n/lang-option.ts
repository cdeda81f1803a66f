// The `lang:` option of /subscribe and /digest: the language a channel's posts are written in. Option
// values are matched lower-cased (src/core/options.ts), so the choices are written that way. Discord's
// picker shows each language by its own name (English, 简体中文, …): a reader finds their language in
// their script, whatever the client's locale; the value sent stays the code.
import { choiceOption } from '../core/options.ts';
import { langOfTag, type Lang } from './locale.ts';

export const LANG_CHOICES = ['en', 'zh-cn', 'zh-tw', 'de'] as const;

/** Each language in itself (endonyms): the same in every client locale, so no name_localizations. */
export const LANG_CHOICE_NAMES: Record<(typeof LANG_CHOICES)[number], string> = { en: 'English', 'zh-cn': '简体中文', 'zh-tw': '繁體中文', de: 'Deutsch' };

export const langOption = choiceOption('lang', {
  description: {
    en: 'Language of this channel’s posts: en, zh-cn, zh-tw or de',
    'zh-CN': '本频道推送的语言：en、zh-cn、zh-tw 或 de',
    de: 'Sprache der Beiträge in diesem Kanal: en, zh-cn, zh-tw oder de',
  },
  choices: LANG_CHOICES,
  choiceNames: LANG_CHOICE_NAMES,
});

/** The option's value as a language ("zh-cn" → "zh-CN"). */
export function langOfChoice(choice: (typeof LANG_CHOICES)[number]): Lang {
  return langOfTag(choice) ?? 'en';
}
