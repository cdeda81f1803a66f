// The User-Agent every feed request sends: names the bot, its version and where to read about it, so an
// outlet's operator can see who polls them and how to reach us.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.ts';

function version(): string {
  try {
    return (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? '0';
  } catch {
    return '0';
  }
}

export const USER_AGENT = `chipwatch/${version()} (+https://github.com/chipwatch/chipwatch)`;
