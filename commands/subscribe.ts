// /subscribe <vendor…|all> [mode:realtime|digest] [topics:…] [exclude:words]: this channel follows vendors'
// news, as a daily digest (default, 09:00 UTC until /digest changes it) or in real time. Repeating it adds
// vendors and replaces the options given; it also resumes a channel paused by a delivery problem.
import { defineCommand } from '../src/core/command.ts';
import { choiceOption, stringOption } from '../src/core/options.ts';
import { reply } from '../src/core/reply.ts';
import { parseExclude, parseTopics, parseVendorList } from '../src/delivery/parse.ts';
import { getSubscription, subscribe as subscribeChannel } from '../src/delivery/subscriptions.ts';
import { subscriptionFields, vendorNames } from '../src/delivery/describe.ts';
import { targetOf } from '../src/delivery/target.ts';
import { langOfChoice, langOption } from '../src/i18n/lang-option.ts';
import { t } from '../src/i18n/t.ts';
import { langName } from '../src/delivery/describe.ts';

export const subscribe = defineCommand({
  name: 'subscribe',
  description: {
    en: "Follow vendors' news in this channel (daily digest or real-time)",
    'zh-CN': '在本频道订阅厂商新闻（每日摘要或实时）',
    de: 'Nachrichten zu Herstellern in diesem Kanal abonnieren (Tageszusammenfassung oder sofort)',
  },
  options: [
    stringOption('vendors', {
      description: { en: 'Vendors, e.g. huawei cambricon, or all', 'zh-CN': '厂商，例如 huawei cambricon，或 all', de: 'Hersteller, z. B. huawei cambricon, oder all' },
      required: true,
      positional: 'rest',
      autocomplete: 'vendor-or-all',
      example: 'huawei',
    }),
    choiceOption('mode', {
      description: { en: 'digest: once a day; realtime: as stories arrive', 'zh-CN': 'digest：每日一次；realtime：实时', de: 'digest: täglich; realtime: sofort' },
      choices: ['realtime', 'digest'] as const,
    }),
    stringOption('topics', {
      description: { en: 'Only these topics, e.g. launch,export-controls', 'zh-CN': '仅这些主题，例如 launch,export-controls', de: 'Nur diese Themen, z. B. launch,export-controls' },
      autocomplete: 'topic',
      example: 'launch,funding',
    }),
    stringOption('exclude', {
      description: { en: 'Skip stories containing any of these words (comma-separated; none clears)', 'zh-CN': '排除包含这些词的新闻（逗号分隔；none 清除）', de: 'Meldungen mit diesen Wörtern auslassen (kommagetrennt; none löscht)' },
      example: 'rumor,stock',
    }),
    langOption,
  ],
  permission: 'manage-channel',
  visibility: 'public',
  examples: ['/subscribe huawei cambricon', '/subscribe all mode:realtime topics:launch', '/subscribe moore threads exclude:stock,rumor'],
  handler(ctx, { vendors, mode, topics, exclude, lang: langChoice }) {
    const db = ctx.app.db;
    const { lang } = ctx;
    const list = parseVendorList(db, vendors);
    const topicList = topics !== undefined ? (/^\s*(all|none)\s*$/i.test(topics) ? [] : parseTopics(topics)) : undefined;
    const excludeList = exclude !== undefined ? parseExclude(exclude) : undefined;
    const target = targetOf(ctx);
    const before = getSubscription(db, target);
    const now = ctx.app.now().getTime();
    // The channel's post language: as given, else (for a new subscription) the subscriber's own.
    const postLang = langChoice ? langOfChoice(langChoice) : before ? undefined : ctx.lang;
    const sub = subscribeChannel(
      db,
      target,
      {
        ...(list.all ? { allVendors: true } : { addVendors: list.vendors }),
        ...(mode ? { mode } : {}),
        ...(topicList ? { topics: topicList } : {}),
        ...(excludeList ? { exclude: excludeList } : {}),
        ...(postLang ? { lang: postLang } : {}),
      },
      now,
    );
    const names = vendorNames(db, sub, lang);
    // English channels say nothing new about language (as before); others are told which one posts use.
    const langNote = langChoice || (!before && sub.lang !== 'en') ? [t(lang, 'sub.langNote', { language: langName(sub.lang) })] : [];
    const lines = [
      t(lang, before ? 'sub.updated' : 'sub.subscribed', { names }),
      ...(lang === 'en' ? list.notes : list.noteTexts.map((n) => t(lang, n.key, n.values))),
      ...(before?.pausedReason ? [t(lang, 'sub.resumed', { reason: before.pausedReason })] : []),
      ...langNote,
    ];
    return reply(lines.join(' '), {
      cards: [{ title: t(lang, 'sub.title'), description: lines.join('\n'), fields: subscriptionFields(db, sub, now, lang) }],
      actions: [
        { label: t(lang, 'sub.previewAction'), command: '/digest preview' },
        ...(sub.mode === 'digest' ? [{ label: t(lang, 'sub.shanghaiAction'), command: '/digest time:08:00 tz:Asia/Shanghai' }] : []),
      ],
    });
  },
});
