// Pacing measured, not enforced: the outbox worker posts through the real Discord and Slack posters to the
// fakes, which record when each request ARRIVED per channel (accepted or not) and count their own 429s
// apart. With the worker's pacing the arrivals never exceed the channel limit and the fakes never refuse;
// the second test of each pair is the deliberately broken run — the same batch with pacing removed — and
// shows the measurement catches it (so the first test can fail).
import { afterEach, describe, expect, it } from 'vitest';
import { REST } from 'discord.js';
import { FakeDiscord } from './fakes/discord/server.ts';
import { FakeSlack } from './fakes/slack/fake-slack.ts';
import { snowflake } from './fakes/discord/fixtures.ts';
import { paceViolations } from './fakes/delivery-pacing.ts';
import { clockApp, queuePosts } from './fakes/delivery-crash-rig.ts';
import { createOutboxWorker } from '../src/delivery/worker.ts';
import { createDiscordPoster } from '../src/adapters/discord/poster.ts';
import { createSlackPoster } from '../src/adapters/slack/poster.ts';
import { createLogger } from '../src/log.ts';
import type { Poster, PostTarget } from '../src/core/adapter.ts';
import type { RateLimit } from '../src/delivery/rate-limit.ts';

const log = createLogger('silent');
// The platforms' shapes (Discord 5 per 5 s, Slack 1 per 1 s per channel) scaled down so a run is short.
const DISCORD_LIMIT = { max: 5, windowMs: 500 };
const SLACK_LIMIT = { max: 1, windowMs: 250 };
const CHANNELS = 3;

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function run(poster: Poster, targets: PostTarget[], posts: number, limit: RateLimit | null) {
  const app = clockApp();
  app.now = () => new Date(); // real time: pacing is about real instants
  app.clock.ms = Date.now();
  const keys = queuePosts(app, targets, posts, 'pace');
  const worker = createOutboxWorker(app, { posters: [poster], limits: { [poster.platform]: limit }, globalLimits: { [poster.platform]: null }, concurrency: 8, idleMs: 20 });
  await worker.start();
  await worker.drained();
  await worker.stop();
  const sent = app.db.prepare(`SELECT count(*) FROM outbox WHERE status = 'sent'`).pluck().get();
  app.db.close();
  return { keys, sent };
}

async function discord() {
  const channels = Array.from({ length: CHANNELS }, () => snowflake());
  const fake = await new FakeDiscord({ guilds: [{ id: snowflake(), name: 'G', channelIds: channels }], channelRateLimit: DISCORD_LIMIT }).start();
  cleanup.push(() => fake.stop());
  // rejectOnRateLimit: a 429 comes back to the worker instead of being slept on inside discord.js.
  const rest = new REST({ api: fake.apiBase, offset: 0, retries: 0, rejectOnRateLimit: () => true }).setToken(fake.token);
  const targets: PostTarget[] = channels.map((c) => ({ platform: 'discord', workspaceId: fake.guilds[0]!.id, channelId: c }));
  return { fake, targets, poster: createDiscordPoster(rest, log) };
}

async function slack() {
  const BOT = 'xoxb-pace';
  const fake = await new FakeSlack({ botTokens: [BOT], channelRateLimit: SLACK_LIMIT }).start();
  cleanup.push(() => fake.stop());
  const targets: PostTarget[] = Array.from({ length: CHANNELS }, (_, i) => ({ platform: 'slack', workspaceId: 'T0001', channelId: `C0PACE${i}` }));
  return { fake, targets, poster: createSlackPoster({ tokenFor: () => BOT, slackApiUrl: fake.apiUrl, log }) };
}

describe('pacing, measured at the fake platforms', () => {
  it('GIVEN Discord pacing THEN no channel gets more than 5 requests in a window and the fake refuses none', { timeout: 30_000 }, async () => {
    const { fake, targets, poster } = await discord();
    const r = await run(poster, targets, CHANNELS * 12, DISCORD_LIMIT);
    console.log(`discord paced: ${r.sent} sent; arrivals per channel ${[...fake.arrivals.values()].map((a) => a.length).join('/')}; violations ${paceViolations(fake.arrivals, DISCORD_LIMIT).length}; fake refusals ${fake.ownRefusals}`);
    expect(r.sent).toBe(CHANNELS * 12);
    expect(fake.ownRefusals).toBe(0);
    expect(paceViolations(fake.arrivals, DISCORD_LIMIT)).toEqual([]);
  });

  it('GIVEN the same batch with pacing removed (the broken run) THEN the measurement catches it', { timeout: 30_000 }, async () => {
    const { fake, targets, poster } = await discord();
    await run(poster, targets, CHANNELS * 12, null);
    console.log(`discord UNPACED: violations ${paceViolations(fake.arrivals, DISCORD_LIMIT).length}; fake refusals ${fake.ownRefusals}`);
    expect(paceViolations(fake.arrivals, DISCORD_LIMIT).length).toBeGreaterThan(0);
    expect(fake.ownRefusals).toBeGreaterThan(0);
  });

  it('GIVEN Slack pacing THEN no channel gets more than 1 request in a window and the fake refuses none', { timeout: 30_000 }, async () => {
    const { fake, targets, poster } = await slack();
    const r = await run(poster, targets, CHANNELS * 5, SLACK_LIMIT);
    console.log(`slack paced: ${r.sent} sent; violations ${paceViolations(fake.arrivals, SLACK_LIMIT).length}; fake refusals ${fake.ownRefusals}`);
    expect(r.sent).toBe(CHANNELS * 5);
    expect(fake.ownRefusals).toBe(0);
    expect(paceViolations(fake.arrivals, SLACK_LIMIT)).toEqual([]);
  });

  it('GIVEN the same Slack batch with pacing removed (the broken run) THEN the measurement catches it', { timeout: 30_000 }, async () => {
    const { fake, targets, poster } = await slack();
    await run(poster, targets, CHANNELS * 5, null);
    console.log(`slack UNPACED: violations ${paceViolations(fake.arrivals, SLACK_LIMIT).length}; fake refusals ${fake.ownRefusals}`);
    expect(paceViolations(fake.arrivals, SLACK_LIMIT).length).toBeGreaterThan(0);
    expect(fake.ownRefusals).toBeGreaterThan(0);
  });
});
