// ACCEPTANCE: `chipwatch ingest --file F` then `chipwatch ask "/news alibaba"` shows F's stories that name
// Alibaba, in English, Chinese and German; plus the CLI's refusals and `chipwatch sources add|disable`
// editing a sources file safely. Runs the real CLI in child processes on a temp database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.ts';
import { parseSourcesText } from '../src/news/sources.ts';
import { startFeedServer, type FeedServer } from './helpers/feed-server.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cw-ingest-cli-'));
const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/feeds/alibaba-mixed.xml');

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(PROJECT_ROOT, 'src/cli/bin.mjs'), ...args],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, CHIPWATCH_DB: path.join(dir, 'cli.db'), CHIPWATCH_POLL: '0' }, timeout: 30_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('chipwatch ingest --file, then /news', () => {
  it('stores the file and /news alibaba shows its Alibaba stories in three languages', { timeout: 60_000 }, async () => {
    const ingest = await run(['ingest', '--file', FIXTURE]);
    expect(ingest.stderr).toBe('');
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toContain('file:alibaba-mixed.xml: rss, utf-8; 5 items read, 4 stored, 0 already known, 1 off-topic.');

    const news = await run(['ask', '/news alibaba']);
    expect(news.code).toBe(0);
    expect(news.stdout).toContain("Alibaba's T-Head unveils a new AI inference chip for its cloud");
    expect(news.stdout).toContain('https://fixture.example.com/en/alibaba-t-head-ai-chip'); // tracking and fragment gone
    expect(news.stdout).toContain('Alibabas Chiptochter T-Head zeigt neuen KI-Chip');
    expect(news.stdout).toContain('https://fixture.example.com/de/alibaba-t-head-ki-chip'); // relative link resolved
    expect(news.stdout).not.toContain('Huawei Ascend 910C shipments rise');
    expect(news.stdout).not.toContain('Weekend weather');

    const zh = await run(['ask', '/news alibaba lang:zh']);
    expect(zh.stdout).toContain('阿里巴巴平头哥发布新款AI推理芯片');
    const huawei = await run(['ask', '/news huawei']);
    expect(huawei.stdout).toContain('Huawei Ascend 910C shipments rise');

    const again = await run(['ingest', '--file', FIXTURE]);
    expect(again.stdout).toContain('0 stored, 4 already known, 1 off-topic');
  });

  it('rejects a file that is not a feed, and bad options, with a clear message', async () => {
    const html = await run(['ingest', '--file', path.join(PROJECT_ROOT, 'tests/fixtures/feeds/not-a-feed.html')]);
    expect(html.code).toBe(1);
    expect(html.stderr).toBe('file:not-a-feed.html: rejected: not a feed (an HTML page)\n');
    const lang = await run(['ingest', '--file', FIXTURE, '--lang', 'fr']);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('--lang must be en, zh or de');
    const missing = await run(['ingest', '--file', path.join(dir, 'nope.xml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('takes regular files only: a directory, /dev/zero and a FIFO each get one line and a non-zero exit, at once', { timeout: 60_000 }, async () => {
    const fifo = path.join(dir, 'feed.fifo');
    execFileSync('mkfifo', [fifo]);
    const cases: Array<[string, RegExp]> = [
      [dir, /is a directory; --file takes a regular feed file$/],
      ['/dev/zero', /is a device; --file takes a regular feed file$/],
      [fifo, /is a FIFO \(named pipe\); --file takes a regular feed file$/],
    ];
    for (const [p, line] of cases) {
      // Before: a stack trace (EISDIR), memory growing until killed (/dev/zero), a hang (FIFO).
      const r = await run(['ingest', '--file', p]);
      expect(r.code, p).toBe(2);
      expect(r.stdout, p).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines, p).toHaveLength(1);
      expect(lines[0], p).toMatch(line);
    }
  });
});

describe('chipwatch ingest --once', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
  });
  afterAll(() => server.close());

  it('polls every enabled source once, prints each outcome, and sources shows the health', { timeout: 60_000 }, async () => {
    const file = path.join(dir, 'once-sources.json');
    const src = (id: string, p: string, enabled = true) => ({ id, name: `Local ${id}`, homepage: `${server.base}/`, feedUrl: server.base + p, lang: 'en', kind: 'trade', pollMinutes: 30, weight: 0.5, enabled });
    writeFileSync(file, JSON.stringify({ sources: [src('local-good', '/gzip.xml'), src('local-missing', '/404'), src('local-off', '/500', false)] }));
    const once = await run(['ingest', '--once', '--sources', file]);
    expect(once.code).toBe(0);
    expect(once.stdout).toContain('ok     local-good: 3 read, 2 new, 0 known, 1 off-topic');
    expect(once.stdout).toContain('ERROR  local-missing: HTTP 404 Not Found');
    expect(once.stdout).not.toContain('local-off');
    expect(once.stdout).toContain('2 sources polled: 1 ok, 1 failed; 2 new stories.');

    const table = await run(['sources', '--sources', file]);
    expect(table.stdout).toMatch(/local-good +en +ok +just now +in \d+ min +3/);
    expect(table.stdout).toMatch(/local-missing +en +failing ×1 +never +in \d+ min +0 +HTTP 404 Not Found \(just now\)/);
    expect(table.stdout).toMatch(/local-off +en +disabled/);
  });
});

describe('chipwatch sources', () => {
  it('adds, refuses duplicates, disables, and prints health from a sources file', { timeout: 60_000 }, async () => {
    const file = path.join(dir, 'sources.json');
    copyFileSync(path.join(PROJECT_ROOT, 'data/sources.json'), file);
    const before = parseSourcesText(readFileSync(file, 'utf8')).sources.length;

    const add = await run(['sources', 'add', '--sources', file, '--id', 'example-chips', '--url', 'https://chips.example.com/feed.xml', '--lang', 'de', '--name', 'Example Chips']);
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('Added example-chips (Example Chips, de, every 60 min)');
    const doc = parseSourcesText(readFileSync(file, 'utf8'));
    expect(doc.sources).toHaveLength(before + 1);
    expect(doc.sources.at(-1)).toMatchObject({ id: 'example-chips', homepage: 'https://chips.example.com/', lang: 'de', enabled: true });
    expect(doc.$comment).toBeTruthy(); // the operator's comment is kept

    const dup = await run(['sources', 'add', '--sources', file, '--id', 'example-chips', '--url', 'https://other.example.com/rss', '--lang', 'en']);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('already exists');
    const bad = await run(['sources', 'add', '--sources', file, '--id', 'Bad Id', '--url', 'https://x.example.com/rss', '--lang', 'en']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/id: must be lower-case words/);
    expect(parseSourcesText(readFileSync(file, 'utf8')).sources).toHaveLength(before + 1); // unchanged by the refusals

    const off = await run(['sources', 'disable', 'example-chips', '--sources', file]);
    expect(off.stdout).toContain('example-chips disabled.');
    expect(parseSourcesText(readFileSync(file, 'utf8')).sources.at(-1)!.enabled).toBe(false);
    const unknown = await run(['sources', 'disable', 'no-such-source', '--sources', file]);
    expect(unknown.code).toBe(1);

    const table = await run(['sources', '--sources', file]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^SOURCE +LANG +STATUS +LAST SUCCESS +NEXT POLL +ITEMS +LAST ERROR/);
    expect(table.stdout).toMatch(/example-chips +de +disabled/);
    expect(table.stdout).toMatch(/heise +de +not polled +never +due/);
  });
});
