// `chipwatch ingest --once`: polls every enabled source now and prints what each gave.
// `chipwatch ingest --file PATH [--lang en|zh|de] [--outlet NAME] [--url FEED_URL]`: ingests a local
// feed file as if it were a source (origin "file:<name>"); --url is where its relative links point
// (default: the feed's home page link). Without --lang each story's language is guessed from its text.
import { parseArgs } from 'node:util';
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { boot } from './boot.ts';
import { Lang } from '../news/schema.ts';
import { ingestFeed } from '../news/feed-ingest.ts';
import { createFeedReader } from '../news/feed-reader.ts';
import { describeSkipped } from '../news/feed-read.ts';
import { DEFAULT_FETCH_LIMITS } from '../news/fetch-limits.ts';
import { createPoller, type PollReport } from '../news/poller.ts';
import { loadSourcesFile, SOURCES_FILE, SourcesError, syncSources } from '../news/sources.ts';

const USAGE = `Usage:
  chipwatch ingest --once [--sources PATH]
  chipwatch ingest --file PATH [--lang en|zh|de] [--outlet NAME] [--url FEED_URL]`;

function reportLine(r: PollReport): string {
  if (r.status === 'error') return `ERROR  ${r.sourceId}: ${r.reason}`;
  if (r.status === 'not-modified') return `same   ${r.sourceId}: not modified since the last poll`;
  const skipped = r.skipped ? `; skipped ${r.skipped}` : '';
  return `ok     ${r.sourceId}: ${r.parsed} read, ${r.added} new, ${r.duplicates} known, ${r.dropped} off-topic${skipped}`;
}

async function once(sourcesFile: string): Promise<number> {
  const app = boot({ logLevel: 'error' });
  const poller = createPoller(app, { sourcesFile });
  try {
    syncSources(app.db, loadSourcesFile(sourcesFile).sources);
    const reports = await poller.pollAll();
    for (const r of reports) console.log(reportLine(r));
    const ok = reports.filter((r) => r.status !== 'error').length;
    const added = reports.reduce((n, r) => n + (r.added ?? 0), 0);
    console.log(`\n${reports.length} sources polled: ${ok} ok, ${reports.length - ok} failed; ${added} new stories.`);
    return reports.length > 0 && ok === 0 ? 1 : 0;
  } finally {
    await poller.stop();
    app.db.close();
  }
}

/** What a path that is not a regular file is, for the one-line refusal. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * The file's bytes, or why not (one line). Regular files only: a directory would throw, a FIFO would
 * block forever and /dev/zero never ends. Opened non-blocking (so a FIFO without a writer cannot hang
 * the open) and checked on the open descriptor (so the path cannot be swapped in between); read with a
 * cap, since a regular file can still grow while it is read, or report size 0 (/proc).
 */
function readFeedFile(p: string, abs: string, max: number): { bytes: Buffer } | { error: string; code: number } {
  let fd: number;
  try {
    fd = openSync(abs, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'a directory' : (code ?? 'cannot open');
    return { error: `chipwatch ingest: cannot read ${p}: ${why}`, code: 2 };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { error: `chipwatch ingest: ${p} is ${kindOf(st)}; --file takes a regular feed file`, code: 2 };
    const tooBig = { error: `chipwatch ingest: ${p} is larger than ${max / 1048576} MiB`, code: 1 };
    if (st.size > max) return tooBig;
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, max + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > max) return tooBig;
      chunks.push(chunk.subarray(0, n));
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    return { error: `chipwatch ingest: cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, code: 2 };
  } finally {
    closeSync(fd);
  }
}

async function file(p: string, lang: Lang | 'auto', outlet: string | undefined, feedUrl: string | undefined): Promise<number> {
  const abs = path.resolve(p);
  const read = readFeedFile(p, abs, DEFAULT_FETCH_LIMITS.maxDecodedBytes);
  if ('error' in read) {
    console.error(read.error);
    return read.code;
  }
  const name = path.basename(abs);
  const app = boot({ logLevel: 'warn' });
  const reader = createFeedReader();
  try {
    const origin = { sourceId: `file:${name}`, outlet: outlet ?? name, kind: 'trade' as const, weight: 0.5 };
    const r = await ingestFeed(app, origin, read.bytes, { feedUrl: feedUrl ?? pathToFileURL(abs).href, lang, now: app.now().getTime() }, { reader });
    if (!r.ok) {
      console.error(`${origin.sourceId}: rejected: ${r.reason}`);
      return 1;
    }
    console.log(`${origin.sourceId}: ${r.format}, ${r.encoding}; ${r.parsed} items read, ${r.added} stored, ${r.duplicates} already known, ${r.dropped} off-topic.`);
    if (Object.keys(r.skipped).length) console.log(`  skipped: ${describeSkipped(r.skipped)}`);
    for (const w of r.warnings) console.log(`  note: ${w}`);
    return 0;
  } finally {
    await reader.close();
    app.db.close();
  }
}

export async function ingest(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      once: { type: 'boolean', default: false },
      file: { type: 'string' },
      lang: { type: 'string' },
      outlet: { type: 'string' },
      url: { type: 'string' },
      sources: { type: 'string' },
    },
  });
  const lang = values.lang === undefined ? ({ success: true, data: 'auto' } as const) : Lang.safeParse(values.lang);
  if (!lang.success) {
    console.error(`chipwatch ingest: --lang must be en, zh or de.\n\n${USAGE}`);
    return 2;
  }
  if (values.url && !/^https?:\/\//.test(values.url)) {
    console.error(`chipwatch ingest: --url must be an http(s) URL.\n\n${USAGE}`);
    return 2;
  }
  try {
    if (values.file && !values.once) return await file(values.file, lang.data, values.outlet, values.url);
    if (values.once && !values.file) return await once(values.sources ?? SOURCES_FILE);
  } catch (e) {
    if (e instanceof SourcesError) {
      console.error(`chipwatch ingest: ${e.message}`);
      return 1;
    }
    throw e;
  }
  console.error(USAGE);
  return 2;
}
