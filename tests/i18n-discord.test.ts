// Answers in the reader's language through the real discord.js against the fake Discord: the interaction's
// `locale` picks the language (then the server's guild_locale, then English); channel posts (digests)
// use the channel's language, set with /subscribe … lang: or taken from the subscriber.
import { Locale } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordRig, type DiscordRig } from './fakes/discord/harness.ts';
import { chatInput, snowflake, stringOpt, type Where } from './fakes/discord/fixtures.ts';
import { deliveryTestApp } from './fakes/delivery-app.ts';
import { insertStory } from './fakes/stories.ts';
import { createDigestScheduler } from '../src/delivery/scheduler.ts';
import { createOutboxWorker } from '../src/delivery/worker.ts';

let rig: DiscordRig;
beforeAll(async () => {
  rig = await startDiscordRig({ adapter: { deferAfterMs: 2000 } });
});
afterAll(async () => {
  await rig?.close();
  expect(rig?.rejections ?? []).toEqual([]);
});

interface Embed {
  title: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
}
interface Answer {
  embeds: Embed[];
  components?: { components: { label: string }[] }[];
}

async function chip(name: string, where: Partial<Where>): Promise<{ data: Answer; text: string; labels: string[] }> {
  const cb = await rig.fake.interact(chatInput(rig.fake.appId, 'chip', [stringOpt('name', name)], { ...rig.where, ...where }));
  const data = cb.body.data as unknown as Answer;
  const labels = (data.components ?? []).flatMap((r) => r.components.map((c) => c.label));
  return { data, text: JSON.stringify(data), labels };
}

function fieldNames(a: Answer): string[] {
  return a.embeds.flatMap((e) => (e.fields ?? []).map((f) => f.name));
}

describe('/chip alibaba', () => {
  it('from a zh-CN user answers in Simplified Chinese', async () => {
    const { data, text, labels } = await chip('alibaba', { locale: Locale.ChineseCN });
    expect(data.embeds[0]!.title).toMatch(/^阿里巴巴（平头哥） · Alibaba/);
    expect(fieldNames(data)).toEqual(expect.arrayContaining(['总部', '母公司', '成立时间', '上市情况', '美国实体清单']));
    expect(data.embeds[0]!.footer?.text).toMatch(/^截至 \d{4}年\d{1,2}月\d{1,2}日（最近审核）。 除标注（报道）/);
    expect(data.embeds.at(-1)!.title).toBe('最新新闻：阿里巴巴（平头哥）');
    expect(labels).toEqual(expect.arrayContaining(['更多新闻', '为本频道订阅']));
    expect(text).toContain('（报道）');
    expect(fieldNames(data)).toContain('来源');
    expect(text).not.toContain('Latest news');
  });

  it('from a zh-TW user answers in Traditional Chinese, with Taiwan terms', async () => {
    const { data, text, labels } = await chip('alibaba', { locale: Locale.ChineseTW });
    expect(data.embeds[0]!.title).toMatch(/^阿里巴巴（平頭哥） · Alibaba/);
    expect(fieldNames(data)).toEqual(expect.arrayContaining(['總部', '母公司', '成立時間', '上市情況', '美國實體清單']));
    expect(data.embeds.at(-1)!.title).toBe('最新新聞：阿里巴巴（平頭哥）');
    expect(labels).toEqual(expect.arrayContaining(['更多新聞', '為本頻道訂閱']));
    expect(text).toContain('（報導）');
    // Nothing Simplified left from the catalog (the chip table's figures and sourced notes aside).
    for (const simplified of ['头', '总部', '报道', '新闻', '芯片']) expect(text).not.toContain(simplified);
  });

  it('from a de user answers in German, with German dates', async () => {
    const { data, text, labels } = await chip('alibaba', { locale: Locale.German });
    expect(data.embeds[0]!.title).toMatch(/^Alibaba \\?\(T-Head\\?\) · 阿里巴巴（平头哥）/);
    expect(fieldNames(data)).toEqual(expect.arrayContaining(['Hauptsitz', 'Muttergesellschaft', 'Gegründet', 'Börsennotierung', 'US-Entity-List']));
    expect(data.embeds[0]!.footer?.text).toMatch(/^Stand: \d{2}\.\d{2}\.\d{4} \(letzte Prüfung\)\. Angaben stammen vom Hersteller/);
    expect(data.embeds.at(-1)!.title).toBe('Neueste Nachrichten: Alibaba \\(T-Head\\)');
    expect(labels).toEqual(expect.arrayContaining(['Mehr Nachrichten', 'Diesen Kanal abonnieren']));
    expect(text).toContain('(berichtet)');
    expect(fieldNames(data)).toContain('Quellen');
    expect(text).not.toContain('Latest news');
  });

  it('from a user whose language chipwatch does not speak, in the server’s language', async () => {
    const { data } = await chip('alibaba', { locale: Locale.French, guildLocale: Locale.German });
    expect(fieldNames(data)).toContain('Hauptsitz');
  });

  it('in English by default, as before', async () => {
    const { data, labels } = await chip('alibaba', { locale: Locale.French });
    expect(fieldNames(data)).toContain('Headquarters');
    expect(labels).toContain('More news');
  });
});

