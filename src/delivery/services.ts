// Wires delivery into `npm start`: the digest scheduler, the real-time fan-out and the outbox worker, all
// in the bot's process, sending through the posters of the running chat adapters. The worker is listed
// last so it stops last: deciders stop first, then in-flight sends finish or are safely abandoned.
import type { App } from '../app.ts';
import type { Poster, Service } from '../core/adapter.ts';
import { createDigestScheduler } from './scheduler.ts';
import { createRealtimeFanout } from './realtime.ts';
import { createOutboxWorker } from './worker.ts';

export function deliveryServices(app: App, posters: readonly Poster[]): Service[] {
  const platforms = posters.map((p) => p.platform);
  const worker = createOutboxWorker(app, { posters });
  const scheduler = createDigestScheduler(app, { platforms, onQueued: () => worker.wake() });
  const fanout = createRealtimeFanout(app, { platforms, pollMs: app.config.CHIPWATCH_REALTIME_POLL_SECONDS * 1000, onQueued: () => worker.wake() });
  // start() runs in list order and stop() in reverse: the worker starts first and stops last.
  return [worker, scheduler, fanout];
}
