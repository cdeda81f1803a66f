// The Prometheus metrics of one running chipwatch (prom-client, text exposition format). Two kinds:
//  - counted in this process as things happen: interactions by platform, command and outcome, and their
//    handling time (reported by the dispatcher through src/ops/observe.ts);
//  - read from the database when Prometheus scrapes: the outbox by status (sent, failed, pending, …) and
//    its depth, posts whose outcome was uncertain, each feed's health, and who holds the delivery lease.
//    Reading at scrape time keeps the delivery and news code free of metric calls, and the figures agree
//    with what `chipwatch sources` and /subscriptions show, across restarts and across processes.
// Plus prom-client's process metrics (memory, CPU, event-loop lag, GC). No platform library is imported.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { App } from '../app.ts';
import type { Db } from '../store/db.ts';
import { watchApp } from './observe.ts';
import { readLeases } from './lease-reading.ts';

export interface Metrics {
  registry: Registry;
  /** The exposition text for GET /metrics. */
  text(): Promise<string>;
  contentType: string;
  /** Stops counting this app's interactions. */
  close(): void;
}

export interface MetricsOptions {
  /** This process's holder id for the delivery lease (src/delivery/lease-gate.ts), read at each scrape. */
  leaseHolderId?: () => string | undefined;
}

export function createMetrics(app: App, o: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const db = app.db;
  // A scrape must answer even when the database does not (it is /healthz's job to say so): each gauge
  // that reads the database leaves its values empty on error and the error is counted.
  const scrapeErrors = new Counter({ name: 'chipwatch_scrape_errors_total', help: 'Database reads that failed while collecting metrics.', labelNames: ['metric'], registers: [] });
  const guarded = (metric: string, read: () => void) => {
    try {
      read();
    } catch (e) {
      scrapeErrors.inc({ metric });
      app.log.warn({ err: e, code: 'METRICS_READ_FAILED', metric }, 'metrics: could not read the database');
    }
  };

  const interactions = new Counter({
    name: 'chipwatch_interactions_total',
    help: 'Commands and button presses handled, by platform, command ("unknown" when not a command) and outcome (ok, user_error, error).',
    labelNames: ['platform', 'command', 'outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'chipwatch_interaction_duration_seconds',
    help: 'Time from the dispatcher receiving an interaction to its reply being ready (excludes the platform round trip).',
    labelNames: ['platform', 'command'],
    // Discord needs an answer or a defer within 3 s, Slack an ack within 3 s: the buckets resolve that range.
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const unwatch = watchApp(app, {
    interaction(e) {
      interactions.inc({ platform: e.platform, command: e.command, outcome: e.outcome });
      latency.observe({ platform: e.platform, command: e.command }, e.seconds);
    },
  });

  new Gauge({
    name: 'chipwatch_outbox_posts',
    help: 'Posts in the outbox by platform and status (pending, sending, sent, failed, cancelled). Delivered and failed rows are pruned after their retention, so this is a gauge: use it for ratios and alerts, not as a lifetime count.',
    labelNames: ['platform', 'status'],
    registers: [registry],
    collect() {
      this.reset();
      guarded('chipwatch_outbox_posts', () => {
        for (const r of db.prepare(`SELECT platform, status, count(*) AS n FROM outbox GROUP BY platform, status`).all() as { platform: string; status: string; n: number }[])
          this.set({ platform: r.platform, status: r.status }, r.n);
      });
    },
  });
  new Gauge({
    name: 'chipwatch_outbox_depth',
    help: 'Posts waiting to be sent (pending or being sent), by platform.',
    labelNames: ['platform'],
    registers: [registry],
    collect() {
      this.reset();
      guarded('chipwatch_outbox_depth', () => {
        for (const r of db.prepare(`SELECT platform, count(*) AS n FROM outbox WHERE status IN ('pending', 'sending') GROUP BY platform`).all() as { platform: string; n: number }[])
          this.set({ platform: r.platform }, r.n);
      });
    },
  });
  new Gauge({
    name: 'chipwatch_outbox_oldest_pending_seconds',
    help: 'Age of the oldest post still waiting to be sent (0 when none is waiting).',
    registers: [registry],
    collect() {
      this.set(0);
      guarded('chipwatch_outbox_oldest_pending_seconds', () => {
        const oldest = db.prepare(`SELECT min(created_at) FROM outbox WHERE status IN ('pending', 'sending')`).pluck().get() as number | null;
        if (oldest !== null) this.set(Math.max(0, (app.now().getTime() - oldest) / 1000));
      });
    },
  });
  new Gauge({
    name: 'chipwatch_outbox_uncertain_posts',
    help: 'Posts whose send may have reached the platform unrecorded (a crash or time-out mid-send), by platform and how each was settled: nonce (deduplicated by the platform), found (already in the channel), absent (sent once), unchecked (possibly doubled), pending (not settled yet).',
    labelNames: ['platform', 'resolution'],
    registers: [registry],
    collect() {
      this.reset();
      guarded('chipwatch_outbox_uncertain_posts', () => {
        for (const r of db.prepare(`SELECT platform, coalesce(resolution, 'pending') AS resolution, count(*) AS n FROM outbox WHERE uncertain = 1 GROUP BY 1, 2`).all() as { platform: string; resolution: string; n: number }[])
          this.set({ platform: r.platform, resolution: r.resolution }, r.n);
      });
    },
  });

  // Feed health, as `chipwatch sources` shows it (src/news/sources.ts keeps it in feed_sources).
  interface SourceHealth {
    id: string;
    last_success_at: number | null;
    last_error_at: number | null;
    consecutive_failures: number;
  }
  const sources = (): SourceHealth[] => db.prepare(`SELECT id, last_success_at, last_error_at, consecutive_failures FROM feed_sources WHERE enabled = 1 ORDER BY id`).all() as SourceHealth[];
  new Gauge({
    name: 'chipwatch_source_last_success_timestamp_seconds',
    help: 'When each enabled feed was last read successfully (Unix seconds; 0 = never).',
    labelNames: ['source'],
    registers: [registry],
    collect() {
      this.reset();
      guarded('chipwatch_source_last_success_timestamp_seconds', () => {
        for (const s of sources()) this.set({ source: s.id }, (s.last_success_at ?? 0) / 1000);
      });
    },
  });
  new Gauge({
    name: 'chipwatch_source_consecutive_failures',
    help: 'Failed reads of each enabled feed since its last success.',
    labelNames: ['source'],
    registers: [registry],
    collect() {
      this.reset();
      guarded('chipwatch_source_consecutive_failures', () => {
        for (const s of sources()) this.set({ source: s.id }, s.consecutive_failures);
      });
    },
  });

  new Gauge({
    name: 'chipwatch_lease_holder',
    help: 'Who holds each lease (1 per lease, labelled with the holder; "none" when free or expired). The delivery lease decides which process polls feeds and delivers posts.',
    labelNames: ['lease', 'holder'],
    registers: [registry],
    collect() {
      this.reset();
      guarded('chipwatch_lease_holder', () => {
        for (const l of readLeases(db, app.now().getTime(), o.leaseHolderId?.())) this.set({ lease: l.lease, holder: l.holder }, 1);
      });
    },
  });
  new Gauge({
    name: 'chipwatch_lease_held',
    help: 'Whether this process holds the lease (1) or not (0).',
    labelNames: ['lease'],
    registers: [registry],
    collect() {
      this.reset();
      guarded('chipwatch_lease_held', () => {
        for (const l of readLeases(db, app.now().getTime(), o.leaseHolderId?.())) this.set({ lease: l.lease }, l.mine ? 1 : 0);
      });
    },
  });

  // Registered last: a scrape serialises metrics in order, so this one then includes the failures of the
  // database reads made by the gauges above in the same scrape.
  registry.registerMetric(scrapeErrors);

  return {
    registry,
    contentType: registry.contentType,
    text: () => registry.metrics(),
    close: unwatch,
  };
}
