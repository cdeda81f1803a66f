// The Discord poster appends the outbox key as a "-# ref <key>" line (poster.ts) and must make room for it
// the way every other cut of rendered text is made (safe-text.ts clip): never half a surrogate pair (an
// emoji cut in two is invalid UTF-16 in the posted JSON), and with the "…" that says text was cut.
import { afterEach, expect, it } from 'vitest';
import { REST } from 'discord.js';
import { FakeDiscord } from './fakes/discord/server.ts';
import { snowflake } from './fakes/discord/fixtures.ts';
import { createDiscordPoster, refLine } from '../src/adapters/discord/poster.ts';
import { createLogger } from '../src/log.ts';
import { reply } from '../src/core/reply.ts';

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

it('GIVEN a text post at the length limit ending in emoji THEN the ref line fits, no emoji is cut in half, and the cut is marked', async () => {
  const channel = snowflake();
  fake = await new FakeDiscord({ guilds: [{ id: snowflake(), name: 'G', channelIds: [channel] }] }).start();
  const rest = new REST({ api: fake.apiBase, offset: 0, retries: 0, timeout: 5_000 }).setToken(fake.token);
  const poster = createDiscordPoster(rest, createLogger('silent'));
  const key = 'k1';
  const ref = refLine(key);
  // The text is cut to make room for "\n" + ref: the cut falls on the first emoji's high surrogate.
  const text = `${'a'.repeat(2000 - ref.length - 2)}${'😀'.repeat(40)}`;
  const r = await poster.post({ platform: 'discord', workspaceId: fake.guilds[0]!.id, channelId: channel }, reply(text), key);
  expect(r.ok).toBe(true);
  const content = fake.messages.get(channel)![0]!.content;
  expect(content.length).toBeLessThanOrEqual(2000);
  expect(content.endsWith(`…\n${ref}`)).toBe(true);
  expect(LONE_SURROGATE.test(content)).toBe(false);
});
