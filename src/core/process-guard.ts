// The last line of defence for a long-running bot: an error nobody caught — most often thrown by a
// platform library while it reads one malformed event (discord.js throws inside its gateway handler;
// bolt inside its request handler) — is logged with a code and the process keeps serving everyone else.
// Node's default is to end the process, which lets one bad event from outside take the bot down for
// every server (issue 10).
//
// The specific crash sites are fixed where they are (adapters/discord/interaction-guard.ts,
// adapters/slack/request-guard.ts), and those also answer the person with a short apology; this guard
// only keeps what they missed from being fatal. It is not a licence to ignore real breakage: a storm of
// uncaught errors means something is broken for good, so past STORM_MAX within STORM_WINDOW_MS the
// process exits non-zero and lets its supervisor restart it.
import type { Logger } from '../log.ts';

const STORM_MAX = 100;
const STORM_WINDOW_MS = 60_000;

export interface ProcessGuardOptions {
  /** Called on an error storm (default process.exit). */
  exit?: (code: number) => void;
  now?: () => number;
}

let installed: (() => void) | undefined;

/** Installs the handlers (once per process); returns a function that removes them. */
export function installProcessGuard(log: Logger, o: ProcessGuardOptions = {}): () => void {
  if (installed) return installed;
  const now = o.now ?? Date.now;
  const exit = o.exit ?? ((code: number) => process.exit(code));
  const recent: number[] = [];

  const seen = (code: string, err: unknown): void => {
    const t = now();
    recent.push(t);
    while (recent.length && recent[0]! < t - STORM_WINDOW_MS) recent.shift();
    log.error({ err, code }, 'an error escaped its handler; logged, and chipwatch keeps running');
    if (recent.length > STORM_MAX) {
      log.fatal({ code: 'ERROR_STORM', count: recent.length, windowSeconds: STORM_WINDOW_MS / 1000 }, 'too many uncaught errors; exiting so a supervisor can restart chipwatch');
      exit(1);
    }
  };
  const onRejection = (reason: unknown) => seen('UNHANDLED_REJECTION', reason);
  const onException = (err: Error) => seen('UNCAUGHT_EXCEPTION', err);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  installed = () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
    installed = undefined;
  };
  return installed;
}
