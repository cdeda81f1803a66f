// Discord input is untrusted (issue 10): a malformed INTERACTION_CREATE must be logged and answered,
// never end the process; a server interaction without `member`, or with a permissions field that is not
// a plain unsigned number, has NO permissions. Driven through the real discord.js against the fake
// Discord; each case is what a forged or broken gateway payload could carry.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { commands } from '../commands/index.ts';
import { APOLOGY, checkInteraction } from '../src/adapters/discord/interaction-guard.ts';
import type { App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { openDatabase } from '../src/store/db.ts';
import { startDiscordRig, type DiscordRig } from './fakes/discord/harness.ts';
import { buttonPress, chatInput, humanUser, snowflake, stringOpt, type Where } from './fakes/discord/fixtures.ts';
import { QUOTES } from '../src/core/text-parser.ts';
import { ingestItems } from '../src/news/ingest-items.ts';
import type { InteractionCallback } from './fakes/discord/server.ts';
import { t } from '../src/i18n/t.ts';

let rig: DiscordRig;
let where: Where;

beforeAll(async () => {
  // No catalog needed: the commands used here (help, subscribe, unsubscribe, subscriptions) do not read it.
  const app: App = { config: loadConfig({ CHIPWATCH_DB: ':memory:', LOG_LEVEL: 'silent' }), db: openDatabase(':memory:'), log: createLogger('silent'), commands, now: () => new Date() };
  rig = await startDiscordRig({ app });
  where = rig.where;
});

afterAll(async () => {
  await rig?.close();
  rig?.app.db.close();
  expect(rig?.rejections ?? []).toEqual([]);
});

type Payload = Record<string, unknown> & { id: string; token: string };
const content = (c: InteractionCallback) => String((c.body.data as { content?: string } | undefined)?.content ?? JSON.stringify(c.body.data));
const flags = (c: InteractionCallback) => Number((c.body.data as { flags?: number } | undefined)?.flags ?? 0);

/** A /name interaction in the rig's server channel, then changed by `mangle`. */
function payload(name: string, opts: Parameters<typeof chatInput>[2], w: Partial<Where>, mangle: (p: Record<string, any>) => void = () => {}): Payload {
  const p = chatInput(rig.fake.appId, name, opts, { ...where, ...w }) as unknown as Record<string, any>;
  mangle(p);
  return p as Payload;
}

/** The bot still answers an ordinary command afterwards: the process and the gateway session survived. */
async function stillAnswers(): Promise<void> {
  const ok = await rig.fake.interact(payload('help', [], {}));
  expect(ok.body.type).toBe(4);
}

describe('malformed interactions are answered with an apology, not fatal', () => {
  test('no data', async () => {
    const c = await rig.fake.interact(payload('help', [], {}, (p) => delete p.data));
    expect(c.body.type).toBe(4);
    expect(content(c)).toBe(APOLOGY);
    expect(flags(c) & 64).toBe(64);
    await stillAnswers();
    expect(rig.rejections).toEqual([]);
  });

  test('the apology is in the caller’s language (locale, then guild_locale), English when neither is ours', async () => {
    const de = await rig.fake.interact(payload('help', [], {}, (p) => (delete p.data, (p.locale = 'de'))));
    expect(content(de)).toBe(t('de', 'apology.discord'));
    expect(content(de)).toMatch(/^Entschuldigung/);
    const tw = await rig.fake.interact(payload('help', [], {}, (p) => (delete p.data, (p.locale = 'fr'), (p.guild_locale = 'zh-TW'))));
    expect(content(tw)).toBe(t('zh-TW', 'apology.discord'));
    const none = await rig.fake.interact(payload('help', [], {}, (p) => (delete p.data, (p.locale = 'fr'), (p.guild_locale = 42))));
    expect(content(none)).toBe(APOLOGY);
    await stillAnswers();
    expect(rig.rejections).toEqual([]);
  });

  test('permissions "abc"', async () => {
    const c = await rig.fake.interact(payload('unsubscribe', [stringOpt('vendors', 'all')], { permissions: 'abc' }));
    expect(content(c)).toContain('Manage Channels');
    await stillAnswers();
    expect(rig.rejections).toEqual([]);
  });

  test('app_permissions not a number, entitlements missing, options not a list', async () => {
    const a = await rig.fake.interact(payload('help', [], {}, (p) => ((p.app_permissions = 'x'), delete p.entitlements)));
    expect(a.body.type).toBe(4);
    expect(content(a)).not.toBe(APOLOGY);
    const b = await rig.fake.interact(payload('help', [], {}, (p) => (p.data.options = 'junk')));
    expect(content(b)).toBe(APOLOGY);
    expect(rig.rejections).toEqual([]);
  });

  test('no user anywhere (member without user, no top-level user)', async () => {
    const c = await rig.fake.interact(payload('help', [], {}, (p) => delete p.member.user));
    expect(content(c)).toBe(APOLOGY);
    await stillAnswers();
    expect(rig.rejections).toEqual([]);
  });

  test('a payload discord.js still cannot read gets the apology; the throw is left to the process guard', async () => {
    // A subcommand option whose own options are not a list passes the shape check but makes discord.js
    // throw while transforming options: the case the process-level guard exists for.
    const c = await rig.fake.interact(payload('help', [{ name: 'x', type: 1, options: 'junk' } as never], {}));
    expect(content(c)).toBe(APOLOGY);
    expect(rig.rejections).toHaveLength(1);
    rig.rejections.length = 0;
    await stillAnswers();
  });
});

describe('server versus DM is decided by the server id; missing or invalid permissions mean none', () => {
  const forbidden = (c: InteractionCallback) => {
    expect(flags(c) & 64).toBe(64);
    expect(content(c)).toContain('Manage Channels');
  };

  test('a subscription survives forged /unsubscribe all attempts', async () => {
    const sub = await rig.fake.interact(payload('subscribe', [stringOpt('vendors', 'all')], { permissions: '16' }));
    expect(content(sub) + JSON.stringify(sub.body)).not.toContain('Manage Channels');
    const user = humanUser(snowflake(), 'mallory');
    // Guild interaction, no member, a top-level user as in a DM: was taken for a DM and succeeded.
    forbidden(await rig.fake.interact(payload('unsubscribe', [stringOpt('vendors', 'all')], {}, (p) => ((p.user = user), delete p.member))));
    // BigInt("-1") has every bit set.
    forbidden(await rig.fake.interact(payload('unsubscribe', [stringOpt('vendors', 'all')], { permissions: '-1' })));
    forbidden(await rig.fake.interact(payload('unsubscribe', [stringOpt('vendors', 'all')], { permissions: 'abc' })));
    forbidden(await rig.fake.interact(payload('unsubscribe', [stringOpt('vendors', 'all')], { permissions: '0x10' })));
    forbidden(await rig.fake.interact(payload('unsubscribe', [stringOpt('vendors', 'all')], {}, (p) => delete p.member.permissions)));
    const list = await rig.fake.interact(payload('subscriptions', [], {}));
    expect(JSON.stringify(list.body)).not.toMatch(/not subscribed|no subscription/i);
    // And the real permission still works: the test is not refusing everything.
    const unsub = await rig.fake.interact(payload('unsubscribe', [stringOpt('vendors', 'all')], { permissions: '16' }));
    expect(content(unsub)).toContain('Unsubscribed');
    expect(rig.rejections).toEqual([]);
  });
});

describe('checkInteraction', () => {
  test('repairs permissions to none and drops a member without a user', () => {
    const p = { id: '1', token: 't', type: 2, data: { name: 'x', type: 1 }, guild_id: '2', channel_id: '3', user: { id: '4' }, member: { permissions: '1' }, app_permissions: '-1', entitlements: [] };
    const r = checkInteraction(p);
    expect(r).toEqual({ ok: true, repaired: ['member without user dropped', 'app permissions invalid: none'] });
    expect(p).not.toHaveProperty('member');
    expect(p.app_permissions).toBe('0');
  });
  test('refuses what cannot be used', () => {
    expect(checkInteraction(null)).toEqual({ ok: false, reason: 'payload is not an object' });
    expect(checkInteraction({ id: '1', token: 't', type: 2, guild_id: '2', channel_id: '3', user: { id: '4' } })).toEqual({ ok: false, reason: 'no data' });
    expect(checkInteraction({ id: '1', token: 't', type: 2, data: { name: 'x', type: 1 }, guild_id: '2', user: { id: '4' } })).toEqual({ ok: false, reason: 'server interaction without channel_id' });
    expect(checkInteraction({ id: '1', token: 't', type: 2, data: { name: 'x', type: 1 }, channel_id: '3', channel: { id: '3', type: 0 }, user: { id: '4' } })).toEqual({ ok: false, reason: 'no guild_id, but not a DM channel' });
    expect(checkInteraction({ id: '1', token: 't', type: 2, data: { name: 'x', type: 1 }, channel_id: '3', channel: { id: '3', type: 1 }, user: { id: '4' }, entitlements: [] })).toEqual({ ok: true, repaired: [] });
  });
});

describe('bidi and zero-width marks never reach a public reply', () => {
  test('a typed /news query is echoed without them', async () => {
    const c = await rig.fake.interact(payload('news', [stringOpt('query', '\u202Eexe.txt\u200B \u2066chips\u2069 \u061Cx\uFEFF')], {}));
    const raw = JSON.stringify(c.body);
    expect(raw).toContain('exe.txt chips x');
    expect(raw).not.toMatch(/[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/);
  });
});

describe('every quote mark the parser accepts round-trips through the "More" button', () => {
  const marks = [...new Set([...Object.keys(QUOTES), ...Object.values(QUOTES).join('')])];

  beforeAll(() => {
    // Twelve matching stories: more than one page, so /news offers "More".
    const t = Date.now() - 86_400_000;
    ingestItems(
      rig.app,
      { sourceId: 'test', outlet: 'Test', kind: 'trade', weight: 0.5 },
      Array.from({ length: 12 }, (_, i) => ({ guid: null, url: `https://t.example/${i}`, title: `Huawei Ascend shipment ${i}`, summary: '', publishedAt: t - i * 60_000, publishedEstimated: false, lang: 'en' as const })),
      { minRelevance: 0 },
    );
  });

  test.each(marks)('a query with %s at its start or end', async (q) => {
    for (const query of [`${q}Huawei`, `Huawei${q}`, `${q}Huawei ascend${q}`]) {
      const first = await rig.fake.interact(payload('news', [stringOpt('query', query)], {}));
      const buttons = (first.body.data as { components?: { components: { custom_id: string; label: string }[] }[] }).components?.[0]?.components ?? [];
      const more = buttons.find((b) => b.label === 'More');
      expect(more, `no More button for ${query}: ${content(first)}`).toBeDefined();
      const msg = (rig.fake.messages.get(where.channelId) ?? []).at(-1)!;
      const next = await rig.fake.interact(buttonPress(rig.fake.appId, msg, more!.custom_id, where));
      const embeds = (next.body.data as { embeds?: { title: string }[] }).embeds ?? [];
      const why = `${query} → ${more!.custom_id} → ${content(next)}`;
      expect(embeds[0]?.title, why).toBe('News: China AI chips \\(page 2\\)');
      expect(JSON.stringify(embeds), why).toContain('Huawei Ascend shipment 10');
    }
  });
});
