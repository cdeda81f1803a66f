// The feeds chipwatch polls: data/sources.json, validated with zod, synced into the feed_sources table
// (which also keeps each source's health: last success, last error, consecutive failures, validators for
// conditional GET, next poll time). The file is the operator's; the table is the poller's memory.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config.ts';
import { stmt, type Db } from '../store/db.ts';
import { parseDataFile } from '../core/data-file.ts';
import { SourcesFile, type FeedSource, type Lang } from './schema.ts';
import type { ItemOrigin } from './types.ts';

export const SOURCES_FILE = path.join(PROJECT_ROOT, 'data', 'sources.json');

export class SourcesError extends Error {
  override readonly name = 'SourcesError';
}

export interface SourcesDoc {
  $comment?: string;
  sources: FeedSource[];
}

/** Parses and validates the text of a sources file; ids and feed URLs must be unique. */
export function parseSourcesText(text: string, label = 'data/sources.json'): SourcesDoc {
  const data = parseDataFile(text, label, SourcesFile, 'sources', SourcesError);
  const problems: string[] = [];
  const ids = new Set<string>();
  const urls = new Set<string>();
  for (const s of data.sources) {
    if (ids.has(s.id)) problems.push(`source id "${s.id}" appears twice`);
    if (urls.has(s.feedUrl)) problems.push(`feed URL ${s.feedUrl} appears twice`);
    ids.add(s.id);
    urls.add(s.feedUrl);
  }
  if (problems.length) throw new SourcesError(`${label}: ${problems.join('; ')}`);
  return data;
}

export function loadSourcesFile(file = SOURCES_FILE): SourcesDoc {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SourcesError(`cannot read ${file}: ${(e as Error).message}`);
  }
  return parseSourcesText(text, path.relative(process.cwd(), file) || file);
}

/** One row of feed_sources: the source as last synced plus its health. */
export interface SourceRow {
  id: string;
  name: string;
  feed_url: string;
  lang: Lang;
  kind: FeedSource['kind'];
  weight: number;
  poll_minutes: number;
  enabled: number;
  etag: string | null;
  last_modified: string | null;
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  consecutive_failures: number;
  next_poll_at: number;
  items_seen: number;
}

/**
 * Brings feed_sources in line with the file: new sources are added (due now), changed ones updated (a new
 * feed URL forgets the old validators and failures), sources gone from the file are disabled but kept,
 * because stories still name them.
 */
export function syncSources(db: Db, sources: readonly FeedSource[]): { added: number; updated: number; disabled: number } {
  let added = 0;
  let updated = 0;
  let disabled = 0;
  db.transaction(() => {
    const existing = new Map(stmt<[], SourceRow>(db, 'SELECT * FROM feed_sources').all().map((r) => [r.id, r]));
    for (const s of sources) {
      const old = existing.get(s.id);
      existing.delete(s.id);
      const values = [s.name, s.feedUrl, s.lang, s.kind, s.weight, s.pollMinutes, s.enabled ? 1 : 0];
      if (!old) {
        stmt(db, 'INSERT INTO feed_sources (name, feed_url, lang, kind, weight, poll_minutes, enabled, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(...values, s.id);
        added++;
        continue;
      }
      const same = old.name === s.name && old.feed_url === s.feedUrl && old.lang === s.lang && old.kind === s.kind && old.weight === s.weight && old.poll_minutes === s.pollMinutes && old.enabled === (s.enabled ? 1 : 0);
      if (same) continue;
      stmt(db, 'UPDATE feed_sources SET name = ?, feed_url = ?, lang = ?, kind = ?, weight = ?, poll_minutes = ?, enabled = ? WHERE id = ?').run(...values, s.id);
      if (old.feed_url !== s.feedUrl)
        stmt(db, 'UPDATE feed_sources SET etag = NULL, last_modified = NULL, consecutive_failures = 0, last_error = NULL, last_error_at = NULL, next_poll_at = 0 WHERE id = ?').run(s.id);
      updated++;
    }
    for (const gone of existing.values()) {
      if (gone.enabled) {
        stmt(db, 'UPDATE feed_sources SET enabled = 0 WHERE id = ?').run(gone.id);
        disabled++;
      }
    }
  })();
  return { added, updated, disabled };
}

export function allSourceRows(db: Db): SourceRow[] {
  return stmt<[], SourceRow>(db, 'SELECT * FROM feed_sources ORDER BY enabled DESC, id').all();
}

export function sourceRow(db: Db, id: string): SourceRow | undefined {
  return stmt<[string], SourceRow>(db, 'SELECT * FROM feed_sources WHERE id = ?').get(id);
}

/** Enabled sources whose next poll time has come, most overdue first. */
export function dueSourceRows(db: Db, now: number): SourceRow[] {
  return stmt<[number], SourceRow>(db, 'SELECT * FROM feed_sources WHERE enabled = 1 AND next_poll_at <= ? ORDER BY next_poll_at, id').all(now);
}

export function originOf(row: SourceRow): ItemOrigin {
  return { sourceId: row.id, outlet: row.name, kind: row.kind, weight: row.weight };
}

/** A poll that worked (new items or 304): failures reset, validators kept for the next conditional GET. */
export function recordSuccess(db: Db, id: string, o: { now: number; nextPollAt: number; etag: string | null; lastModified: string | null; itemsSeen: number }): void {
  stmt(db, 'UPDATE feed_sources SET last_success_at = ?, consecutive_failures = 0, next_poll_at = ?, etag = ?, last_modified = ?, items_seen = items_seen + ? WHERE id = ?').run(
    o.now,
    o.nextPollAt,
    o.etag,
    o.lastModified,
    o.itemsSeen,
    id,
  );
}

/** A failed poll; returns the new count of consecutive failures. */
export function recordFailure(db: Db, id: string, o: { now: number; nextPollAt: number; reason: string }): number {
  stmt(db, 'UPDATE feed_sources SET last_error = ?, last_error_at = ?, consecutive_failures = consecutive_failures + 1, next_poll_at = ? WHERE id = ?').run(o.reason.slice(0, 300), o.now, o.nextPollAt, id);
  return sourceRow(db, id)?.consecutive_failures ?? 0;
}
