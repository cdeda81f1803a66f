// Runs a group of background services only while this process holds the 'deliverer' lease (lease.ts), so
// that however many processes share the database (a restart overlapping the old process, a second host on
// shared storage, Discord shards split across processes), one polls the feeds, decides digests and sends
// the outbox. Every process tries to take or renew the lease each `renewMs`; a holder that dies stops
// renewing, its lease lapses after `leaseMs`, and the next try of another process takes over: hand-over
// within leaseMs + renewMs. A holder that finds the lease taken (it stalled past its expiry) stops its
// services at once. Even in that overlap nothing is sent twice: each outbox row is claimed before it is
// sent (outbox.claim), and deciders write through idempotency keys.
import type { App } from '../app.ts';
import type { Service } from '../core/adapter.ts';
import { acquireLease, DELIVERER_LEASE, releaseLease } from './lease.ts';
import { workerId } from './worker.ts';

/** Lease length by default; renewed every third of it, so a dead holder is replaced within 20 s. */
export const DEFAULT_LEASE_MS = 15_000;

export interface LeaseGateOptions {
  holder?: string;
  leaseMs?: number;
  renewMs?: number;
  name?: string;
}

export interface LeaseGate extends Service {
  /** Whether this process holds the lease and its services are running. */
  leading(): boolean;
  readonly holder: string;
}

export function gateByLease(app: App, services: readonly Service[], o: LeaseGateOptions = {}): LeaseGate {
  const holder = o.holder ?? workerId();
  const leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
  const renewMs = o.renewMs ?? Math.max(1, Math.floor(leaseMs / 3));
  const name = o.name ?? DELIVERER_LEASE;
  let running = false;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  // Transitions (start or stop the group) run one at a time, in order.
  let chain: Promise<void> = Promise.resolve();

  async function startGroup(): Promise<void> {
    if (running || stopping) return;
    app.log.info({ code: 'DELIVERER_LEASE_TAKEN', holder, services: services.map((s) => s.name) }, 'this process now runs the poller, scheduler and outbox worker');
    const started: Service[] = [];
    try {
      for (const s of services) {
        await s.start();
        started.push(s);
      }
      running = true;
    } catch (e) {
      app.log.error({ err: e, code: 'DELIVERER_START_FAILED' }, 'a background service failed to start; giving the lease up');
      for (const s of started.reverse()) await s.stop().catch(() => {});
      try {
        releaseLease(app.db, name, holder);
      } catch (err) {
        // Still ours then: the next tick renews it and tries the services again.
        app.log.error({ err, code: 'DELIVERER_LEASE_ERROR' }, 'could not release the deliverer lease');
      }
    }
  }

  /** Queues a transition. The chain must never reject: a rejected chain would skip every later transition,
   * leaving this process renewing the lease with nothing running (no process would deliver). */
  function queueTransition(step: () => Promise<void>): void {
    chain = chain.then(step).catch((err: unknown) => app.log.error({ err, code: 'DELIVERER_TRANSITION_FAILED' }, 'starting or stopping the background services failed'));
  }

  async function stopGroup(why: string): Promise<void> {
    if (!running) return;
    running = false;
    app.log.warn({ code: 'DELIVERER_LEASE_LOST', holder, why }, 'stopping the poller, scheduler and outbox worker');
    for (const s of [...services].reverse()) {
      try {
        await s.stop();
      } catch (e) {
        app.log.error({ err: e, service: s.name }, 'service did not stop cleanly');
      }
    }
  }

  function tick(): void {
    if (stopping) return;
    let held: boolean;
    try {
      held = acquireLease(app.db, name, holder, app.now().getTime(), leaseMs);
    } catch (e) {
      // The database is busy or failing: we cannot prove we hold the lease, so we do not act as if we did.
      app.log.error({ err: e, code: 'DELIVERER_LEASE_ERROR' }, 'could not renew the deliverer lease');
      held = false;
    }
    if (held && !running) queueTransition(startGroup);
    else if (!held && running) queueTransition(() => stopGroup('another process holds the deliverer lease'));
    timer = setTimeout(tick, renewMs);
  }

  return {
    name: 'deliverer-lease',
    holder,
    leading: () => running,
    async start() {
      stopping = false;
      tick();
      await chain;
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await chain;
      await stopGroup('stopping');
      // Only after the group has stopped: a successor must not start while our worker still sends.
      releaseLease(app.db, name, holder);
    },
  };
}
