// bolt, the WebClient and Socket Mode log through this: pino underneath, with anything shaped like a
// Slack token or signing signature scrubbed from the text first, so a library's debug line cannot leak one.
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../log.ts';

const SECRET = /\b(xox[a-z]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|v0=[0-9a-f]{64})\b/g;

export function scrub(s: string): string {
  return s.replace(SECRET, '[redacted]');
}

function text(parts: unknown[]): string {
  return scrub(parts.map((p) => (p instanceof Error ? `${p.name}: ${p.message}` : typeof p === 'string' ? p : safeJson(p))).join(' '));
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

const ORDER: LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/** The Slack libraries' level matching pino's, so LOG_LEVEL=debug also shows bolt's debug lines. */
function levelOf(log: Logger): LogLevel {
  switch (log.level) {
    case 'trace':
    case 'debug':
      return LogLevel.DEBUG;
    case 'info':
      return LogLevel.INFO;
    case 'warn':
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}

/** A @slack/logger Logger writing to pino (component "slack"). Its level only narrows pino's. */
export function slackLogger(log: Logger, level: LogLevel = levelOf(log)): SlackLogger {
  let current = level;
  let name = 'slack';
  const child = () => log.child({ component: name });
  const on = (l: LogLevel) => ORDER.indexOf(l) >= ORDER.indexOf(current);
  return {
    debug: (...m) => void (on(LogLevel.DEBUG) && child().debug(text(m))),
    info: (...m) => void (on(LogLevel.INFO) && child().info(text(m))),
    warn: (...m) => void (on(LogLevel.WARN) && child().warn(text(m))),
    error: (...m) => void (on(LogLevel.ERROR) && child().error(text(m))),
    setLevel: (l) => void (current = l),
    getLevel: () => current,
    setName: (n) => void (name = n),
  };
}
