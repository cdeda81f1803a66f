// Localised strings for command names and descriptions. English is required; zh-CN and de are the
// locales Discord shows to Chinese- and German-speaking users.

export type Locale = 'en' | 'zh-CN' | 'de';

export interface Localized {
  en: string;
  'zh-CN': string;
  de: string;
}