describe('/chip ascend 910c', () => {
  it('names the chip and its figures in the reader’s language', async () => {
    const zh = await chip('ascend 910c', { locale: Locale.ChineseCN });
    expect(zh.data.embeds[0]!.title).toMatch(/^昇腾910C \\?\(Ascend 910C\\?\)/);
    expect(fieldNames(zh.data)).toEqual(expect.arrayContaining(['年份', '状态', '制程', '内存', '带宽']));
    const tw = await chip('ascend 910c', { locale: Locale.ChineseTW });
    expect(tw.data.embeds[0]!.title).toMatch(/^昇騰910C/);
    expect(fieldNames(tw.data)).toEqual(expect.arrayContaining(['狀態', '製程', '記憶體', '頻寬']));
    expect(fieldNames(tw.data).find((n) => n.startsWith('對比'))).toMatch(/輝達H20/);
    const de = await chip('ascend 910c', { locale: Locale.German });
    expect(fieldNames(de.data)).toEqual(expect.arrayContaining(['Jahr', 'Speicher', 'Bandbreite', 'Leistung \\(TDP\\)']));
  });
});

describe('refusals', () => {
  it('an unknown name is refused in the reader’s language', async () => {
    const { text } = await chip('zzzzqqq', { locale: Locale.ChineseCN });
    expect(text).toContain('没有名为');
    expect(text).toContain('试试 /chip');
  });
});

describe('channel posts in the channel’s language', () => {
  let drig: DiscordRig;
  let clock = Date.parse('2026-11-30T06:00:00Z');
  beforeAll(async () => {
    const app = deliveryTestApp({ now: () => new Date(clock) });
    drig = await startDiscordRig({ app, fake: { guilds: [{ id: snowflake(), name: 'Chips', channelIds: [snowflake(), snowflake()] }] } });
  });
  afterAll(async () => {
    await drig?.close();
    drig?.app.db.close();
    expect(drig?.rejections ?? []).toEqual([]);
  });

  const where = (channelId: string, locale: Locale): Where => ({ guildId: drig.where.guildId, channelId, permissions: '16', locale });
  const answer = async (name: string, options: ReturnType<typeof stringOpt>[], w: Where) => JSON.stringify((await drig.fake.interact(chatInput(drig.fake.appId, name, options, w))).body.data);

  it('a digest for a channel set to de is German, whoever set it up', async () => {
    const channelId = drig.fake.guilds[0]!.channelIds[0]!;
    // An English-speaking manager subscribes the channel for German readers.
    const confirm = await answer('subscribe', [stringOpt('vendors', 'huawei'), stringOpt('lang', 'de')], where(channelId, Locale.EnglishUS));
    expect(confirm).toContain('Subscribed: this channel follows Huawei');
    expect(confirm).toContain('Posts here are in Deutsch.');
    insertStory(drig.app.db, { title: 'Huawei ships Ascend 950PR samples', vendors: ['huawei'], publishedAt: clock - 3600_000 });
    insertStory(drig.app.db, { title: '华为昇腾950PR开始送样', vendors: ['huawei'], publishedAt: clock - 7200_000, outlet: '集微网' });

    clock = Date.parse('2026-11-30T09:01:00Z'); // past the default 09:00 UTC digest
    const posted = drig.fake.next<{ channelId: string; body: { content?: string; embeds: { title: string; description?: string }[]; components?: { components: { label: string }[] }[] } }>(
      'channelMessage',
      (m) => m.channelId === channelId,
    );
    expect(createDigestScheduler(drig.app, { platforms: ['discord'] }).tick().queued).toBe(1);
    const worker = createOutboxWorker(drig.app, { posters: [drig.adapter.poster], idleMs: 50 });
    await worker.start();
    await worker.drained();
    await worker.stop();
    const m = await posted;
    expect(m.body.content).toMatch(/^Chip-Nachrichten, Mo\., 30\. Nov\. 2026: 2 Meldungen zu Huawei \\?\(Ascend\\?\)\.\n/);
    expect(m.body.embeds[0]!.title).toMatch(/^Huawei \\?\(Ascend\\?\) · 华为（昇腾）$/);
    expect(m.body.embeds[0]!.description).toContain('Test Wire · 30. Nov., 05:00');
    // Story titles stay as published.
    expect(m.body.embeds[0]!.description).toContain('华为昇腾950PR开始送样');
    expect(m.body.components?.[0]?.components.map((c) => c.label)).toEqual(['Abos']);
  });

  it('a new subscription takes the subscriber’s language; /subscriptions shows it in the reader’s', async () => {
    const channelId = drig.fake.guilds[0]!.channelIds[1]!;
    const confirm = await answer('subscribe', [stringOpt('vendors', 'cambricon')], where(channelId, Locale.ChineseCN));
    expect(confirm).toContain('已订阅：本频道关注 寒武纪。');
    expect(confirm).toContain('本频道的推送使用简体中文。');
    const shown = await answer('subscriptions', [], where(channelId, Locale.German));
    expect(shown).toContain('"name":"Sprache","value":"简体中文"');
    expect(shown).toContain('"title":"Nachrichten-Abo dieses Kanals"');
    expect(shown).toMatch(/"name":"Zusammenfassung","value":"täglich um 09:00 UTC; nächste Di\., 1\. Dez\., 09:00 \\\\\(in 23 Stunden\\\\\)"/);
  });
});
