// /compare A B [C D]: chips side by side; a vendor name picks that vendor's flagship.
import { defineCommand } from '../src/core/command.ts';
import { stringOption } from '../src/core/options.ts';
import { reply } from '../src/core/reply.ts';
import { UserError } from '../src/core/errors.ts';
import { resolveEntity } from '../src/catalog/resolve.ts';
import { compareCard } from '../src/catalog/cards.ts';
import { compareChartSpec } from '../src/charts/compare-spec.ts';
import { baselineChip, flagshipOf } from '../src/catalog/query.ts';
import type { Chip } from '../src/catalog/schema.ts';
import type { Db } from '../src/store/db.ts';
import type { Lang } from '../src/i18n/locale.ts';
import { t } from '../src/i18n/t.ts';
import { nameIn } from '../src/i18n/names.ts';

const slot = <const R extends boolean>(name: 'first' | 'second' | 'third' | 'fourth', required: R) =>
  stringOption(name, {
    description: {
      en: `${name[0]!.toUpperCase()}${name.slice(1)} chip or vendor`,
      'zh-CN': `第${{ first: '一', second: '二', third: '三', fourth: '四' }[name]}个芯片或厂商`,
      de: `${{ first: 'Erster', second: 'Zweiter', third: 'Dritter', fourth: 'Vierter' }[name]} Chip oder Hersteller`,
    },
    required,
    positional: true,
    autocomplete: 'entity',
    maxLength: 100,
    example: name === 'first' ? 'ascend-910c' : 'h20',
  });

function chipFor(db: Db, input: string, lang: Lang): Chip {
  const e = resolveEntity(db, input);
  if (e.kind === 'chip') return e.chip;
  const f = flagshipOf(db, e.vendor.slug);
  if (!f) throw new UserError('NOT_FOUND', t('en', 'compare.noChips', { name: e.vendor.name.en }), undefined, { message: { key: 'compare.noChips', values: { name: nameIn(lang, e.vendor) } } });
  return f;
}

export const compare = defineCommand({
  name: 'compare',
  description: {
    en: 'Compare two to four chips side by side (a vendor means its flagship)',
    'zh-CN': '并排比较二至四款芯片（厂商名代表其旗舰芯片）',
    de: 'Zwei bis vier Chips nebeneinander vergleichen (Hersteller = dessen Flaggschiff)',
  },
  options: [
    slot('first', true),
    slot('second', true),
    slot('third', false),
    slot('fourth', false),
  ],
  permission: 'everyone',
  visibility: 'public',
  examples: ['/compare ascend-910c h20', '/compare cambricon huawei nvidia'],
  handler(ctx, o) {
    const lang: Lang = ctx.lang;
    const inputs = [o.first, o.second, o.third, o.fourth].filter((x): x is string => x !== undefined);
    const chips: Chip[] = [];
    for (const input of inputs) {
      const c = chipFor(ctx.app.db, input, lang);
      if (!chips.some((x) => x.slug === c.slug)) chips.push(c);
    }
    if (chips.length < 2)
      throw new UserError('BAD_OPTION', t('en', 'compare.same', { name: chips[0]!.name.en }), undefined, { message: { key: 'compare.same', values: { name: nameIn(lang, chips[0]!) } } });
    // The chart draws the chips asked about; the table also lists the NVIDIA baseline.
    const card = { ...compareCard(chips, baselineChip(ctx.app.db), lang), chart: compareChartSpec(chips, lang) };
    return reply(chips.map((c) => nameIn(lang, c)).reduce((a, b) => t(lang, 'compare.versus', { a, b })), { cards: [card] });
  },
});
