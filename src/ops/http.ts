// The operator's port (CHIPWATCH_METRICS_PORT, on CHIPWATCH_METRICS_HOST, loopback by default): GET
// /healthz for a supervisor or load balancer and GET /metrics for Prometheus, in every mode (console,
// Discord, Slack over HTTP or Socket Mode), as a Service that `npm start` starts first and stops last.
// It is a separate port from Slack's SLACK_PORT on purpose: that one faces the internet, this one should not.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { statSync } from 'node:fs';
import type { App } from '../app.ts';
import type { Service } from '../core/adapter.ts';
import { ConfigError } from '../config.ts';
import { createMetrics, type Metrics, type MetricsOptions } from './metrics.ts';

export interface OpsServer extends Service {
  /** Where it listens, once started (port 0 in the settings becomes the port the system chose). */
  address(): { host: string; port: number };
  metrics: Metrics;
}

export interface OpsServerOptions extends MetricsOptions {
  port: number;
  host: string;
  /** The running chat adapters' names, for /healthz (read on each request: adapters start after this). */
  adapters: () => readonly string[];
}

export interface Health {
  status: 'ok' | 'fail';
  db: string;
  uptimeSeconds: number;
  adapters: readonly string[];
}

/**
 * Does the database answer, and is its file still the one we opened? A deleted or replaced file keeps
 * answering through the open handle while every write goes nowhere a restart will find.
 */
export function databaseHealth(app: App, openedIno: number | undefined): string {
  try {
    if (!app.db.open) return 'closed';
    app.db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
    if (openedIno !== undefined) {
      const st = statSync(app.db.name, { throwIfNoEntry: false });
      if (!st) return 'database file is gone';
      if (st.ino !== openedIno) return 'database file was replaced';
    }
    return 'ok';
  } catch (e) {
    return `error: ${(e as { code?: string }).code ?? (e as Error).message.slice(0, 80)}`;
  }
}

function fileIno(app: App): number | undefined {
  const name = app.db.name;
  if (!name || name === ':memory:' || app.db.memory) return undefined;
  return statSync(name, { throwIfNoEntry: false })?.ino;
}

export function createOpsServer(app: App, o: OpsServerOptions): OpsServer {
  const metrics = createMetrics(app, o);
  const startedAt = performance.now();
  const ino = fileIno(app);
  let server: Server | undefined;

  function health(): Health {
    const db = databaseHealth(app, ino);
    return { status: db === 'ok' ? 'ok' : 'fail', db, uptimeSeconds: Math.round((performance.now() - startedAt) / 1000), adapters: o.adapters() };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'GET only\n');
    if (path === '/healthz') {
      const h = health();
      return send(h.status === 'ok' ? 200 : 503, 'application/json; charset=utf-8', `${JSON.stringify(h)}\n`);
    }
    if (path === '/metrics') return send(200, metrics.contentType, await metrics.text());
    send(404, 'text/plain; charset=utf-8', 'Not found. Try /healthz or /metrics.\n');
  }

  return {
    name: 'ops-http',
    metrics,
    address() {
      const a = server?.address() as AddressInfo | null | undefined;
      if (!a) throw new Error('ops server is not listening');
      return { host: a.address, port: a.port };
    },
    async start() {
      const s = createServer((req, res) => {
        handle(req, res).catch((e: unknown) => {
          app.log.error({ err: e, code: 'OPS_HTTP_FAILED' }, 'health/metrics request failed');
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('internal error\n');
        });
      });
      await new Promise<void>((resolve, reject) => {
        s.once('error', (e: NodeJS.ErrnoException) => {
          const why = e.code === 'EADDRINUSE' ? 'is in use by another program' : e.code === 'EACCES' ? 'needs privileges (ports below 1024)' : e.code === 'EADDRNOTAVAIL' ? 'is not an address of this machine' : (e.code ?? e.message);
          reject(new ConfigError(`CHIPWATCH_METRICS_PORT: cannot listen on ${o.host}:${o.port} (${why}); choose another CHIPWATCH_METRICS_PORT or CHIPWATCH_METRICS_HOST, or unset CHIPWATCH_METRICS_PORT.`));
        });
        s.listen(o.port, o.host, () => resolve());
      });
      server = s;
      const { host, port } = this.address();
      app.log.info({ url: `http://${host.includes(':') ? `[${host}]` : host}:${port}` }, 'serving /healthz and /metrics');
    },
    async stop() {
      metrics.close();
      const s = server;
      server = undefined;
      if (!s) return;
      // Prometheus keeps its connection open between scrapes: close idle ones so close() can finish.
      s.closeIdleConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}
