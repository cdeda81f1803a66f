// Child process for the Discord memory benchmark: a bot process as production runs it (real App with
// the catalog, the real adapter), connected to the bench's fake Discord. It reports its own memory over
// IPC, so the fake's memory (in the parent) is not counted. Started by discord.bench.ts with --expose-gc.
import { createDiscordAdapter } from '../../src/adapters/discord/adapter.ts';
import { testApp } from '../helpers/app.ts';

interface Memory {
  rss: number;
  heapUsed: number;
}

function measure(): Memory {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed };
}

const [apiBase, token] = process.argv.slice(2) as [string, string];
const app = testApp();
const adapter = createDiscordAdapter(app, { token, restApiBase: apiBase, rest: { offset: 0 }, readyTimeoutMs: 60_000 });
const before = measure();
await adapter.start();
process.send!({ stage: 'ready', before, after: measure(), guilds: adapter.client.guilds.cache.size, channels: adapter.client.channels.cache.size, users: adapter.client.users.cache.size });
process.on('message', async (m: { cmd: string }) => {
  if (m.cmd === 'measure') process.send!({ stage: 'measure', mem: measure(), users: adapter.client.users.cache.size });
  if (m.cmd === 'stop') {
    await adapter.stop();
    app.db.close();
    process.exit(0);
  }
});
