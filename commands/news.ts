// /news [vendor] [words…] [topic:] [days:] [lang:] [source:] [page:]: the latest story clusters, newest
// first, ten per page with a "More" button. Each line is a cluster's first report with outlet, date,
// language, topics, a provenance marker and "also covered by". Words are searched as plain text.
// why:true (channel managers only, answered privately) adds to each line why the story has its tags.
import { defineCommand } from '../src/core/command.ts';
import { booleanOption, choiceOption, integerOption, stringOption } from '../src/core/options.ts';
import { reply, type Action, type LinkItem } from '../src/core/reply.ts';
import { UserError } from '../src/core/errors.ts';
import { quoteValue } from '../src/core/text-parser.ts';
import { findEntities, resolveEntity, suggest } from '../src/catalog/resolve.ts';
import { TOPICS, TOPIC_IDS, type TopicId } from '../src/news/topics.ts';
import { PROVENANCE_LABEL, type Provenance } from '../src/news/topic-rules.ts';
import { searchNews, type ClusterView } from '../src/news/search.ts';
import { explainStory, plainPhrase, reasonParts, storyById } from '../src/news/explain-story.ts';
import { requireManageChannel } from '../src/core/permission.ts';
import type { Db } from '../src/store/db.ts';
import type { Lang } from '../src/i18n/locale.ts';
import { t, type MessageKey } from '../src/i18n/t.ts';
import { formatDate, joinList } from '../src/i18n/intl.ts';
import { nameIn } from '../src/i18n/names.ts';

export const NEWS_PAGE_SIZE = 10;
const SOURCE_CHOICES = ['official', 'press', 'unnamed'] as const;
const SOURCE_TO_PROVENANCE: Record<(typeof SOURCE_CHOICES)[number], Provenance> = { official: 'official', press: 'trade', unnamed: 'unnamed-sources' };
const TOPIC_LABEL = new Map<string, string>(TOPICS.map((t) => [t.id, t.label]));

/** A topic's label in the reader's language (English from TOPICS, the others from the catalog). */
function topicLabel(lang: Lang, id: string): string {
  return lang === 'en' ? (TOPIC_LABEL.get(id) ?? id) : t(lang, `topic.${id}` as MessageKey);
}

type Subject = { kind: 'vendor' | 'chip'; slug: string; label: string } | null;

/**
 * The leading words that name a vendor or chip ("huawei", "moore threads", "ascend 910c"), or "all";
 * the rest are search words. When the first word names nothing and is close to no name, it is a search
 * word too ("/news export controls"); a near miss ("alibab") asks "did you mean".
 */
function subjectOf(db: Db, first: string | undefined, rest: string | undefined, lang: Lang): { subject: Subject; words: string | undefined } {
  // No first word: everything came as query:"…", which is never a name.
  if (!first) return { subject: null, words: rest?.trim() || undefined };
  const tokens = [first, ...(rest ?? '').split(/\s+/)].filter((t): t is string => Boolean(t));
  if (tokens[0]!.toLowerCase() === 'all') return { subject: null, words: tokens.slice(1).join(' ') || undefined };
  for (let k = Math.min(4, tokens.length); k >= 1; k--) {
    const name = tokens.slice(0, k).join(' ');
    if (!findEntities(db, name).length) continue;
    const e = resolveEntity(db, name); // throws for an ambiguous name
    const subject: Subject =
      e.kind === 'vendor' ? { kind: 'vendor', slug: e.vendor.slug, label: nameIn(lang, e.vendor) } : { kind: 'chip', slug: e.chip.slug, label: nameIn(lang, e.chip) };
    return { subject, words: tokens.slice(k).join(' ') || undefined };
  }
  const word = tokens[0]!;
  // One or two letters (or one Chinese character) are too short to guess a name from.
  const guessable = /\p{Script=Han}{2}/u.test(word) || word.length >= 3;
  const near = guessable ? suggest(db, word) : [];
  if (near.length) {
    const values = { query: word.length > 40 ? `${word.slice(0, 40)}…` : word, near: near.join(', ') };
    throw new UserError('NOT_FOUND', t('en', 'error.notFoundNear', values), t('en', 'newsc.queryHint'), { message: { key: 'error.notFoundNear', values }, hint: { key: 'newsc.queryHint' } });
  }
  return { subject: null, words: tokens.join(' ') };
}

function dateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Longest reason line: with the meta line it stays inside a Slack item (300) and reads at a glance. */
export const WHY_MAX_CHARS = 200;

