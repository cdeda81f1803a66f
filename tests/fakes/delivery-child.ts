// The outbox worker as a separate process, for the crash test: opens the database file given, sends every
// pending post to the fake platform at the URL given, prints "started" and then "drained", and exits.
// The test SIGKILLs it at random moments and starts it again. SIGTERM stops it the way `npm start` does.
// Usage: node --import tsx tests/fakes/delivery-child.ts <db-file> <fake-platform-url> [concurrency]
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { openDatabase } from '../../src/store/db.ts';
import { createOutboxWorker } from '../../src/delivery/worker.ts';
import type { App } from '../../src/app.ts';
import { fakePlatformPoster } from './platform.ts';

const [dbFile, url, concurrency] = process.argv.slice(2);
if (!dbFile || !url) {
  console.error('usage: delivery-child.ts <db-file> <fake-platform-url> [concurrency]');
  process.exit(2);
}
const app: App = {
  config: loadConfig({ CHIPWATCH_DB: dbFile, LOG_LEVEL: 'silent' }),
  db: openDatabase(dbFile),
  log: createLogger('silent'),
  commands: [],
  now: () => new Date(),
};
const worker = createOutboxWorker(app, {
  posters: [fakePlatformPoster(url, { timeoutMs: 1_000 })],
  // Pacing is tested elsewhere; here the point is crashing mid-batch.
  limits: { discord: null },
  globalLimits: { discord: null },
  concurrency: Number(concurrency ?? 8),
  backoff: { baseMs: 20, maxMs: 200 },
  stopGraceMs: 2_000,
  // Rows a killed child left mid-send are taken over this long after its last renewal (poster time-out 1 s).
  claimMs: 1_500,
});
process.once('SIGTERM', () => {
  void worker.stop().then(() => {
    app.db.close();
    process.stdout.write('stopped\n');
    process.exit(0);
  });
});
await worker.start();
process.stdout.write('started\n');
await worker.drained();
await worker.stop();
app.db.close();
process.stdout.write('drained\n');
process.exit(0);
