// `chipwatch explain <url|id>`: why a stored story carries its vendor, chip and topic tags. The reasons are
// recomputed from the stored title and summary with today's tagger (no stored reasons, no migration), so
// a maintainer sees which phrase, where (title, lead, body), made each tag, which names were found but
// not made tags and why, and whether the tags stored at ingest still agree with today's rules.
import type { App } from '../app.ts';
import { stmt } from '../store/db.ts';
import { keptAtIngest } from '../news/tag.ts';
import { explainStory, storyById, storyByUrl, type StoredStory } from '../news/explain-story.ts';
import { canonicalUrl } from '../news/normalize-url.ts';
import { boot } from './boot.ts';

function findStory(app: App, key: string): StoredStory | undefined {
  if (/^\d+$/.test(key)) return storyById(app.db, Number(key));
  return storyByUrl(app.db, canonicalUrl(key) ?? key);
}

/** The explanation for a stored story, or null when no story has that id or URL. */
export function explainStoredStory(app: App, key: string): string | null {
  const s = findStory(app, key.trim());
  if (!s) return null;
  const stored = {
    vendors: stmt<[number], { vendor: string }>(app.db, `SELECT vendor_slug AS vendor FROM story_vendors WHERE story_id = ? ORDER BY vendor_slug`).all(s.id).map((r) => r.vendor),
    topics: stmt<[number], { topic: string }>(app.db, `SELECT topic FROM story_topics WHERE story_id = ? ORDER BY topic`).all(s.id).map((r) => r.topic),
  };
  const { tags: t, topics } = explainStory(app.db, s.title, s.summary);
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