/** `huawei ← "Huawei" (title) · nvidia (mentioned) ← "NVIDIA" (lead) · launch ← "unveils" (title)`, from today's tagger. */
function whyLine(db: Db, storyId: number, lang: Lang): string {
  const s = storyById(db, storyId);
  const parts = s ? reasonParts(explainStory(db, s.title, s.summary)) : [];
  if (!parts.length) return t(lang, 'newsc.whyNone');
  const reasons = parts
    .map((p) => `${p.tag}${p.mention ? ` (${t(lang, 'newsc.whyMention')})` : ''} ← "${plainPhrase(p.phrase)}" (${t(lang, `newsc.place.${p.place}`)})`)
    .join(' · ');
  const line = t(lang, 'newsc.why', { reasons });
  return line.length > WHY_MAX_CHARS ? `${line.slice(0, WHY_MAX_CHARS - 1)}…` : line;
}

function itemOf(c: ClusterView, lang: Lang): LinkItem {
  const s = c.story;
  const topics = c.topics.map((id) => topicLabel(lang, id));
  const outlets = joinList(lang, c.alsoCoveredBy.slice(0, 3));
  const also = c.alsoCoveredBy.length
    ? c.alsoCoveredBy.length > 3
      ? t(lang, 'newsc.alsoMore', { outlets, n: String(c.alsoCoveredBy.length - 3) })
      : t(lang, 'newsc.also', { outlets })
    : '';
  const provenance = lang === 'en' ? PROVENANCE_LABEL[s.provenance] : t(lang, `provenance.${s.provenance}` as MessageKey);
  // The title stays as published: a story is quoted, not translated.
  const meta = [s.outlet, formatDate(lang, dateOf(s.publishedAt)), s.lang, joinList(lang, topics), provenance, also].filter(Boolean).join(' · ');
  return { title: s.title, url: s.url, meta };
}

