// How `chipwatch start` ends. A stop can be asked for at any time — even while services are still
// starting (Discord may be down and the gateway never answer): by SIGINT/SIGTERM, by the console closing,
// or by the database file going away. Services then get CHIPWATCH_SHUTDOWN_SECONDS in total to stop;
// a second signal exits at once.
import type { Service } from '../core/adapter.ts';
import type { Logger } from '../log.ts';

export interface StopRequest {
  reason: string;
  exitCode: number;
  /** For an unexpected stop: the one line to show (what happened, what to do). */
  message?: string;
}

/** Hooks SIGINT and SIGTERM: the first asks for a stop; a second exits now (130/143, as a shell would). */
export function onStopSignals(request: (r: StopRequest) => void): () => void {
  let seen = false;
  const handler = (signal: NodeJS.Signals) => {
    if (seen) {
      process.stderr.write(`chipwatch: second ${signal}: exiting now without waiting for services\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    seen = true;
    request({ reason: signal, exitCode: 0 });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

/**
 * Stops `services` in the order given (the caller passes reverse start order), all within `ms`.
 * Returns the names of those that had not stopped by then (empty when all did).
 */
export async function stopWithin(services: readonly Service[], ms: number, log: Logger): Promise<string[]> {
  const pending = services.map((s) => s.name);
  const all = (async () => {
    for (const s of services) {
      try {
        await s.stop();
      } catch (e) {
        log.error({ err: e, service: s.name }, 'service did not stop cleanly');
      }
      pending.splice(pending.indexOf(s.name), 1);
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([all, new Promise((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
  return pending;
}
