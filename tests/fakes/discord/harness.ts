// Test set-up shared by the Discord tests: the fake, a real App, and the real adapter built exactly as
// `npm start` builds it, only pointed at the fake (and with no identify throttle, notes D7).
// Teardown order matters (notes D8): the client first, then the fake.
import type { App } from '../../../src/app.ts';
import { createDiscordAdapter, type DiscordAdapter, type DiscordAdapterOverrides } from '../../../src/adapters/discord/adapter.ts';
import { testApp } from '../../helpers/app.ts';
import { FakeDiscord, type FakeDiscordOptions } from './server.ts';
import type { Where } from './fixtures.ts';

export interface DiscordRig {
  fake: FakeDiscord;
  app: App;
  adapter: DiscordAdapter;
  /** A guild text channel the bot is in. */
  where: Where;
  /** Unhandled rejections seen while the rig ran (discord.js reports broken fixtures only this way, D5). */
  rejections: unknown[];
  close(): Promise<void>;
}

export async function startDiscordRig(o: { fake?: FakeDiscordOptions; adapter?: DiscordAdapterOverrides; app?: App } = {}): Promise<DiscordRig> {
  const fake = await new FakeDiscord(o.fake).start();
  const app = o.app ?? testApp();
  const rejections: unknown[] = [];
  const onRejection = (e: unknown) => rejections.push(e);
  process.on('unhandledRejection', onRejection);
  const adapter = createDiscordAdapter(app, {
    token: fake.token,
    restApiBase: fake.apiBase,
    identifyThrottler: () => ({ waitForIdentify: async () => {} }),
    rest: { offset: 0 },
    readyTimeoutMs: 5000,
    ...o.adapter,
  });
  await adapter.start();
  const g = fake.guilds[0]!;
  return {
    fake,
    app,
    adapter,
    where: { guildId: g.id, channelId: g.channelIds[0]! },
    rejections,
    async close() {
      await adapter.stop();
      await fake.stop();
      process.off('unhandledRejection', onRejection);
      if (!o.app) app.db.close();
    },
  };
}
