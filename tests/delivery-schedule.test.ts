// The digest scheduler driven by a fake clock, minute by minute, across DST changes in Europe/Berlin and
// America/New_York and across midnight in Asia/Shanghai: each local day gets exactly one digest, at the
// right instant; a digest missed during downtime goes out once on restart within the catch-up window.
import { describe, expect, it } from 'vitest';
import { ask } from './helpers/app.ts';
import { deliveryTestApp as testApp } from './fakes/delivery-app.ts';
import { createDigestScheduler } from '../src/delivery/scheduler.ts';
import { nextDigestAt } from '../src/delivery/schedule.ts';
import { insertStory } from './fakes/stories.ts';
import type { App } from '../src/app.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

function clockAt(iso: string) {
  let t = Date.parse(iso);
  return { now: () => new Date(t), set: (ms: number) => (t = ms), get: () => t };
}

interface OutboxRow {
  purpose: string;
  created_at: number;
  payload: string;
}
const outbox = (app: App) => app.db.prepare(`SELECT purpose, created_at, payload FROM outbox ORDER BY id`).all() as OutboxRow[];

/** Subscribes the console channel with a daily digest at `time` in `tz`, quiet days announced. */
async function setup(startIso: string, time: string, tz: string) {
  const clock = clockAt(startIso);
  const app = testApp({ now: clock.now });
  expect((await ask(app, '/subscribe huawei')).error).toBeUndefined();
  const r = await ask(app, `/digest time:${time} tz:${tz} quiet:notice`);
  expect(r.error, r.text).toBeUndefined();
  const scheduler = createDigestScheduler(app, { platforms: ['console'] });
  return { app, clock, scheduler };
}

/** Ticks every minute from the clock's time to `endIso`. */
function runMinutes(s: Awaited<ReturnType<typeof setup>>, endIso: string): void {
  const end = Date.parse(endIso);
  for (let t = s.clock.get(); t <= end; t += MIN) {
    s.clock.set(t);
    s.scheduler.tick();
  }
}

