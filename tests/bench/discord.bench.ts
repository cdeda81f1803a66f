// Discord: time from INTERACTION_CREATE (sent by the fake over the gateway) to the interaction callback
// arriving at the fake, for `/chip alibaba` through the real adapter and discord.js; the floor is the same
// round trip with a bare handler replying one constant tiny embed (same client settings). Then the
// resident memory of a bot process connected with 1,000 guilds (10 channels each), beside the same process
// with 1 guild, and again after 1,000 interactions from 1,000 different users (caches must stay flat).
// The goal is measured on the PRODUCTION process, started as `npm start` starts it: the node flags of
// package.json's "start" script, bin.mjs, the prebuilt bundle .build/chipwatch.mjs (built first here),
// a database file; RSS read from /proc without forcing GC. BENCH_TSX=1 adds the same run from the sources
// under tsx, for comparison. Last, a diagnostic: the bot in a forked child under tsx reporting
// process.memoryUsage() after a forced GC (tsx alone adds ~36 MB, so not what users run).
// Goals: p99 < 20 ms; resident memory < 150 MB after 1,000 interactions with 1,000 servers.
import { fork, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Events } from 'discord.js';
import { createDiscordAdapter } from '../../src/adapters/discord/adapter.ts';
import { createDiscordClient } from '../../src/adapters/discord/client.ts';
import { FakeDiscord } from '../fakes/discord/server.ts';
import { chatInput, humanUser, snowflake, stringOpt, type GuildFixture, type Where } from '../fakes/discord/fixtures.ts';
import { testApp } from '../helpers/app.ts';
import { latencyLine, stats, type Stats } from './kit.ts';

const N = 400;
const WARMUP = 60;
const MB = 1024 * 1024;

async function roundTrip(fake: FakeDiscord, where: Where): Promise<number> {
  const d = chatInput(fake.appId, 'chip', [stringOpt('name', 'alibaba')], where);
  const t = performance.now();
  await fake.interact(d, 5000);
  return performance.now() - t;
}

/**
 * Two fakes, two clients (the floor's bare handler and the real adapter), measured alternately, one round
 * trip at a time, so load from anything else on the machine falls on both alike.
 */
async function latency(): Promise<{ chip: Stats; floor: Stats }> {
  const floorFake = await new FakeDiscord().start();
  const chipFake = await new FakeDiscord().start();
  const at = (f: FakeDiscord): Where => ({ guildId: f.guilds[0]!.id, channelId: f.guilds[0]!.channelIds[0]! });

  // Floor: the same client settings, a handler that replies a constant tiny embed.
  const bare = createDiscordClient({ token: floorFake.token, apiBase: floorFake.apiBase, rest: { offset: 0 } });
  bare.on(Events.InteractionCreate, (i) => void (i.isRepliable() && i.reply({ embeds: [{ title: 'x', description: 'y' }] })));
  const bareReady = once(bare, Events.ClientReady);
  await bare.login(floorFake.token);
  await bareReady;

  const app = testApp();
  const adapter = createDiscordAdapter(app, { token: chipFake.token, restApiBase: chipFake.apiBase, rest: { offset: 0 } });
  await adapter.start();

  const floor: number[] = [];
  const chip: number[] = [];
  for (let i = 0; i < WARMUP + N; i++) {
    const f = await roundTrip(floorFake, at(floorFake));
    const c = await roundTrip(chipFake, at(chipFake));
    if (i >= WARMUP) {
      floor.push(f);
      chip.push(c);
    }
  }
  await bare.destroy();
  await adapter.stop();
  await floorFake.stop();
  await chipFake.stop();
  app.db.close();
  return { chip: stats(chip), floor: stats(floor) };
}

interface Mem {
  rss: number;
  heapUsed: number;
}

/**
 * A bot process connected to a fake with `guildCount` guilds, measured at ready and after each round of
 * `perRound` interactions from distinct users (flat = later rounds add nothing).
 */
