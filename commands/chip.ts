// /chip <vendor or chip>: a vendor card (facts, chips, latest news) or a chip's sourced spec card and its
// latest news.
import { defineCommand } from '../src/core/command.ts';
import { stringOption } from '../src/core/options.ts';
import { reply } from '../src/core/reply.ts';
import { resolveEntity, resolveQuery } from '../src/catalog/resolve.ts';
import { chipCard, newsCard, vendorCards, vendorTitle, chipTitle } from '../src/catalog/cards.ts';
import { baselineChip, chipsOfVendor, flagshipOf } from '../src/catalog/query.ts';
import { latestStoriesForChip, latestStoriesForVendor } from '../src/news/latest.ts';
import { cachedWeeklyChartSpec } from '../src/charts/weekly-spec.ts';
import { catalogOf, memoForCatalog } from '../src/catalog/load.ts';
import { t } from '../src/i18n/t.ts';
import { joinList } from '../src/i18n/intl.ts';
import { nameIn } from '../src/i18n/names.ts';

export const chip = defineCommand({
  name: 'chip',
  description: {
    en: 'Facts and sources for a Chinese AI-chip vendor or chip',
    'zh-CN': '查看中国AI芯片厂商或芯片的资料与来源',
    de: 'Fakten und Quellen zu einem chinesischen KI-Chip-Hersteller oder Chip',
  },
  options: [
    stringOption('name', {
      description: { en: 'Vendor or chip, e.g. alibaba, 寒武纪, ascend 910c', 'zh-CN': '厂商或芯片，例如 alibaba、寒武纪、昇腾910C', de: 'Hersteller oder Chip, z. B. alibaba, ascend 910c' },
      required: true,
      positional: 'rest',
      autocomplete: 'entity',
      maxLength: 100,
      example: 'alibaba',
    }),
  ],
  permission: 'everyone',
  visibility: 'public',
  examples: ['/chip alibaba', '/chip 寒武纪', '/chip ascend 910c'],
  handler(ctx, { name }) {
    const { lang } = ctx;
    const q = resolveQuery(ctx.app.db, name);
    // Several matches: offer them as buttons instead of refusing ("/chip 910" → 910, 910B, 910C …).
    if (q.kind === 'choices')
      return reply(t(lang, 'chip.choices', { query: name.length > 40 ? `${name.slice(0, 40)}…` : name, n: String(q.rows.length), labels: joinList(lang, q.labels) }), {
        visibility: 'ephemeral',
        actions: q.rows.map((r, i) => ({ label: q.labels[i]!.slice(0, 80), command: `/chip ${r.slug}` })),
      });
    const found = q.kind === 'one' ? q.entity : resolveEntity(ctx.app.db, name);
    if (found.kind === 'vendor') {
      const v = found.vendor;
      const chips = chipsOfVendor(ctx.app.db, v.slug);
      const news = latestStoriesForVendor(ctx.app.db, v.slug, 3);
      const flagship = flagshipOf(ctx.app.db, v.slug);
      const base = baselineChip(ctx.app.db);
      const actions = [
        { label: t(lang, 'action.moreNews'), command: `/news ${v.slug}` },
        ...(flagship && base && flagship.slug !== base.slug ? [{ label: t(lang, 'compare.versus', { a: nameIn(lang, flagship), b: nameIn(lang, base) }).slice(0, 80), command: `/compare ${flagship.slug} ${base.slug}` }] : []),
        { label: t(lang, 'action.subscribe'), command: `/subscribe ${v.slug}`, style: 'primary' as const },
      ];
      // Stories per week over 26 weeks, drawn under the latest news (or under the vendor card without news).
      const cards = vendorCards(v, chips, news, base, lang);
      const last = cards.length - 1;
      cards[last] = { ...cards[last]!, chart: cachedWeeklyChartSpec(ctx.app.db, { slug: v.slug, name: nameIn(lang, v) }, ctx.app.now().getTime(), lang) };
      return reply(t(lang, 'vendor.text', { title: vendorTitle(v, lang), n: chips.length }), { cards, actions });
    }
    const { chip: c, vendor } = found;
    // The spec card depends on the catalog alone: build it once per catalog load. The news under it
    // changes with every feed poll, so it is read fresh on each call (one short walk down story_chips' key).
    const spec = memoForCatalog(ctx.app.db, `chip-spec:${lang}:${c.slug}`, () => {
      const base = baselineChip(ctx.app.db);
      const actions = [
        ...(base && base.slug !== c.slug ? [{ label: t(lang, 'action.compareWith', { name: nameIn(lang, base) }).slice(0, 80), command: `/compare ${c.slug} ${base.slug}` }] : []),
        { label: t(lang, 'action.overview', { name: nameIn(lang, vendor) }).slice(0, 80), command: `/chip ${vendor.slug}` },
      ];
      const { chips } = catalogOf(ctx.app.db);
      const parts = (c.contains ?? []).map((p) => chips.get(p.chip)).filter((x) => x !== undefined);
      for (const p of parts) actions.push({ label: nameIn(lang, p).slice(0, 80), command: `/chip ${p.slug}` });
      return { text: t(lang, 'chip.text', { title: chipTitle(c, lang), vendor: nameIn(lang, vendor) }), card: chipCard(c, vendor, base, parts, lang), actions: actions.slice(0, 5) };
    });
    const stories = latestStoriesForChip(ctx.app.db, c.slug, 3);
    // "More news" only when there is some, and only where it fits (a system's part links come first).
    const actions = stories.length && spec.actions.length < 5 ? [...spec.actions, { label: t(lang, 'action.moreNews'), command: `/news ${c.slug}` }] : spec.actions;
    return reply(spec.text, { cards: [spec.card, newsCard(c, stories, lang)], actions });
  },
});
