// `chipwatch explain <url|id>`: why a stored story carries its vendor, chip and topic tags. The reasons are
// recomputed from the stored title and summary with today's tagger (no stored reasons, no migration), so
// a maintainer sees which phrase, where (title, lead, body), made each tag, which names were found but
// not made tags and why, and whether the tags stored at ingest still agree with today's rules.
import type { App } from '../app.ts';
import { stmt } from '../store/db.ts';
import { matchersOf } from '../news/tag-matchers.ts';
import { keptAtIngest, tagStory } from '../news/tag.ts';
import { explainTopics } from '../news/topic-rules.ts';
import { canonicalUrl } from '../news/normalize-url.ts';
import { boot } from './boot.ts';

interface StoredStory {
  id: number;
  url: string;
  title: string;
  summary: string;
  relevance: number;
}

function findStory(app: App, key: string): StoredStory | undefined {
  const cols = 'id, url, title, summary, relevance';
  if (/^\d+$/.test(key)) return stmt<[number], StoredStory>(app.db, `SELECT ${cols} FROM stories WHERE id = ?`).get(Number(key));
  const url = canonicalUrl(key) ?? key;
  return stmt<[string], StoredStory>(app.db, `SELECT ${cols} FROM stories WHERE url = ?`).get(url);
}

/** The explanation for a stored story, or null when no story has that id or URL. */
export function explainStoredStory(app: App, key: string): string | null {
  const s = findStory(app, key.trim());
  if (!s) return null;
  const stored = {
    vendors: stmt<[number], { vendor: string }>(app.db, `SELECT vendor_slug AS vendor FROM story_vendors WHERE story_id = ? ORDER BY vendor_slug`).all(s.id).map((r) => r.vendor),
    topics: stmt<[number], { topic: string }>(app.db, `SELECT topic FROM story_topics WHERE story_id = ? ORDER BY topic`).all(s.id).map((r) => r.topic),
  };
  const t = tagStory(matchersOf(app.db), s.title, s.summary, { explain: true });
  const topics = explainTopics(s.title, s.summary);
  const min = app.config.CHIPWATCH_MIN_RELEVANCE;
  const out = [
    `story ${s.id}: ${s.title}`,
    `  ${s.url}`,
    `relevance ${t.relevance} (stored ${s.relevance}; kept at CHIPWATCH_MIN_RELEVANCE ${min}: ${keptAtIngest(t, min) ? 'yes' : 'no'})`,
    `vendors [${t.vendors.join(', ')}]  mentioned [${t.mentioned.join(', ')}]  chips [${t.chips.join(', ')}]  topics [${topics.map((x) => x.topic).join(', ')}]`,
  ];
  for (const r of t.reasons ?? []) out.push(`  ${r.tagged ? '+' : '-'} ${r.kind} ${r.slug}: "${r.phrase}" in the ${r.place}: ${r.why}`);
  for (const r of topics) out.push(`  + topic ${r.topic}: "${r.phrase}" in the ${r.place}`);
  if (!topics.length) out.push('  (no topic rule matched the title or lead)');
  const same = (a: string[], b: string[]) => a.join() === [...b].sort().join();
  if (!same(stored.vendors, t.vendors) || !same(stored.topics, topics.map((x) => x.topic)))
    out.push(`stored at ingest (older rules): vendors [${stored.vendors.join(', ')}] topics [${stored.topics.join(', ')}]`);
  return out.join('\n');
}

export async function explainCommand(argv: string[]): Promise<number> {
  const key = argv.join(' ').trim();
  if (!key) {
    console.error('chipwatch explain: give a story id or URL, e.g. `chipwatch explain 42`.');
    return 2;
  }
  const app = boot({ logLevel: 'warn' });
  try {
    const text = explainStoredStory(app, key);
    if (text === null) {
      console.error(`chipwatch explain: no stored story has id or URL "${key.slice(0, 200)}" (see /news for ids).`);
      return 2;
    }
    console.log(text);
    return 0;
  } finally {
    app.db.close();
  }
}
