// Every command's answers (success and each refusal) in all four languages: no message key missing, no
// English left where a translation exists, and every Discord and Slack body within the platforms' limits
// (Discord's checked by the fake's own checker, Slack's against Block Kit's documented numbers).
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { testApp, canManage } from './helpers/app.ts';
import { dispatch } from '../src/core/dispatcher.ts';
import type { Caller, CapabilityProbe } from '../src/core/context.ts';
import type { Reply } from '../src/core/reply.ts';
import { renderReply as renderDiscord } from '../src/adapters/discord/render.ts';
import { renderReply as renderSlack } from '../src/adapters/slack/render.ts';
import { renderReply as renderConsole } from '../src/adapters/console/render.ts';
import { checkMessageBody } from './fakes/discord/server.ts';
import { LANGS, type Lang } from '../src/i18n/locale.ts';
import { CATALOGS } from '../src/i18n/t.ts';
import { catalogOf } from '../src/catalog/load.ts';

// The lines run in order in one channel per language: subscription refusals first, then the flow.
const LINES = [
  '/help',
  '/chip alibaba',
  '/chip ascend 910c',
  '/chip cloudmatrix 384',
  '/chip 910',
  '/chip zzzzqqq',
  '/chip',
  '/chip alibaba colour:red',
  '/nope',
  '/chp alibaba',
  '/compare ascend-910c h20 mlu590 t-head-ppu',
  '/compare smic h20',
  '/compare h20 nvidia h20',
  '/news huawei',
  '/news all lang:zh topic:launch',
  '/news huawei page:2',
  '/news huawei days:1 topic:fabs',
  '/news alibab',
  '/news query:"!!!"',
  '/news days:abc',
  '/subscriptions',
  '/digest',
  '/unsubscribe huawei',
  '/subscribe huawei cambricon topics:launch,funding exclude:rumor',
  '/subscriptions',
  '/digest preview',
  '/digest time:08:00 tz:Asia/Shanghai quiet:notice',
  '/digest lang:de',
  '/digest preview time:08:00',
  '/unsubscribe moore threads',
  '/unsubscribe cambricon',
  '/subscribe all mode:realtime',
  '/unsubscribe huawei',
  '/unsubscribe all',
  '/subscribe nosuchvendorxyz',
  '/subscribe all huawei',
  '/subscribe huawei topics:nosuch',
  '/subscribe ascend 910c',
  '/digest time:25:99',
  '/digest tz:Mars/Base',
  '/news 华',
  '/compare a "b',
  '/compare a b c d e f',
];
const FORBIDDEN_LINES = ['/subscribe huawei', '/digest off'];

const cannot: CapabilityProbe = async () => ({ manageChannel: false, missing: 'You need the Manage Channels permission in this channel (or ask someone who has it).', missingKey: 'caps.discordManage' });

let app: App;
const answers = new Map<Lang, Map<string, Reply>>();

beforeAll(async () => {
  app = testApp({ now: () => new Date('2026-11-30T12:00:00Z') });
  for (const lang of LANGS) {
    const caller: Caller = { platform: 'console', workspaceId: 'console', channelId: `i18n-${lang}`, userId: 'tester', locale: lang };
    const got = new Map<string, Reply>();
    for (const line of LINES) got.set(line, await dispatch(app, caller, canManage, { kind: 'text', line }));
    for (const line of FORBIDDEN_LINES) got.set(`forbidden ${line}`, await dispatch(app, { ...caller, channelId: `i18n-x-${lang}` }, cannot, { kind: 'text', line }));
    answers.set(lang, got);
  }
});

/** The words a reply's own labels use: titles, field names, footers, button labels, table heads, the text. */
function uiText(r: Reply): string[] {
  return [
    r.text,
    ...r.actions.map((a) => a.label),
    ...r.cards.flatMap((c) => [c.title, c.footer ?? '', ...(c.fields ?? []).map((f) => f.name), ...(c.table?.columns ?? [])]),
  ];
}

