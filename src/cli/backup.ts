// `chipwatch backup PATH [--force]`: an online copy of CHIPWATCH_DB through SQLite's backup API, safe
// while the bot runs and writes (WAL: the copy reads one consistent snapshot and never blocks the
// writer). The copy holds Slack OAuth tokens, so it is created 0600; an existing file is kept unless
// --force. Restoring is described in README.md, "Backup and restore".
import { closeSync, linkSync, openSync, realpathSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { loadConfig, loadDotEnv } from '../config.ts';
import { OperatorError } from '../core/errors.ts';
import { databaseError } from '../store/db-open-errors.ts';

const USAGE = 'Usage: chipwatch backup PATH [--force]';

export async function backupCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) throw new OperatorError('USAGE', `give one backup file path. ${USAGE}`);
  loadDotEnv();
  const source = loadConfig().CHIPWATCH_DB;
  if (source === ':memory:') throw new OperatorError('USAGE', 'CHIPWATCH_DB is :memory:; there is no database file to back up');
  const from = path.resolve(source);
  const to = path.resolve(positionals[0]!);
  if (!statSync(from, { throwIfNoEntry: false })) throw new OperatorError('FILE', `nothing to back up: CHIPWATCH_DB=${from} does not exist`);
  if (to === from) throw new OperatorError('USAGE', `the backup must not be CHIPWATCH_DB itself (${from})`);
  const existing = statSync(to, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new OperatorError('USAGE', `${to} is a directory; give a file path such as ${path.join(to, 'chipwatch-backup.db')}`);
  if (existing && !values.force) throw new OperatorError('FILE', `${to} already exists; choose another path, or add --force to replace it`);
  if (!statSync(path.dirname(to), { throwIfNoEntry: false })?.isDirectory()) throw new OperatorError('FILE', `the directory ${path.dirname(to)} does not exist; create it or choose another path`);
  refuseLiveFiles(from, to, existing);

  // Written beside the target under a temporary name (created 0600, exclusively), then moved into place:
  // an interrupted backup never leaves a half-written file under the name the operator gave.
  const partial = `${to}.partial-${process.pid}`;
  closeSync(openSync(partial, 'wx', 0o600));
  try {
    // Read-only, not openDatabase: a backup never changes what it copies (opening would migrate the live
    // database to this chipwatch's schema, under a running bot that may be an older version).
    let db: Database.Database;
    try {
      db = new Database(from, { readonly: true, fileMustExist: true });
    } catch (e) {
      throw databaseError(from, e);
    }
    try {
      // All pages in one step: one read snapshot, so a writer in another process cannot make it restart.
      await db.backup(partial, { progress: ({ totalPages }) => Math.max(totalPages, 100) });
    } finally {
      db.close();
    }
    // The copy carries the source's WAL flag: back to a rollback journal, so the backup is one
    // self-contained file (no -wal/-shm beside it); the bot turns WAL on again when it opens a restored copy.
    const check = new Database(partial, { fileMustExist: true });
    let verdict: string;
    try {
      check.pragma('journal_mode = DELETE');
      verdict = check.pragma('quick_check(1)', { simple: true }) as string;
    } finally {
      check.close(); // before the partial file is removed on a failure
    }
    if (verdict !== 'ok') throw new OperatorError('DB_CORRUPT', `the backup failed its check (${verdict}); ${from} may be damaged: run chipwatch doctor`);
    if (values.force) renameSync(partial, to);
    else {
      linkSync(partial, to); // fails if `to` appeared meanwhile: never overwrites without --force
      rmSync(partial);
    }
  } catch (e) {
    rmSync(partial, { force: true });
    if ((e as { code?: string }).code === 'EEXIST') throw new OperatorError('FILE', `${to} already exists; choose another path, or add --force to replace it`);
    throw e;
  }
  const bytes = statSync(to).size;
  console.log(`Backed up ${from} to ${to} (${formatBytes(bytes)}; quick_check ok).`);
  return 0;
}

/**
 * The live database under another name (through a symlinked directory, or a hard link), or its -wal, -shm
 * or -journal companion: --force would move the copy over it under the running bot (losing what the WAL
 * held). Compared by real directory and by inode, not by the spelling of the path.
 */
function refuseLiveFiles(from: string, to: string, existing: Stats | undefined): void {
  const live = realpathSync(from);
  const target = path.join(realpathSync(path.dirname(to)), path.basename(to));
  const companion = ['', '-wal', '-shm', '-journal'].find((suffix) => target === `${live}${suffix}`);
  const fromStat = statSync(live);
  if (companion !== undefined || (existing && existing.dev === fromStat.dev && existing.ino === fromStat.ino))
    throw new OperatorError('USAGE', `the backup must not be CHIPWATCH_DB itself${companion ? ` or its ${companion} file` : ''} (${to} is ${live}${companion ?? ''}); choose another path`);
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
