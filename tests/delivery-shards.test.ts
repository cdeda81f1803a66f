// discord.js's ShardingManager runs one process per group of shards and tells each which ones in SHARDS
// and SHARD_COUNT. chipwatch's Discord client must take those (not its own 'auto'), so that several
// `chipwatch start` processes split the shards while the deliverer lease keeps delivery in one of them
// (README "Large installations"; the lease itself: delivery-processes.test.ts).
import { afterEach, expect, test } from 'vitest';
import { startDiscordRig, type DiscordRig } from './fakes/discord/harness.ts';

let rig: DiscordRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  delete process.env.SHARDS;
  delete process.env.SHARD_COUNT;
});

test('GIVEN SHARDS=[1] and SHARD_COUNT=2 from a ShardingManager THEN the client identifies as shard 1 of 2 only', async () => {
  process.env.SHARDS = '[1]';
  process.env.SHARD_COUNT = '2';
  rig = await startDiscordRig();
  expect(rig.fake.identifies.map((i) => i.shard)).toEqual([[1, 2]]);
});

test('GIVEN no ShardingManager THEN the client runs the shards Discord recommends (one here)', async () => {
  rig = await startDiscordRig();
  expect(rig.fake.identifies.map((i) => i.shard)).toEqual([[0, 1]]);
});
