// A channel's post language (migration 008): existing channels keep English, only our four languages
// can be stored, and the repository reads and changes it.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../src/store/migrate.ts';
import { migrations } from '../src/store/migrations/index.ts';
import { testApp, ask, consoleCaller } from './helpers/app.ts';
import { getSubscription, setChannelLang } from '../src/delivery/subscriptions.ts';
import { deliveryTestApp } from './fakes/delivery-app.ts';
import { insertStory } from './fakes/stories.ts';
import { createRealtimeFanout } from '../src/delivery/realtime.ts';
import type { Reply } from '../src/core/reply.ts';

describe('migration 008: subscriptions.lang', () => {
  it('GIVEN subscriptions at version 7 THEN each keeps English, and only en, zh-CN, zh-TW and de can be stored', () => {
    const db = new Database(':memory:');
    const at = migrations.findIndex((m) => m.version === 8);
    expect(at).toBeGreaterThan(0);
    migrate(db, migrations.slice(0, at));
    db.prepare(`INSERT INTO subscriptions (platform, workspace_id, channel_id, all_vendors, created_at, updated_at) VALUES ('slack', 'T1', 'C1', 1, 0, 0)`).run();
    migrate(db);
    expect(db.prepare(`SELECT channel_id, lang FROM subscriptions`).all()).toEqual([{ channel_id: 'C1', lang: 'en' }]);
    db.prepare(`UPDATE subscriptions SET lang = 'zh-TW'`).run();
    expect(() => db.prepare(`UPDATE subscriptions SET lang = 'fr'`).run()).toThrow(/CHECK constraint/);
    expect(db.prepare(`SELECT lang FROM subscriptions`).pluck().get()).toBe('zh-TW');
  });
});

describe('the channel language through the commands', () => {
  it('GIVEN /subscribe from the console (no locale) THEN English; /digest lang: changes it; /subscribe lang: too', async () => {
    const app = testApp();
    expect((await ask(app, '/subscribe huawei')).error).toBeUndefined();
    const target = { platform: 'console' as const, workspaceId: 'console', channelId: consoleCaller.channelId };
    expect(getSubscription(app.db, target)!.lang).toBe('en');
    const set = await ask(app, '/digest lang:zh-tw');
    expect(set.error, set.text).toBeUndefined();
    expect(set.text).toContain('Posts here are in 繁體中文.');
    expect(getSubscription(app.db, target)!.lang).toBe('zh-TW');
    // Adding a vendor later does not reset the language.
    await ask(app, '/subscribe cambricon');
    expect(getSubscription(app.db, target)!.lang).toBe('zh-TW');
    await ask(app, '/subscribe huawei lang:DE');
    expect(getSubscription(app.db, target)!.lang).toBe('de');
    expect(setChannelLang(app.db, getSubscription(app.db, target)!.id, 'en', 0).lang).toBe('en');
    const bad = await ask(app, '/digest lang:fr');
    expect(bad.error?.code).toBe('BAD_OPTION');
    expect(bad.text).toContain('Option "lang" must be one of en, zh-cn, zh-tw, de; "fr" is not.');
    app.db.close();
  });
});

describe('real-time posts in the channel’s language', () => {
  it('GIVEN a zh-TW channel THEN a burst is headed in Traditional Chinese, with the vendor’s Traditional name; titles as published', async () => {
    const app = deliveryTestApp();
    const now = app.now().getTime();
    expect((await ask(app, '/subscribe huawei cambricon mode:realtime lang:zh-tw')).error).toBeUndefined();
    const fanout = createRealtimeFanout(app, { platforms: ['console'], pollMs: 1000 });
    insertStory(app.db, { title: 'Huawei ships Ascend 950', vendors: ['huawei'], publishedAt: now });
    insertStory(app.db, { title: '寒武纪发布新芯片', vendors: ['cambricon'], publishedAt: now + 1000, outlet: '集微网' });
    insertStory(app.db, { title: 'Same event, second outlet', vendors: ['cambricon'], publishedAt: now + 2000 });
    expect(fanout.tick()).toBe(1);
    const rows = app.db.prepare(`SELECT payload FROM outbox ORDER BY id`).pluck().all() as string[];
    const post = JSON.parse(rows.at(-1)!) as Reply;
    expect(post.text).toBe('寒武紀、華為（昇騰）有 3 條新訊息。');
    expect(post.lang).toBe('zh-TW');
    expect(post.cards.map((c) => c.title)).toEqual(expect.arrayContaining(['華為（昇騰） · Huawei (Ascend)', '寒武紀 · Cambricon']));
    const items = post.cards.flatMap((c) => c.items ?? []);
    expect(items.map((i) => i.title)).toContain('寒武纪发布新芯片');
    expect(items.find((i) => i.title === '寒武纪发布新芯片')!.meta).toMatch(/^集微网 · \d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    app.db.close();
  });
});
