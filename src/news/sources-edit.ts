// Safe edits of data/sources.json for `chipwatch sources add|disable|enable`: read, change, validate the
// whole file with the same schema the poller uses, then write atomically (temp file + rename) so a crash
// or a bad edit never leaves a half-written or invalid file. The file stays the operator's: its order,
// $comment and notes are kept.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseSourcesText, SourcesError, type SourcesDoc } from './sources.ts';
import type { FeedSource } from './schema.ts';

export interface NewSource {
  id: string;
  feedUrl: string;
  lang: string;
  name?: string;
  homepage?: string;
  kind?: string;
  pollMinutes?: number;
  weight?: number;
  note?: string;
}

function readDoc(file: string): SourcesDoc {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SourcesError(`cannot read ${file}: ${(e as Error).message}`);
  }
  return parseSourcesText(text, file);
}

function writeDoc(file: string, doc: SourcesDoc): void {
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  parseSourcesText(text, file); // the file we write must load
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Adds a source (enabled) and returns it as written. Defaults: name from the host, homepage the site root. */
export function addSource(file: string, input: NewSource): FeedSource {
  const doc = readDoc(file);
  if (doc.sources.some((s) => s.id === input.id)) throw new SourcesError(`a source with id "${input.id}" already exists`);
  if (doc.sources.some((s) => s.feedUrl === input.feedUrl)) throw new SourcesError(`${input.feedUrl} is already a source (${doc.sources.find((s) => s.feedUrl === input.feedUrl)!.id})`);
  let origin: URL;
  try {
    origin = new URL(input.feedUrl);
  } catch {
    throw new SourcesError(`--url ${input.feedUrl} is not a URL`);
  }
  const entry = {
    id: input.id,
    name: input.name ?? origin.hostname.replace(/^www\./, ''),
    homepage: input.homepage ?? `${origin.origin}/`,
    feedUrl: input.feedUrl,
    lang: input.lang,
    kind: input.kind ?? 'trade',
    pollMinutes: input.pollMinutes ?? 60,
    weight: input.weight ?? 0.5,
    enabled: true,
    note: input.note ?? `added with chipwatch sources add on ${new Date().toISOString().slice(0, 10)}`,
  } as FeedSource;
  const next = { ...doc, sources: [...doc.sources, entry] };
  try {
    writeDoc(file, next);
  } catch (e) {
    if (e instanceof SourcesError) throw new SourcesError(e.message.replace(/sources\.(\d+)\./g, ''));
    throw e;
  }
  return entry;
}

/** Enables or disables a source by id; returns false if it already was in that state. */
export function setSourceEnabled(file: string, id: string, enabled: boolean): boolean {
  const doc = readDoc(file);
  const s = doc.sources.find((x) => x.id === id);
  if (!s) throw new SourcesError(`no source with id "${id}" (see: chipwatch sources)`);
  if (s.enabled === enabled) return false;
  s.enabled = enabled;
  writeDoc(file, doc);
  return true;
}
