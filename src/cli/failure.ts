// The CLI's and the bot's one error boundary: turns whatever ended a subcommand into ONE line that says
// what to fix, and an exit code. Failures a person can cause (settings, paths, permissions, a full disk, a
// refused token) are named; anything else is a bug and gets a short line that points at --debug, which
// (like LOG_LEVEL=debug) prints the trace as well.
import { ConfigError } from '../config.ts';
import { CatalogError } from '../catalog/load.ts';
import { isOperatorError } from '../core/errors.ts';

export interface Failure {
  /** One line, without the "chipwatch: " prefix. */
  line: string;
  exitCode: number;
  /** False for a bug: the line says so and points at --debug. */
  expected: boolean;
}

/** Exit code for a bad command line or configuration (what `chipwatch` has always used). */
const USAGE_EXIT = 2;

interface SystemError {
  code?: unknown;
  syscall?: string;
  path?: string;
  address?: string;
  port?: number;
  message?: string;
}

/** Node's system errors, each with what a person can do about it. */
const SYSTEM: Record<string, (where: string, e: SystemError) => string> = {
  ENOENT: (w) => `${w}: no such file or directory; check the path`,
  EACCES: (w) => `${w}: permission denied; run chipwatch as a user who may use it, or choose another path`,
  EPERM: (w) => `${w}: operation not permitted; run chipwatch as a user who may use it, or choose another path`,
  EROFS: (w) => `${w}: the file system is read-only; choose a writable place`,
  ENOSPC: (w) => `${w}: no space left on the device; free some space`,
  EDQUOT: (w) => `${w}: disk quota exceeded; free some space`,
  ENOTDIR: (w) => `${w}: part of this path is a file, not a directory; fix the path`,
  EISDIR: (w) => `${w}: is a directory; give a file path`,
  EEXIST: (w) => `${w}: already exists`,
  EMFILE: () => 'too many open files; raise the limit (ulimit -n)',
  EADDRINUSE: (_w, e) => `port ${e.port ?? '?'} on ${e.address ?? 'this host'} is already in use; stop the other process or choose another port`,
  EADDRNOTAVAIL: (_w, e) => `address ${e.address ?? '?'} is not available on this host; check the configured address`,
};

/** SQLite's result codes as better-sqlite3 reports them (SqliteError.code), for the database in use. */
const SQLITE: Record<string, string> = {
  SQLITE_CORRUPT: 'the database is damaged (SQLITE_CORRUPT); restore a backup (README, "Backup and restore")',
  SQLITE_NOTADB: 'CHIPWATCH_DB is not an SQLite database (SQLITE_NOTADB); point it at a chipwatch database or a new path',
  SQLITE_READONLY: 'the database cannot be written (SQLITE_READONLY); give chipwatch write access to CHIPWATCH_DB and its directory',
  SQLITE_FULL: 'the database could not grow: the disk is full (SQLITE_FULL); free some space',
  SQLITE_CANTOPEN: 'the database cannot be opened (SQLITE_CANTOPEN); check CHIPWATCH_DB and its directory',
  SQLITE_IOERR: 'reading or writing the database failed (SQLITE_IOERR); check the disk and CHIPWATCH_DB',
  SQLITE_BUSY: 'the database is locked by another process (SQLITE_BUSY); try again, or stop the other chipwatch',
  SQLITE_PERM: 'the database may not be opened (SQLITE_PERM); check the permissions of CHIPWATCH_DB',
};

function code(e: unknown): string | undefined {
  const c = (e as SystemError | null)?.code;
  return typeof c === 'string' ? c : undefined;
}

function firstLine(s: string): string {
  return s.split('\n', 1)[0]!.trim();
}

export function explainFailure(e: unknown): Failure {
  if (isOperatorError(e)) return { line: e.message, exitCode: e.code === 'CONFIG' || e.code === 'USAGE' ? USAGE_EXIT : 1, expected: true };
  // ConfigError lists every bad variable, one per line: the one case where more than a line helps.
  if (e instanceof ConfigError) return { line: e.message, exitCode: USAGE_EXIT, expected: true };
  if (e instanceof CatalogError) return { line: e.message, exitCode: USAGE_EXIT, expected: true };
  const c = code(e);
  // node:util parseArgs: an unknown option, a missing value. (Discord's error codes are numbers: `code` is not always a string.)
  if (c?.startsWith('ERR_PARSE_ARGS')) return { line: firstLine((e as Error).message), exitCode: USAGE_EXIT, expected: true };
  // better-sqlite3 reports extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED): the primary one decides.
  const sqlite = c && SQLITE[c.replace(/^(SQLITE_[A-Z]+).*/, '$1')];
  if (sqlite) return { line: sqlite, exitCode: 1, expected: true };
  if (c && SYSTEM[c]) {
    const s = e as SystemError;
    // Some calls name no path (readFileSync on a directory: "EISDIR … read").
    return { line: SYSTEM[c]!(s.path ?? 'the path given', s), exitCode: 1, expected: true };
  }
  const message = e instanceof Error ? firstLine(e.message) : firstLine(String(e));
  return { line: `unexpected error: ${message || (e as Error)?.name || 'unknown'} (a bug; run with --debug for the trace)`, exitCode: 1, expected: false };
}

/** Whether the trace should be shown: `--debug` anywhere on the command line, or LOG_LEVEL=debug|trace. */
export function wantsDebug(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  return argv.includes('--debug') || env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace';
}

/** Prints the failure (and with `debug`, the trace and its causes) to stderr; returns the exit code. */
export function reportFailure(e: unknown, debug: boolean, write: (s: string) => void = (s) => process.stderr.write(s)): number {
  const f = explainFailure(e);
  write(`chipwatch: ${f.line}\n`);
  if (debug) {
    let cur: unknown = e;
    for (let depth = 0; cur && depth < 5; depth++) {
      write(`${depth ? 'caused by: ' : ''}${(cur as Error).stack ?? String(cur)}\n`);
      cur = (cur as { cause?: unknown }).cause;
    }
  }
  return f.exitCode;
}
