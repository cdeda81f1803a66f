// What can be wrong with CHIPWATCH_DB before and while it is opened, each as one OperatorError that names
// the path and what to do. Kept apart from db.ts so the opening itself stays readable.
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { OperatorError, isOperatorError } from '../core/errors.ts';

function codeOf(e: unknown): string {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : '';
}

const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  // Under /proc or /sys, mkdir answers ENOENT although the parent exists.
  ENOENT: 'this file system does not allow it',
};

/**
 * Makes sure the database's directory exists, creating each missing level once. Not mkdirSync's
 * `recursive`: under /proc it loops forever at 100% CPU (mkdir says ENOENT for a parent that exists).
 */
export function prepareDirectory(abs: string): void {
  const missing: string[] = [];
  for (let cur = path.dirname(abs); ; cur = path.dirname(cur)) {
    let st;
    try {
      st = statSync(cur);
    } catch (e) {
      // ENOTDIR: a file further up; keep walking to name it.
      if ((codeOf(e) === 'ENOENT' || codeOf(e) === 'ENOTDIR') && path.dirname(cur) !== cur) {
        missing.unshift(cur);
        continue;
      }
      throw new OperatorError('DB_PATH', `CHIPWATCH_DB=${abs}: cannot reach ${cur} (${codeOf(e) || String(e)}); choose another path`, { cause: e });
    }
    if (!st.isDirectory()) throw new OperatorError('DB_PATH', `CHIPWATCH_DB=${abs}: ${cur} is a file, not a directory; choose a path inside a directory`);
    break;
  }
  for (const dir of missing) {
    try {
      mkdirSync(dir);
    } catch (e) {
      if (codeOf(e) === 'EEXIST') continue; // made meanwhile by someone else
      throw new OperatorError('DB_PATH', `CHIPWATCH_DB=${abs}: cannot create the directory ${dir} (${WHY[codeOf(e)] ?? codeOf(e)}); create it yourself or point CHIPWATCH_DB elsewhere`, { cause: e });
    }
  }
}

/**
 * chipwatch writes at every start and while running, so a database it could only read is refused now,
 * not at the first write. The directory must be writable too: WAL mode creates -wal and -shm beside it.
 */
export function checkWritable(abs: string, exists: boolean): void {
  const dir = path.dirname(abs);
  for (const [p, what] of [...(exists ? [[abs, 'the file'] as const] : []), [dir, 'its directory'] as const]) {
    try {
      accessSync(p, constants.W_OK);
    } catch (e) {
      const c = codeOf(e);
      // An existing -wal beside a read-only directory is still usable; only a missing one needs the directory.
      if (p === dir && exists && statSync(`${abs}-wal`, { throwIfNoEntry: false })) return;
      throw new OperatorError('DB_READ_ONLY', `CHIPWATCH_DB=${abs}: ${what} is not writable (${WHY[c] ?? c}); give the user running chipwatch write access, or point CHIPWATCH_DB elsewhere`, { cause: e });
    }
  }
}

/** Whatever opening, checking or migrating threw, as one OperatorError where a person can fix it. */
export function databaseError(abs: string, e: unknown): unknown {
  if (isOperatorError(e)) return e;
  const c = codeOf(e);
  const primary = c.replace(/^(SQLITE_[A-Z]+).*/, '$1');
  const detail = (e as Error).message?.split('\n', 1)[0] ?? '';
  const op = (code: ConstructorParameters<typeof OperatorError>[0], msg: string) => new OperatorError(code, msg, { cause: e });
  switch (primary) {
    case 'SQLITE_NOTADB':
      return op('DB_NOT_SQLITE', `CHIPWATCH_DB=${abs} is not an SQLite database, or its header is damaged; point CHIPWATCH_DB at a chipwatch database or a new file, or restore a backup`);
    case 'SQLITE_CORRUPT':
      return op('DB_CORRUPT', `${abs} is damaged (${detail}); restore a backup (README, "Backup and restore") or move the file away to start afresh`);
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
      return op('DB_READ_ONLY', `CHIPWATCH_DB=${abs} cannot be written (${c}); give the user running chipwatch write access to it and its directory`);
    case 'SQLITE_CANTOPEN':
      return op('DB_PATH', `CHIPWATCH_DB=${abs} cannot be opened (${c}); check that ${path.dirname(abs)} exists and this user may write there`);
    case 'SQLITE_FULL':
      return op('DB_FULL', `${abs}: the disk is full (${c}); free some space on it (or move CHIPWATCH_DB to a disk with room)`);
    case 'SQLITE_IOERR':
      return op('DB_PATH', `${abs}: reading or writing failed (${c}); check the disk${c === 'SQLITE_IOERR_WRITE' || c === 'SQLITE_IOERR_FSTAT' ? ' and the free space' : ''}`);
    case 'SQLITE_BUSY':
      return op('DB_PATH', `${abs} is locked by another process (${c}); wait, or stop the other process`);
  }
  if (c === 'ENOSPC') return op('DB_FULL', `${abs}: the disk is full; free some space on it`);
  // better-sqlite3 loads its compiled part at the first `new Database`: missing, or built for another Node.
  if (c === 'ERR_DLOPEN_FAILED' || /Could not locate the bindings file|NODE_MODULE_VERSION/.test(detail))
    return op('DB_NATIVE_MODULE', `better-sqlite3's compiled module is missing or was built for another Node version (this is ${process.version}); run \`npm rebuild better-sqlite3\``);
  return e;
}