async function memory(guildCount: number, rounds: number, perRound = 1000): Promise<{ before: Mem; ready: Mem; afterRounds: { mem: Mem; users: number }[]; guilds: number }> {
  const guilds: GuildFixture[] = Array.from({ length: guildCount }, (_, i) => ({ id: snowflake(), name: `Guild ${i + 1}`, channelIds: Array.from({ length: 10 }, () => snowflake()) }));
  const fake = await new FakeDiscord({ guilds }).start();
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = fork(fileURLToPath(new URL('./discord-bot-process.ts', import.meta.url)), [fake.apiBase, fake.token], { execArgv: ['--expose-gc', '--import', 'tsx', ...flags], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [r] = (await once(child, 'message')) as [{ before: Mem; after: Mem; guilds: number }];
  const afterRounds: { mem: Mem; users: number }[] = [];
  let sent = 0;
  for (let round = 0; round < rounds; round++) {
    const batch = 20;
    for (let i = 0; i < perRound; i += batch) {
      await Promise.all(
        Array.from({ length: Math.min(batch, perRound - i) }, () => {
          const g = guilds[sent % guilds.length]!;
          sent++;
          return fake.interact(chatInput(fake.appId, 'chip', [stringOpt('name', 'alibaba')], { guildId: g.id, channelId: g.channelIds[0]!, user: humanUser(snowflake(), `user${sent}`) }), 10_000);
        }),
      );
    }
    child.send({ cmd: 'measure' });
    const [m] = (await once(child, 'message')) as [{ mem: Mem; users: number }];
    afterRounds.push(m);
  }
  child.send({ cmd: 'stop' });
  await once(child, 'exit');
  await fake.stop();
  return { before: r.before, ready: r.after, guilds: r.guilds, afterRounds };
}

/** `count` /chip interactions, 20 at a time, each from a new user, spread over the guilds. */
async function drive(fake: FakeDiscord, guilds: GuildFixture[], count: number, from = 0): Promise<void> {
  const batch = 20;
  for (let i = 0; i < count; i += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, count - i) }, (_, j) => {
        const n = from + i + j;
        const g = guilds[n % guilds.length]!;
        return fake.interact(chatInput(fake.appId, 'chip', [stringOpt('name', 'alibaba')], { guildId: g.id, channelId: g.channelIds[0]!, user: humanUser(snowflake(), `user${n}`) }), 10_000);
      }),
    );
  }
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Resident memory of another process, from the kernel (what `ps`/`top` show as RSS). */
function vmRss(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  if (!line) throw new Error(`no VmRSS for ${pid}`);
  return Number(line[1]) * 1024;
}

/** Median of five VmRSS readings 400 ms apart: one reading lands wherever V8's GC happens to be. */
async function settledRss(pid: number): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < 5; i++) {
    if (i) await sleep(400);
    xs.push(vmRss(pid));
  }
  return xs.sort((a, b) => a - b)[2]!;
}

/**
 * The production bot: `node src/cli/bin.mjs start` with the fake's credentials, a fresh database, no feed
 * polling. Ready = the fake saw IDENTIFY (it then sends every GUILD_CREATE), one interaction was answered
 * (so the client has processed the gateway stream up to it), plus 2 s to settle. Then RSS (median of five
 * readings), 1,000
 * interactions from distinct users, RSS again, SIGTERM, and the exit must be clean.
 */
