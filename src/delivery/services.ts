// Wires delivery into `npm start`: the digest scheduler, the real-time fan-out and the outbox worker, all
// in the process holding the deliverer lease (src/cli/start.ts, lease-gate.ts), sending through the
// posters of the running chat adapters. The worker is listed first so it stops last: deciders stop
// first, then in-flight sends finish or are safely abandoned.
import type { App } from '../app.ts';
import type { Poster, Service } from '../core/adapter.ts';
import { createDigestScheduler } from './scheduler.ts';
import { createRealtimeFanout } from './realtime.ts';
import { createOutboxWorker } from './worker.ts';

export function deliveryServices(app: App, posters: readonly Poster[]): Service[] {
  const platforms = posters.map((p) => p.platform);
  // A claim outlives a lease hand-over: rows a dead holder left mid-send are settled by its successor
  // about one lease after it takes over (twice the lease; 30 s by default).
  // In-flight sends get half the shutdown budget: the adapters and the ops server must still stop after it.
  const worker = createOutboxWorker(app, { posters, claimMs: 2 * app.config.CHIPWATCH_LEASE_SECONDS * 1000, stopGraceMs: (app.config.CHIPWATCH_SHUTDOWN_SECONDS * 1000) / 2 });
  const scheduler = createDigestScheduler(app, { platforms, onQueued: () => worker.wake() });
  const fanout = createRealtimeFanout(app, { platforms, pollMs: app.config.CHIPWATCH_REALTIME_POLL_SECONDS * 1000, onQueued: () => worker.wake() });
  // start() runs in list order and stop() in reverse: the worker starts first and stops last.
  return [worker, scheduler, fanout];
}
