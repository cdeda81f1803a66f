// `chipwatch explain`: a stored story's tags with the phrase and place behind each (recomputed from the
// stored text), found by id or URL; bad input gets one line and exit 2.
import { describe, expect, it } from 'vitest';
import { testApp } from './helpers/app.ts';
import { ingestItems } from '../src/news/ingest-items.ts';
import { explainStoredStory, explainCommand } from '../src/cli/explain.ts';
import { stmt } from '../src/store/db.ts';

const app = testApp();
const origin = { sourceId: 'test-feed', outlet: 'Example News', kind: 'trade' as const, weight: 1 };
ingestItems(app, origin, [
  {
    guid: 'a1',
    url: 'https://news.example.com/huawei-ascend-950',
    title: 'Huawei unveils Ascend 950 roadmap to challenge Nvidia',
    summary: 'Huawei showed three generations of Ascend chips; SMIC will make them on its 7nm process.',
    publishedAt: Date.parse('2025-09-18T08:00:00Z'),
    publishedEstimated: false,
    lang: 'en',
  },
]);
const id = stmt<[], { id: number }>(app.db, `SELECT id FROM stories WHERE url = 'https://news.example.com/huawei-ascend-950'`).get()!.id;

describe('chipwatch explain', () => {
  it('GIVEN a stored story id THEN every tag is shown with its phrase and place, and mentions with why they are not tags', () => {
    const text = explainStoredStory(app, String(id))!;
    // SMIC named as the maker of the chips is a subject too (issue 11: a SMIC follower expects the story).
    expect(text).toContain('vendors [huawei, smic]  mentioned [nvidia]');
    expect(text).toContain('+ vendor huawei: "Huawei" in the title: named in the title as its subject');
    expect(text).toContain('- vendor nvidia: "Nvidia" in the title: named in the title only as a yardstick');
    expect(text).toContain('+ vendor smic: "SMIC" in the lead: named in the lead as the maker of a chip (the foundry)');
    expect(text).toContain('+ topic launch: "unveils" in the title');
    expect(text).not.toContain('stored at ingest');
  });

  it('GIVEN the URL with tracking parameters THEN the same story is found', () => {
    expect(explainStoredStory(app, 'https://news.example.com/huawei-ascend-950?utm_source=x')).toContain(`story ${id}:`);
  });

  it('GIVEN an unknown id THEN null (the CLI prints one line and exits 2)', async () => {
    expect(explainStoredStory(app, '999999')).toBeNull();
    const errors: string[] = [];
    const orig = console.error;
    console.error = (s: string) => errors.push(s);
    try {
      expect(await explainCommand([])).toBe(2);
    } finally {
      console.error = orig;
    }
    expect(errors).toEqual(['chipwatch explain: give a story id or URL, e.g. `chipwatch explain 42`.']);
  });
});
