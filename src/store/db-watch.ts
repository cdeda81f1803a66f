// Notices when the database file goes away under the running bot. SQLite keeps writing to an open file
// that was deleted or replaced (the writes land in an unlinked inode and vanish at exit), so without this
// the bot would keep answering "Updated…" into nothing. A stat every second is cheap (microseconds) and
// bounds how long that can go on; start.ts then stops the bot with one line.
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

export interface DbWatchOptions {
  intervalMs?: number;
}

/** What is wrong with the file at `abs` compared with the one opened, or undefined while all is well. */
export function databaseFileProblem(abs: string, opened: { dev: number; ino: number }): string | undefined {
  const now = statSync(abs, { throwIfNoEntry: false });
  if (!now) return `${abs} was deleted while chipwatch was running (writes would be lost); restore it from a backup or restart chipwatch to start a new one`;
  if (now.dev !== opened.dev || now.ino !== opened.ino) return `${abs} was replaced while chipwatch was running (it was still writing to the old file); restart chipwatch to use the new one`;
  try {
    accessSync(abs, constants.W_OK);
  } catch (e) {
    return `${abs} became read-only while chipwatch was running (${(e as { code?: string }).code ?? 'not writable'}); make it writable again and restart chipwatch`;
  }
  return undefined;
}

/** Checks the file every `intervalMs` and calls `onProblem` once; returns a function that stops watching. */
export function watchDatabaseFile(file: string, onProblem: (message: string) => void, o: DbWatchOptions = {}): () => void {
  if (file === ':memory:') return () => {};
  const abs = path.resolve(file);
  const opened = statSync(abs);
  const timer = setInterval(() => {
    const problem = databaseFileProblem(abs, opened);
    if (problem) {
      clearInterval(timer);
      onProblem(problem);
    }
  }, o.intervalMs ?? 1000);
  timer.unref();
  return () => clearInterval(timer);
}