export async function production(guildCount: number, interactions: number, tsx = false): Promise<{ ready: number; after: number; exit: string }> {
  const guilds: GuildFixture[] = Array.from({ length: guildCount }, (_, i) => ({ id: snowflake(), name: `Guild ${i + 1}`, channelIds: Array.from({ length: 10 }, () => snowflake()) }));
  const fake = await new FakeDiscord({ guilds }).start();
  const dir = mkdtempSync(path.join(tmpdir(), 'chipwatch-bench-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DISCORD_TOKEN: fake.token, DISCORD_APP_ID: fake.appId, DISCORD_API_BASE: fake.apiBase, CHIPWATCH_DB: path.join(dir, 'bench.db'), CHIPWATCH_POLL: '0', LOG_LEVEL: 'warn' };
  if (tsx) env.CHIPWATCH_TSX = '1';
  else delete env.CHIPWATCH_TSX;
  delete env.SLACK_BOT_TOKEN;
  delete env.SLACK_APP_TOKEN;
  delete env.SLACK_CLIENT_ID;
  const child = spawn(process.execPath, startArgs(tsx), { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  try {
    await Promise.race([once(fake, 'identify'), exited.then(() => Promise.reject(new Error(`bot exited before IDENTIFY:\n${stderr}`))), sleep(30_000).then(() => Promise.reject(new Error('no IDENTIFY within 30 s')))]);
    await drive(fake, guilds, 1, 0);
    await sleep(2000);
    const ready = await settledRss(child.pid!);
    await drive(fake, guilds, interactions, 1);
    const after = await settledRss(child.pid!);
    child.kill('SIGTERM');
    const [code, signal] = await Promise.race([exited, sleep(10_000).then(() => [null, 'timeout'] as const)]);
    const exit = code === 0 ? 'clean exit' : `UNCLEAN EXIT (code ${code}, signal ${signal}): ${stderr.trim().slice(0, 500)}`;
    return { ready, after, exit };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The node flags of `npm start` (package.json's "start" script: `node [flags] src/cli/bin.mjs start`), so
 * the bench measures the settings users really run with, whatever they become.
 */
export function npmStartFlags(): string[] {
  const script = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  const m = /^(?:exec )?node((?:\s+--?[\w-]+(?:=\S+)?)*)\s+src\/cli\/bin\.mjs start$/.exec(script.trim());
  if (!m) throw new Error(`package.json "start" is not \`node [flags] src/cli/bin.mjs start\`: ${script}`);
  return m[1]!.trim().split(/\s+/).filter(Boolean);
}

/**
 * The command line of the production bot. `npm start` runs bin.mjs, which loads the bundle while it is
 * newer than every source file. On a machine where someone edits sources during the run bin.mjs would
 * fall back to tsx; the bench then loads the bundle it just built the way bin.mjs does (same flags, same
 * bundle, same main(['start'])) rather than measure tsx under the production label.
 */
let noted = false;
function startArgs(tsx: boolean): string[] {
  const flags = npmStartFlags();
  if (tsx || bundleWasFresh()) return [...flags, path.join(ROOT, 'src/cli/bin.mjs'), 'start'];
  if (!noted) console.log('note: sources changed since the build, so the bench loads .build/chipwatch.mjs itself, as bin.mjs does when it is fresh.');
  noted = true;
  const bundle = pathToFileURL(path.join(ROOT, '.build/chipwatch.mjs')).href;
  return [...flags, '--input-type=module', '-e', `const { main } = await import(${JSON.stringify(bundle)}); process.exitCode = await main(['start']);`];
}

/** Same rule as bin.mjs: the bundle runs only while no file under src/ or commands/ is newer than it. */
function bundleWasFresh(): boolean {
  const newest = (dir: string): number =>
    Math.max(statSync(dir).mtimeMs, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : (statSync(path.join(dir, e.name), { throwIfNoEntry: false })?.mtimeMs ?? 0))));
  return statSync(path.join(ROOT, '.build/chipwatch.mjs')).mtimeMs >= Math.max(newest(path.join(ROOT, 'src')), newest(path.join(ROOT, 'commands')));
}

const mb = (x: number) => `${(x / MB).toFixed(1)} MB`;

export async function run(): Promise<void> {
  const { chip, floor } = await latency();
  console.log(latencyLine('INTERACTION_CREATE → callback, /chip alibaba', chip, floor, 'p99 < 20 ms'));

  // Production: build the bundle now and run it as `npm start` does (startArgs).
  const built = spawnSync(process.execPath, [path.join(ROOT, 'src/cli/build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build failed: ${built.stderr}`);
  const flags = npmStartFlags();
  console.log(`production bot: ${['node', ...flags, 'src/cli/bin.mjs start'].join(' ')} (package.json "start"), Discord only, CHIPWATCH_POLL=0, fresh database`);
  const pOne = await production(1, 0);
  const pMany = await production(1000, 1000);
  console.log(`${'production bot RSS, 1 guild (floor)'.padEnd(44)} ${mb(pOne.ready)}  (${pOne.exit})`);
  console.log(`${'production bot RSS, 1000 guilds × 10 channels'.padEnd(44)} ${mb(pMany.ready)}  | floor ${mb(pOne.ready)}  diff ${mb(pMany.ready - pOne.ready)}`);
  console.log(`${'… after 1000 interactions, distinct users'.padEnd(44)} ${mb(pMany.after)}  (${pMany.exit})`);
  const met = pMany.after < 150 * MB && pMany.ready < 150 * MB;
  console.log(`GOAL resident memory < 150 MB after 1,000 interactions with 1,000 servers (npm start): ${mb(pMany.after)} — ${met ? 'met' : 'NOT MET'}`);
  if (process.env.BENCH_TSX === '1') {
    // The same process run from the sources (CHIPWATCH_TSX=1): what tsx costs, for comparison.
    const pTsx = await production(1000, 1000, true);
    console.log(`${'same, from sources under tsx, 1000 guilds'.padEnd(44)} ${mb(pTsx.ready)}  | after 1000 interactions ${mb(pTsx.after)}  (${pTsx.exit})`);
  }

  // Diagnostic, not the goal: the bot in a child under tsx, its heap measured after a forced GC, so caches
  // that grow with users would show (they must stay flat: users cached stays 0-1).
  const one = await memory(1, 0);
  const many = await memory(1000, 2);
  const knobs = [process.env.MALLOC_ARENA_MAX ? `MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX}` : '', process.env.BENCH_NODE_FLAGS ?? ''].filter(Boolean).join(' ') || 'Node defaults';
  console.log(`${`in-process (tsx) RSS, 1 guild (floor; ${knobs})`.padEnd(44)} ${mb(one.ready.rss)}  (heap ${mb(one.ready.heapUsed)}; before login ${mb(one.before.rss)})`);
  console.log(`${`in-process (tsx) RSS, ${many.guilds} guilds × 10 channels`.padEnd(44)} ${mb(many.ready.rss)}  (heap ${mb(many.ready.heapUsed)})  | floor ${mb(one.ready.rss)}  diff ${mb(many.ready.rss - one.ready.rss)}`);
  many.afterRounds.forEach((m, i) =>
    console.log(`${`… after ${(i + 1) * 1000} interactions, distinct users`.padEnd(44)} ${mb(m.mem.rss)}  (heap ${mb(m.mem.heapUsed)}; users cached ${m.users})`),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
