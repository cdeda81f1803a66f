// One logger for the process (pino: structured JSON to stderr, so the console adapter's stdout stays
// clean). Secrets are redacted by path as a second line of defence; the first is never logging them.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['token', '*.token', 'botToken', '*.botToken', 'secret', '*.secret', 'headers.authorization', '*.headers.authorization', 'config.*Token', 'config.*Secret'],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  );
}