export const news = defineCommand({
  name: 'news',
  description: {
    en: 'Latest news on China’s AI chips: by vendor, words, topic, days, language',
    'zh-CN': '中国AI芯片最新新闻：可按厂商、关键词、主题、天数、语言筛选',
    de: 'Neueste Nachrichten zu Chinas KI-Chips: nach Hersteller, Stichwort, Thema, Tagen, Sprache',
  },
  options: [
    stringOption('vendor', {
      description: { en: 'Vendor or chip (or all)', 'zh-CN': '厂商或芯片（或 all）', de: 'Hersteller oder Chip (oder all)' },
      positional: true,
      autocomplete: 'vendor-or-all',
      maxLength: 100,
      example: 'huawei',
    }),
    stringOption('query', {
      description: { en: 'Words to search for', 'zh-CN': '搜索关键词', de: 'Suchwörter' },
      positional: 'rest',
      maxLength: 200,
      example: 'yield',
    }),
    choiceOption('topic', {
      description: { en: 'Only this topic', 'zh-CN': '仅此主题', de: 'Nur dieses Thema' },
      choices: TOPIC_IDS,
      autocomplete: 'topic',
    }),
    integerOption('days', { description: { en: 'Only the last N days', 'zh-CN': '仅最近N天', de: 'Nur die letzten N Tage' }, min: 1, max: 3650 }),
    choiceOption('lang', { description: { en: 'Only stories in this language', 'zh-CN': '仅此语言', de: 'Nur in dieser Sprache' }, choices: ['en', 'zh', 'de'] as const }),
    choiceOption('source', {
      description: { en: 'Only official, press, or unnamed-source reports', 'zh-CN': '仅官方、媒体或匿名消息来源', de: 'Nur offizielle, Presse- oder anonyme Quellen' },
      choices: SOURCE_CHOICES,
    }),
    integerOption('page', { description: { en: 'Page', 'zh-CN': '页码', de: 'Seite' }, min: 1, max: 50 }),
    booleanOption('why', {
      description: {
        en: 'Show why each story has its tags (channel managers)',
        'zh-CN': '显示每条新闻为何带有这些标签（频道管理员）',
        de: 'Zeigen, warum jede Meldung ihre Schlagwörter hat (Kanalverwalter)',
      },
    }),
  ],
  permission: 'everyone',
  visibility: 'public',
  examples: ['/news huawei', '/news 寒武纪 topic:earnings', '/news nvidia h20 days:30', '/news all lang:de'],
  async handler(ctx, o) {
    const db = ctx.app.db;
    const { lang } = ctx;
    // Checked here, not by `permission`: everyone may read /news, only a channel manager sees the tagger's reasons.
    if (o.why) await requireManageChannel(ctx.capabilities, 'use /news why:true', { lang, key: 'newsc.whyForbidden' });
    const { subject, words } = subjectOf(db, o.vendor, o.query, lang);
    const page = o.page ?? 1;
    const result = searchNews(db, {
      ...(subject?.kind === 'vendor' ? { vendor: subject.slug } : {}),
      ...(subject?.kind === 'chip' ? { chip: subject.slug } : {}),
      ...(words ? { text: words } : {}),
      ...(o.topic ? { topic: o.topic as TopicId } : {}),
      ...(o.days ? { days: o.days } : {}),
      ...(o.lang ? { lang: o.lang } : {}),
      ...(o.source ? { provenance: SOURCE_TO_PROVENANCE[o.source] } : {}),
      page,
      pageSize: NEWS_PAGE_SIZE,
      now: ctx.app.now().getTime(),
    });
    const filters = [
      words ? t(lang, 'newsc.words', { words }) : '',
      o.topic ? t(lang, 'newsc.topic', { topic: topicLabel(lang, o.topic) }) : '',
      o.days ? t(lang, 'newsc.days', { n: o.days, count: String(o.days) }) : '',
      o.lang ? t(lang, `newsc.lang.${o.lang}`) : '',
      o.source ? t(lang, 'newsc.source', { source: o.source }) : '',
    ].filter(Boolean);
    const subjectName = subject ? subject.label : t(lang, 'newsc.allSubject');
    const title = page > 1 ? t(lang, 'newsc.titlePage', { subject: subjectName, page: String(page) }) : t(lang, 'newsc.title', { subject: subjectName });
    if (result.emptyQuery) throw new UserError('BAD_QUERY', t('en', 'newsc.emptyQuery', { words: words ?? '' }), undefined, { message: { key: 'newsc.emptyQuery', values: { words: words ?? '' } } });
    if (!result.clusters.length) {
      const about: Record<string, string> = subject ? { subject: subject.label } : {};
      const matches = { ...about, filters: lang === 'en' ? filters.join(', ') : joinList(lang, filters) };
      const text =
        page > 1
          ? t(lang, subject ? 'newsc.noMoreAbout' : 'newsc.noMore', about)
          : filters.length
            ? t(lang, subject ? 'newsc.noneAboutMatch' : 'newsc.noneMatch', matches)
            : t(lang, subject ? 'newsc.noneAboutYet' : 'newsc.noneYet', about);
      return reply(text, {
        ...(o.why ? { visibility: 'ephemeral' as const } : {}),
        cards: [{ title, description: `${text}${filters.length ? t(lang, 'newsc.tryFewer') : t(lang, 'newsc.appearHint')}` }],
      });
    }
    // The "More" button runs this line again: quoteValue writes the words so the parser reads them back exactly.
    const args = [
      subject ? subject.slug : '',
      words ? `query:${quoteValue(words)}` : '',
      o.topic ? `topic:${o.topic}` : '',
      o.days ? `days:${o.days}` : '',
      o.lang ? `lang:${o.lang}` : '',
      o.source ? `source:${o.source}` : '',
      o.why ? 'why:true' : '',
    ].filter(Boolean);
    const actions: Action[] = result.hasMore ? [{ label: t(lang, 'newsc.more'), command: ['/news', ...args, `page:${page + 1}`].join(' ') }] : [];
    const n = result.clusters.length;
    const counted = { n, count: String(n), paged: page > 1 ? 'yes' : 'no', page: String(page) };
    return reply(t(lang, subject ? 'newsc.countAbout' : 'newsc.count', subject ? { ...counted, subject: subject.label } : counted), {
      // Operator detail goes to the asker only, not to the whole channel.
      ...(o.why ? { visibility: 'ephemeral' as const } : {}),
      cards: [
        {
          title,
          ...(filters.length ? { description: filters.join(' · ') } : {}),
          items: result.clusters.map((c) => {
            const item = itemOf(c, lang);
            return o.why ? { ...item, meta: `${item.meta}\n${whyLine(db, c.story.id, lang)}` } : item;
          }),
          footer: t(lang, 'newsc.footer', { size: String(NEWS_PAGE_SIZE) }),
        },
      ],
      actions,
    });
  },
});
