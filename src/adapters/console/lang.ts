// The console's language: `--lang en|zh-CN|zh-TW|de` when given, else the terminal's locale as POSIX
// names it (LC_ALL, then LC_MESSAGES, then LANG: "zh_CN.UTF-8" → zh-CN, "zh_TW"/"zh_HK" → zh-TW,
// "de_DE@euro" → de), else English ("C", "POSIX" and languages we do not speak).
import { LANGS, langOfTag, type Lang } from '../../i18n/locale.ts';
import { OperatorError } from '../../core/errors.ts';

/** The language the environment's locale variables ask for. The first one set decides, as in POSIX. */
export function langOfEnv(env: Record<string, string | undefined> = process.env): Lang {
  const tag = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  // "zh_TW.UTF-8@stroke": the codeset and modifier are not part of the language.
  return langOfTag(tag?.split(/[.@]/)[0]) ?? 'en';
}

/** The `--lang` value as a language; anything else is a usage error (one line, exit 2, from the CLI's boundary). */
export function parseLangFlag(value: string): Lang {
  const l = LANGS.find((x) => x.toLowerCase() === value.trim().toLowerCase());
  if (!l) throw new OperatorError('USAGE', `--lang must be one of ${LANGS.join(', ')} (got "${value}").`);
  return l;
}

/** `--lang` when given, else the environment's. */
export function consoleLang(flag: string | undefined, env: Record<string, string | undefined> = process.env): Lang {
  return flag === undefined ? langOfEnv(env) : parseLangFlag(flag);
}
