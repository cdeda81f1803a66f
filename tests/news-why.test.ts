// /news why:true: a channel manager sees, under each story, why the tagger gave its tags (which phrase,
// where); anyone else is refused with one line and nothing changes; /news without it is as before.
import { describe, expect, it } from 'vitest';
import { ask, consoleCaller, testApp } from './helpers/app.ts';
import { ingestItems } from '../src/news/ingest-items.ts';
import { WHY_MAX_CHARS } from '../commands/news.ts';
import type { CapabilityProbe } from '../src/core/context.ts';
import type { Reply } from '../src/core/reply.ts';

const NOW = () => new Date('2026-07-01T00:00:00Z');
const items = (r: Reply) => r.cards.flatMap((c) => c.items ?? []);
const cannotManage: CapabilityProbe = async () => ({ manageChannel: false, missing: 'You need Manage Channels.' });

function appWithStory() {
  const app = testApp({ now: NOW });
  ingestItems(app, { sourceId: 'test', outlet: 'Test', kind: 'trade', weight: 0.5 }, [
    {
      guid: null,
      url: 'https://t.example/why',
      title: 'Huawei unveils Ascend 960 AI chip to rival NVIDIA',
      summary: 'Huawei said the Ascend 960 doubles the compute of its predecessor and will ship next year.',
      // After the seed's newest story, so `days:2` shows only this one.
      publishedAt: NOW().getTime() - 86_400_000,
      publishedEstimated: false,
      lang: 'en' as const,
    },
  ]);
  return app;
}

describe('/news why:true', () => {
  it('GIVEN a channel manager THEN each story shows its tags with the phrase and place, privately', async () => {
    const app = appWithStory();
    const r = await ask(app, '/news days:2 why:true');
    expect(r.error).toBeUndefined();
    expect(r.visibility).toBe('ephemeral');
    const [it0, ...rest] = items(r);
    expect(rest).toEqual([]);
    expect(it0!.url).toBe('https://t.example/why');
    const [meta, why] = it0!.meta!.split('\n');
    expect(meta).toMatch(/^Test · /);
    expect(why).toMatch(/^Why: /);
    expect(why).toContain('huawei ← "Huawei" (title)');
    // NVIDIA is the yardstick here: named, marked as a mention, not as a tag.
    expect(why).toContain('nvidia (mentioned) ← "NVIDIA" (title)');
    expect(why).toMatch(/launch ← "[^"]+" \((title|lead)\)/);
    expect(why!.length).toBeLessThanOrEqual(WHY_MAX_CHARS);
    // The "More" button (if any) and a re-run keep asking for reasons.
    for (const a of r.actions) expect(a.command).toContain('why:true');
  });

  it('GIVEN a German reader THEN the label, place and refusal are German', async () => {
    const app = appWithStory();
    const de = { ...consoleCaller, locale: 'de' };
    const why = items(await ask(app, '/news days:2 why:true', de))[0]!.meta!.split('\n')[1]!;
    expect(why).toMatch(/^Warum: /);
    expect(why).toContain('huawei ← "Huawei" (Titel)');
    expect(why).toContain('nvidia (erwähnt) ← "NVIDIA" (Titel)');
    const refused = await ask(app, '/news days:2 why:true', de, cannotManage);
    expect(refused.error?.code).toBe('FORBIDDEN');
    expect(refused.text).toContain('Nur wer diesen Kanal verwalten darf');
  });

  it('GIVEN someone who cannot manage the channel THEN a one-line refusal and nothing changes', async () => {
    const app = appWithStory();
    const tables = ['stories', 'story_vendors', 'story_topics'];
    const counts = () => tables.map((tb) => (app.db.prepare(`SELECT COUNT(*) AS n FROM ${tb}`).get() as { n: number }).n);
    const before = counts();
    const r = await ask(app, '/news days:2 why:true', consoleCaller, cannotManage);
    expect(r.error?.code).toBe('FORBIDDEN');
    expect(r.text).toContain('manage this channel');
    expect(r.text).toContain('why:true');
    expect(r.text).not.toContain('\n');
    expect(items(r)).toEqual([]);
    expect(counts()).toEqual(before);
  });

  it('GIVEN /news without why THEN the answer is the same for everyone, public, and has no reasons', async () => {
    const app = appWithStory();
    const manager = await ask(app, '/news');
    const reader = await ask(app, '/news', consoleCaller, cannotManage);
    const off = await ask(app, '/news why:false', consoleCaller, cannotManage);
    expect(reader).toEqual(manager);
    expect(off).toEqual(manager);
    expect(manager.visibility).toBe('public');
    for (const it of items(manager)) expect(it.meta).not.toContain('\n');
    expect(manager.actions.map((a) => a.command)).toEqual(['/news page:2']);
  });
});
