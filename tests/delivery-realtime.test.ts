// Real-time fan-out: new stories for a channel's vendors are queued within one poll cycle, a burst is one
// message, a cluster already posted to the channel is not posted again, and the cursor never re-sends.
import { describe, expect, it } from 'vitest';
import { ask } from './helpers/app.ts';
import { deliveryTestApp } from './fakes/delivery-app.ts';
import { insertStory } from './fakes/stories.ts';
import { createRealtimeFanout } from '../src/delivery/realtime.ts';
import type { Reply } from '../src/core/reply.ts';
import type { App } from '../src/app.ts';

const posts = (app: App) => (app.db.prepare(`SELECT payload FROM outbox ORDER BY id`).pluck().all() as string[]).map((p) => JSON.parse(p) as Reply);
const titles = (r: Reply) => r.cards.flatMap((c) => c.items ?? []).map((i) => i.title);

describe('real-time fan-out', () => {
  it('GIVEN a burst of stories THEN one message lists them; a later report of a posted cluster is not posted; old stories are never sent', async () => {
    const app = deliveryTestApp();
    const now = app.now().getTime();
    insertStory(app.db, { title: 'Before subscribing', vendors: ['huawei'], publishedAt: now - 3600_000 });
    expect((await ask(app, '/subscribe huawei mode:realtime exclude:stock')).error).toBeUndefined();
    const fanout = createRealtimeFanout(app, { platforms: ['console'], pollMs: 1000 });
    expect(fanout.tick()).toBe(0);

    const a = insertStory(app.db, { title: 'Ascend 950 ships', vendors: ['huawei'], publishedAt: now });
    insertStory(app.db, { title: 'Huawei cluster deal', vendors: ['huawei', 'smic'], publishedAt: now + 1000 });
    insertStory(app.db, { title: 'Huawei stock jumps', vendors: ['huawei'], publishedAt: now + 2000 });
    insertStory(app.db, { title: 'Cambricon only', vendors: ['cambricon'], publishedAt: now + 3000 });
    insertStory(app.db, { title: 'Same event, second outlet', vendors: ['huawei'], publishedAt: now + 4000, clusterId: a.clusterId });
    expect(fanout.tick()).toBe(1);
    const [first] = posts(app);
    expect(titles(first!).sort()).toEqual(['Ascend 950 ships', 'Huawei cluster deal'].sort());
    expect(first!.text).toContain('2 new stories');

    // Another outlet reports the already-posted event: nothing new for the channel.
    insertStory(app.db, { title: 'Third outlet, same event', vendors: ['huawei'], publishedAt: now + 5000, clusterId: a.clusterId });
    expect(fanout.tick()).toBe(0);
    insertStory(app.db, { title: 'A new Huawei story', vendors: ['huawei'], publishedAt: now + 6000 });
    expect(fanout.tick()).toBe(1);
    expect(fanout.tick()).toBe(0);
    expect(posts(app).map(titles)).toEqual([expect.any(Array), ['A new Huawei story']]);
    expect(JSON.stringify(posts(app))).not.toContain('Before subscribing');
    // A story from last week that arrives late (backfill, seed) is not real-time news.
    insertStory(app.db, { title: 'Old Huawei item', vendors: ['huawei'], publishedAt: now - 7 * 24 * 3600_000 });
    expect(fanout.tick()).toBe(0);
  });

  it('GIVEN two channels THEN each gets only its vendors, and a digest channel gets no real-time post', async () => {
    const app = deliveryTestApp();
    const other = { platform: 'console' as const, workspaceId: 'console', channelId: 'other', userId: 'u' };
    const digestOnly = { ...other, channelId: 'digest-only' };
    await ask(app, '/subscribe cambricon mode:realtime');
    await ask(app, '/subscribe all mode:realtime', other);
    await ask(app, '/subscribe cambricon', digestOnly);
    const fanout = createRealtimeFanout(app, { platforms: ['console'], pollMs: 1000 });
    insertStory(app.db, { title: 'Biren news', vendors: ['biren'], publishedAt: app.now().getTime() });
    insertStory(app.db, { title: 'Cambricon news', vendors: ['cambricon'], publishedAt: app.now().getTime() });
    expect(fanout.tick()).toBe(2);
    const rows = app.db.prepare(`SELECT channel_id, payload FROM outbox ORDER BY channel_id`).all() as { channel_id: string; payload: string }[];
    expect(rows.map((r) => [r.channel_id, titles(JSON.parse(r.payload)).sort()])).toEqual([
      ['other', ['Biren news', 'Cambricon news']],
      ['test-channel', ['Cambricon news']],
    ]);
  });

  it('GIVEN a burst of 25 stories THEN the message shows 10 and says how many more', async () => {
    const app = deliveryTestApp();
    await ask(app, '/subscribe metax mode:realtime');
    const fanout = createRealtimeFanout(app, { platforms: ['console'], pollMs: 1000 });
    for (let i = 0; i < 25; i++) insertStory(app.db, { title: `MetaX ${i}`, vendors: ['metax'], publishedAt: app.now().getTime() + i });
    fanout.tick();
    const [r] = posts(app);
    expect(titles(r!)).toHaveLength(10);
    expect(titles(r!)[0]).toBe('MetaX 24');
    expect(r!.cards.at(-1)!.footer).toContain('and 15 more');
  });
});