describe('digest schedule across DST and midnight', () => {
  it.each([
    // Europe/Berlin springs forward 2026-03-29 02:00 → 03:00 (CET +1 → CEST +2).
    ['Europe/Berlin', '09:00', '2026-03-27T12:00:00Z', '2026-03-31T12:00:00Z', ['2026-03-28T08:00:00Z', '2026-03-29T07:00:00Z', '2026-03-30T07:00:00Z', '2026-03-31T07:00:00Z']],
    // ... and falls back 2026-10-25 03:00 → 02:00.
    ['Europe/Berlin', '09:00', '2026-10-23T12:00:00Z', '2026-10-27T12:00:00Z', ['2026-10-24T07:00:00Z', '2026-10-25T08:00:00Z', '2026-10-26T08:00:00Z', '2026-10-27T08:00:00Z']],
    // America/New_York springs forward 2026-03-08 02:00 → 03:00 (EST −5 → EDT −4) ...
    ['America/New_York', '09:00', '2026-03-06T18:00:00Z', '2026-03-10T18:00:00Z', ['2026-03-07T14:00:00Z', '2026-03-08T13:00:00Z', '2026-03-09T13:00:00Z', '2026-03-10T13:00:00Z']],
    // ... and falls back 2026-11-01 02:00 → 01:00.
    ['America/New_York', '09:00', '2026-10-30T18:00:00Z', '2026-11-03T18:00:00Z', ['2026-10-31T13:00:00Z', '2026-11-01T14:00:00Z', '2026-11-02T14:00:00Z', '2026-11-03T14:00:00Z']],
    // Asia/Shanghai (+8, no DST): local midnight is 16:00 UTC the day before.
    ['Asia/Shanghai', '00:00', '2026-11-27T12:00:00Z', '2026-11-30T12:00:00Z', ['2026-11-27T16:00:00Z', '2026-11-28T16:00:00Z', '2026-11-29T16:00:00Z']],
    ['Asia/Shanghai', '23:59', '2026-11-27T12:00:00Z', '2026-11-30T12:00:00Z', ['2026-11-27T15:59:00Z', '2026-11-28T15:59:00Z', '2026-11-29T15:59:00Z']],
  ])('GIVEN a %s digest at %s THEN each day gets one digest at the local time', async (tz, time, start, end, expected) => {
    const s = await setup(start, time, tz);
    runMinutes(s, end);
    const rows = outbox(s.app);
    expect(rows.map((r) => new Date(r.created_at).toISOString())).toEqual(expected.map((e) => new Date(e).toISOString()));
    // One purpose per local day, and the local day is the zone's, not UTC's.
    expect(new Set(rows.map((r) => r.purpose)).size).toBe(rows.length);
    if (tz === 'Asia/Shanghai') expect(rows[0]!.purpose).toMatch(time === '00:00' ? / 2026-11-28$/ : / 2026-11-27$/);
  });

  it('GIVEN 02:30 in Berlin THEN the spring-forward day gets it at 03:30 and the fall-back day (02:30 twice) gets it once', async () => {
    const spring = await setup('2026-03-28T12:00:00Z', '02:30', 'Europe/Berlin');
    runMinutes(spring, '2026-03-30T12:00:00Z');
    // 2026-03-29 02:30 does not exist; luxon moves it forward by the gap: 03:30 CEST = 01:30Z.
    expect(outbox(spring.app).map((r) => new Date(r.created_at).toISOString())).toEqual(['2026-03-29T01:30:00.000Z', '2026-03-30T00:30:00.000Z']);

    const fall = await setup('2026-10-24T12:00:00Z', '02:30', 'Europe/Berlin');
    runMinutes(fall, '2026-10-26T12:00:00Z');
    const days = outbox(fall.app).map((r) => r.purpose.split(' ')[2]);
    expect(days).toEqual(['2026-10-25', '2026-10-26']);
    expect(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']).toContain(new Date(outbox(fall.app)[0]!.created_at).toISOString());
  });

  it('GIVEN nextDigestAt THEN it walks calendar days, not 24-hour steps', () => {
    const afterSpring = nextDigestAt('09:00', 'Europe/Berlin', Date.parse('2026-03-28T08:00:00Z'), '2026-03-28');
    expect(new Date(afterSpring).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    // The last digest's day is respected even when called early on the same local day.
    expect(new Date(nextDigestAt('09:00', 'UTC', Date.parse('2026-05-01T08:00:00Z'), '2026-05-01')).toISOString()).toBe('2026-05-02T09:00:00.000Z');
  });
});

describe('digest catch-up after downtime', () => {
  it('GIVEN the bot was down at 09:00 and is back at 12:00 (within 6 h) THEN the digest goes out once, and not again after another restart', async () => {
    const s = await setup('2026-06-01T06:00:00Z', '09:00', 'UTC');
    s.scheduler.tick();
    s.clock.set(Date.parse('2026-06-01T12:00:00Z'));
    s.scheduler.tick();
    s.scheduler.tick();
    // A restart: a new scheduler over the same database.
    createDigestScheduler(s.app, { platforms: ['console'] }).tick();
    expect(outbox(s.app).map((r) => r.purpose)).toEqual([expect.stringMatching(/ 2026-06-01$/)]);
    runMinutes(s, '2026-06-02T09:30:00Z');
    expect(outbox(s.app).map((r) => new Date(r.created_at).toISOString())).toEqual(['2026-06-01T12:00:00.000Z', '2026-06-02T09:00:00.000Z']);
  });

  it('GIVEN the bot was down longer than the catch-up window THEN that digest is skipped and the next day is on time', async () => {
    const s = await setup('2026-06-01T06:00:00Z', '09:00', 'UTC');
    s.scheduler.tick();
    s.clock.set(Date.parse('2026-06-01T20:00:00Z'));
    expect(s.scheduler.tick().skipped).toBe(1);
    runMinutes(s, '2026-06-02T10:00:00Z');
    expect(outbox(s.app).map((r) => new Date(r.created_at).toISOString())).toEqual(['2026-06-02T09:00:00.000Z']);
  });
});

describe('digest content', () => {
  it('GIVEN stories since the last digest THEN the digest has their clusters for the channel vendors, filtered, ranked, grouped, capped', async () => {
    const clock = clockAt('2026-06-01T06:00:00Z');
    const app = testApp({ now: clock.now });
    await ask(app, '/subscribe huawei cambricon topics:launch,funding exclude:rumor');
    await ask(app, '/digest time:09:00 tz:UTC');
    const t = Date.parse('2026-06-01T07:00:00Z');
    // 12 Huawei launch clusters (two outlets on the first), 1 Cambricon funding, plus ones that must not show.
    const first = insertStory(app.db, { title: 'Huawei unveils Ascend 950', vendors: ['huawei'], topics: ['launch'], publishedAt: t, relevance: 1, weight: 0.9, outlet: 'Reuters' });
    insertStory(app.db, { title: 'Huawei Ascend 950 launch (second outlet)', vendors: ['huawei'], topics: ['launch'], publishedAt: t + MIN, relevance: 0.9, weight: 0.5, clusterId: first.clusterId });
    for (let i = 0; i < 11; i++) insertStory(app.db, { title: `Huawei item ${i}`, vendors: ['huawei'], topics: ['launch'], publishedAt: t - i * HOUR, relevance: 0.5, weight: 0.5 });
    insertStory(app.db, { title: 'Cambricon raises funds', vendors: ['cambricon'], topics: ['funding'], publishedAt: t, relevance: 0.95, weight: 0.8 });
    insertStory(app.db, { title: 'Huawei rumor mill', vendors: ['huawei'], topics: ['launch'], publishedAt: t, relevance: 1, weight: 1 });
    insertStory(app.db, { title: 'Huawei earnings', vendors: ['huawei'], topics: ['earnings'], publishedAt: t, relevance: 1, weight: 1 });
    insertStory(app.db, { title: 'Biren launches', vendors: ['biren'], topics: ['launch'], publishedAt: t, relevance: 1, weight: 1 });
    // Arrived today but published a month ago (a backfill): not news for a daily digest.
    insertStory(app.db, { title: 'Huawei archive piece', vendors: ['huawei'], topics: ['launch'], publishedAt: t - 30 * 24 * HOUR, firstSeenAt: t, relevance: 1, weight: 1 });

    const preview = await ask(app, '/digest preview');
    expect(preview.visibility).toBe('ephemeral');
    const scheduler = createDigestScheduler(app, { platforms: ['console'] });
    clock.set(Date.parse('2026-06-01T09:00:00Z'));
    expect(scheduler.tick().queued).toBe(1);
    const [row] = outbox(app);
    const reply = JSON.parse(row!.payload) as import('../src/core/reply.ts').Reply;
    const items = reply.cards.flatMap((c) => c.items ?? []);
    expect(items).toHaveLength(10);
    expect(reply.text).toContain('13 stories');
    expect(reply.text).toContain('and 3 more');
    expect(reply.cards.at(-1)!.footer).toContain('and 3 more');
    expect(items[0]!.title).toBe('Huawei unveils Ascend 950');
    expect(items[0]!.meta).toContain('+1 more outlet');
    expect(reply.cards.map((c) => c.title)).toEqual([expect.stringContaining('Huawei'), expect.stringContaining('Cambricon')]);
    const all = JSON.stringify(reply);
    for (const absent of ['rumor mill', 'earnings', 'Biren', 'second outlet', 'archive piece']) expect(all).not.toContain(absent);
    // The preview (built three hours earlier, so recency may reorder) showed the same stories.
    expect(preview.cards.flatMap((c) => c.items ?? []).map((i) => i.title).sort()).toEqual(items.map((i) => i.title).sort());

    // Next day: only what is new since this digest; an old cluster's follow-up report is not repeated.
    insertStory(app.db, { title: 'Third outlet on Ascend 950', vendors: ['huawei'], topics: ['launch'], publishedAt: t + 3 * HOUR, clusterId: first.clusterId });
    insertStory(app.db, { title: 'Cambricon ships new part', vendors: ['cambricon'], topics: ['launch'], publishedAt: t + 4 * HOUR });
    clock.set(Date.parse('2026-06-02T09:00:00Z'));
    scheduler.tick();
    const second = JSON.parse(outbox(app)[1]!.payload) as import('../src/core/reply.ts').Reply;
    expect(second.cards.flatMap((c) => c.items ?? []).map((i) => i.title)).toEqual(['Cambricon ships new part']);
  });

  it('GIVEN a quiet day THEN nothing is posted with quiet:skip and one line with quiet:notice', async () => {
    const clock = clockAt('2026-06-01T06:00:00Z');
    const app = testApp({ now: clock.now });
    await ask(app, '/subscribe huawei');
    const scheduler = createDigestScheduler(app, { platforms: ['console'] });
    clock.set(Date.parse('2026-06-01T09:00:00Z'));
    expect(scheduler.tick()).toMatchObject({ queued: 0, quiet: 1 });
    await ask(app, '/digest quiet:notice');
    clock.set(Date.parse('2026-06-02T09:00:00Z'));
    scheduler.tick();
    const rows = outbox(app);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.payload).text).toMatch(/quiet day/);
  });
});
