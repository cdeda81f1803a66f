// The seam between the code that does the work and the metrics that count it: the dispatcher reports each
// interaction here, and whatever watches an App (src/ops/metrics.ts, when the metrics port is configured)
// receives it. Nothing here imports prom-client or a platform, so `chipwatch ask` and the tests pay nothing
// for metrics they do not serve; with no watcher attached a report is one WeakMap lookup.
import type { App } from '../app.ts';
import type { Platform } from '../core/context.ts';
import type { Reply } from '../core/reply.ts';

/** ok: answered; user_error: refused with a UserError (bad input, no permission); error: a bug, apologised for. */
export type InteractionOutcome = 'ok' | 'user_error' | 'error';

export interface InteractionEvent {
  platform: Platform;
  /** A defined command's name, or "unknown": what users type never becomes a label (unbounded series). */
  command: string;
  outcome: InteractionOutcome;
  seconds: number;
}

export interface OpsWatcher {
  interaction(e: InteractionEvent): void;
}

const watchers = new WeakMap<App, OpsWatcher>();

/** Starts sending `app`'s events to `w`; returns the function that stops it. */
export function watchApp(app: App, w: OpsWatcher): () => void {
  watchers.set(app, w);
  return () => {
    if (watchers.get(app) === w) watchers.delete(app);
  };
}

/** What the dispatcher was asked (its Invocation, restated here so this file does not import the dispatcher). */
export type Asked = { kind: 'typed'; name: string } | { kind: 'text'; line: string };

/** The command an invocation names, if it is one of the app's commands. */
function commandLabel(app: App, input: Asked): string {
  const raw = input.kind === 'typed' ? input.name : (input.line.trim().split(/\s+/, 1)[0] ?? '');
  const name = raw.replace(/^\//, '').toLowerCase();
  return app.commands.some((c) => c.name === name) ? name : 'unknown';
}

/** Called by the dispatcher once per interaction with the reply it produced and how long that took. */
export function observeInteraction(app: App, platform: Platform, input: Asked, reply: Reply, seconds: number): void {
  const w = watchers.get(app);
  if (!w) return;
  const outcome: InteractionOutcome = !reply.error ? 'ok' : reply.error.code === 'INTERNAL' ? 'error' : 'user_error';
  try {
    w.interaction({ platform, command: commandLabel(app, input), outcome, seconds });
  } catch {
    // Counting must never cost a user their reply.
  }
}
