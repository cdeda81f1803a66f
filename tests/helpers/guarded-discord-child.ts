// Child process for tests/process-guard.test.ts: the real Discord adapter against the fake Discord, fed
// an interaction that discord.js itself throws on inside its gateway handler (an unhandled rejection,
// which ends a Node process by default). With "guarded" it installs chipwatch's process guard first, as
// `chipwatch start` does. Prints one JSON line per step to stdout; exits 0 when the bot survived.
import { commands } from '../../commands/index.ts';
import type { App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { installProcessGuard } from '../../src/core/process-guard.ts';
import { createLogger } from '../../src/log.ts';
import { openDatabase } from '../../src/store/db.ts';
import { createDiscordAdapter } from '../../src/adapters/discord/adapter.ts';
import { FakeDiscord } from '../fakes/discord/server.ts';
import { chatInput } from '../fakes/discord/fixtures.ts';

const guarded = process.argv[2] === 'guarded';
const log = createLogger('error');
if (guarded) installProcessGuard(log);
const app: App = { config: loadConfig({ CHIPWATCH_DB: ':memory:', LOG_LEVEL: 'error' }), db: openDatabase(':memory:'), log, commands, now: () => new Date() };
const fake = await new FakeDiscord().start();
const adapter = createDiscordAdapter(app, { token: fake.token, restApiBase: fake.apiBase, identifyThrottler: () => ({ waitForIdentify: async () => {} }), rest: { offset: 0 }, readyTimeoutMs: 5000 });
await adapter.start();
const g = fake.guilds[0]!;
const where = { guildId: g.id, channelId: g.channelIds[0]! };
const out = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);

// A subcommand option whose options are not a list: passes the adapter's shape check, but discord.js
// throws while transforming the options.
const bad = await fake.interact(chatInput(fake.appId, 'help', [{ name: 'x', type: 1, options: 'junk' } as never], where));
out({ step: 'bad', content: (bad.body.data as { content?: string }).content });
await new Promise((r) => setTimeout(r, 100));
const ok = await fake.interact(chatInput(fake.appId, 'help', [], where));
out({ step: 'help', type: ok.body.type });
await adapter.stop();
await fake.stop();
app.db.close();
process.exit(0);