describe('every command answers in every language', () => {
  it('nothing crashed: no answer is the internal-error apology', () => {
    for (const [lang, got] of answers) for (const [line, r] of got) expect(r.error?.code, `${lang} ${line}: ${r.text}`).not.toBe('INTERNAL');
  });

  it('the flow did what it should (successes succeed, refusals refuse) the same way in every language', () => {
    const shape = (lang: Lang) => [...answers.get(lang)!].map(([line, r]) => `${line} → ${r.error?.code ?? 'ok'}`);
    for (const lang of LANGS) expect(shape(lang)).toEqual(shape('en'));
    expect(shape('en')).toContain('/subscribe huawei cambricon topics:launch,funding exclude:rumor → ok');
    expect(shape('en')).toContain('forbidden /subscribe huawei → FORBIDDEN');
    expect(shape('en')).toContain('/chip zzzzqqq → NOT_FOUND');
  });

  // English words the UI may show in any language: names from the catalog, units, option syntax, data.
  const names = () => {
    const { vendors, chips } = catalogOf(app.db);
    return [...vendors.values(), ...chips.values()].map((x) => x.name.en);
  };
  const ALLOWED = /\b(chipwatch|NVIDIA|FP16|BF16|INT8|TDP|TFLOPS|TOPS|HBM\w*|LPDDR\w*|GDDR\w*|GB|TB|nm|UTC|Asia|Shanghai|yes|no|Node|Status|Chip|Chips|System|Option|Training|vs|Feeds?|Ref|US|Entity|List|Sources?)\b/g;
  const uiVocabulary = new Set(Object.values(CATALOGS.en).flatMap((m) => m.match(/\b[A-Za-z]{4,}\b/g) ?? []));

  // What a user types is never translated: option names, choices and the words of the commands' examples.
  const typed = () =>
    new Set(
      app.commands.flatMap((c) => [
        ...c.options.flatMap((o) => [o.name, ...(o.kind === 'string' && o.choices ? o.choices.flatMap((x) => x.split(/\W+/)) : []), ...(o.example ?? '').split(/\W+/)]),
        ...c.examples.flatMap((e) => e.split(/\s+/)),
      ]),
    );

  function englishLeft(lang: Lang): string[] {
    const known = names();
    const typedWords = typed();
    const left: string[] = [];
    for (const [line, r] of answers.get(lang)!) {
      for (let s of uiText(r)) {
        for (const n of known) s = s.split(n).join(' ');
        // What the user typed comes back quoted; command lines and option syntax are typed as they are.
        // Usage lines (<name…> [days:1-3650]) are syntax.
        // Time zones (Europe/Berlin) are IANA names.
        s = s.replace(/[“"„«「][^”"“»」]*[”"“»」]/g, ' ').replace(/\b[A-Z][a-z]+\/[A-Za-z_]+|\bIANA\b/g, ' ').replace(/<[^>]*>|\[[^\]]*\]/g, ' ').replace(/\/[a-z]+|\b[a-z-]+:\S*/g, ' ').replace(ALLOWED, ' ');
        const words = (s.match(/\b[A-Za-z]{4,}\b/g) ?? []).filter((w) => uiVocabulary.has(w) && !typedWords.has(w));
        if (words.length) left.push(`${line}: ${words.join(' ')}`);
      }
    }
    return left;
  }

  it('the check finds English in English answers (it is not vacuous)', () => {
    expect(englishLeft('en').length).toBeGreaterThan(30);
  });

  // German shares too many words with English (Status, Chip, System) to judge word by word here; the
  // catalog test checks each German message against its English one.
  it.each(['zh-CN', 'zh-TW'] as const)('%s: no English UI words left in titles, labels, buttons and texts', (lang) => {
    expect(englishLeft(lang)).toEqual([]);
  });

  it('every Discord body is one Discord accepts (the fake’s checker), in every language', () => {
    for (const [lang, got] of answers)
      for (const [line, r] of got) {
        const body = renderDiscord(r, { notify: true });
        expect(checkMessageBody(body as unknown as Record<string, unknown>), `${lang} ${line}`).toBeUndefined();
      }
  });

  it('every Slack body keeps Block Kit’s limits, in every language', () => {
    for (const [lang, got] of answers)
      for (const [line, r] of got) {
        const m = renderSlack(r);
        const why = `${lang} ${line}`;
        expect(m.text.length, why).toBeLessThanOrEqual(4000);
        expect(m.blocks.length, why).toBeLessThanOrEqual(50);
        for (const b of m.blocks as { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text?: string | { text: string } }[] }[]) {
          if (b.type === 'header') expect(b.text!.text.length, why).toBeLessThanOrEqual(150);
          if (b.type === 'section') {
            if (b.text) expect(b.text.text.length, why).toBeLessThanOrEqual(3000);
            expect(b.fields?.length ?? 0, why).toBeLessThanOrEqual(10);
            for (const f of b.fields ?? []) expect(f.text.length, why).toBeLessThanOrEqual(2000);
          }
          if (b.type === 'context') {
            expect(b.elements!.length, why).toBeLessThanOrEqual(10);
            for (const e of b.elements!) expect((e.text as string).length, why).toBeLessThanOrEqual(3000);
          }
          if (b.type === 'actions') for (const e of b.elements!) expect((e.text as { text: string }).text.length, why).toBeLessThanOrEqual(75);
        }
      }
  });

  it('the console renders every answer, CJK columns aligned by display width', () => {
    for (const [lang, got] of answers) for (const [line, r] of got) expect(renderConsole(r).length, `${lang} ${line}`).toBeGreaterThan(0);
  });

  it('Chinese and German answers name their language for the renderers; English ones stay as they were', () => {
    for (const [lang, got] of answers)
      for (const [line, r] of got) if (!r.error && r.cards.length) expect(r.lang, `${lang} ${line}`).toBe(lang === 'en' ? undefined : lang);
  });
});
