// The whole path with real data: a story whose title is hostile is ingested the way the feed poller
// stores stories, then `/chip alibaba` is typed in Slack (signed HTTP to the real bolt app) and the
// answer — the vendor card from the shipped catalog with its latest news — is checked at the fake's
// response_url: in the channel, with the story linked only by its URL and its title inert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../src/adapters/slack/adapter.ts';
import type { App } from '../src/app.ts';
import { ingestItems } from '../src/news/ingest-items.ts';
import { testApp } from './helpers/app.ts';
import { FakeSlack } from './fakes/slack/fake-slack.ts';
import { postSlashCommand } from './fakes/slack/deliver.ts';
import { HOSTILE } from './fakes/slack/core.ts';
import { inertnessProblems, textObjects } from './fakes/slack/inert.ts';

const SECRET = 'chip-signing-secret';
const BOT = 'xoxb-chip-bot';
const STORY = 'https://news.example/2026/11/alibaba-t-head-ppu';

let fake: FakeSlack;
let core: App;
let adapter: SlackAdapter;

beforeAll(async () => {
  fake = await new FakeSlack({ botTokens: [BOT], users: [{ id: 'U0ADMIN', is_admin: true }, { id: 'U0001' }] }).start();
  core = testApp();
  const r = ingestItems(
    core,
    { sourceId: 'test-feed', outlet: 'Evil Wire', kind: 'trade', weight: 1 },
    [{ guid: 'g1', url: STORY, title: `${HOSTILE} Alibaba's T-Head ships Zhenwu PPU AI chip`, summary: 'Alibaba T-Head AI chip PPU.', publishedAt: core.now().getTime() - 3600_000, publishedEstimated: false, lang: 'en' }],
    { minRelevance: 0 },
  );
  expect(r.added).toBe(1);
  adapter = createSlackAdapter(core, { mode: 'http', signingSecret: SECRET, botToken: BOT, port: 0, host: '127.0.0.1', slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  await adapter.start();
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.stop();
  core?.db.close();
});

describe('/chip alibaba in Slack', () => {
  it('answers in the channel with the catalog card and the hostile story made inert', async () => {
    const { response_url, delivered } = postSlashCommand(adapter.endpoint()!, SECRET, fake, { command: '/chip', text: 'alibaba' });
    expect(await delivered).toEqual({ status: 200, body: '' });
    const r = await fake.responseTo(response_url, 5000);
    expect(r.body.response_type).toBe('in_channel');
    const texts = textObjects(r.body.blocks).map((t) => t.text);
    expect(texts.some((t) => t.startsWith('Alibaba'))).toBe(true);
    expect(texts.join('\n')).toContain('Latest news: Alibaba');
    // Every link in the answer is an explicit url from the reply: catalog sources, the website, the story.
    const links = texts.flatMap((t) => [...t.matchAll(/<(https?:[^|>]+)\|/g)].map((m) => m[1]!));
    expect(links).toContain(STORY);
    expect(inertnessProblems(String(r.body.text), r.body.blocks, links)).toEqual([]);
    expect(r.raw).not.toContain('<!channel>');
    expect(r.raw).toContain(`<${STORY}|&lt;!channel&gt; &lt;@U123&gt; &lt;https:\u2060//evil.example|click&gt; \u2217bold\u2217 Alibaba's T-Head`);
    // The follow-up buttons carry the core's command lines.
    const buttons = (r.body.blocks as { type: string; elements?: { value: string }[] }[]).find((b) => b.type === 'actions')!.elements!.map((e) => e.value);
    expect(buttons).toContain('/news alibaba');
  });

  it('/subscribe: a workspace admin subscribes the channel; anyone else is refused, only to them', async () => {
    const no = postSlashCommand(adapter.endpoint()!, SECRET, fake, { command: '/subscribe', text: 'huawei', user_id: 'U0001', channel_id: 'C0SUB' });
    await no.delivered;
    const refused = await fake.responseTo(no.response_url, 5000);
    expect(refused.body.response_type).toBe('ephemeral');
    expect(String(refused.body.text)).toContain('workspace admins and owners');
    const yes = postSlashCommand(adapter.endpoint()!, SECRET, fake, { command: '/subscribe', text: 'huawei', user_id: 'U0ADMIN', channel_id: 'C0SUB' });
    await yes.delivered;
    const done = await fake.responseTo(yes.response_url, 5000);
    expect(done.body.text).not.toContain('Only people who can manage');
    expect(fake.callsOf('users.info').map((c) => c.body.user)).toEqual(['U0001', 'U0ADMIN']);
  });

  it('a vendor that does not exist is a usage error only the caller sees', async () => {
    const { response_url, delivered } = postSlashCommand(adapter.endpoint()!, SECRET, fake, { command: '/chip', text: 'nosuchvendorxyz' });
    expect((await delivered).status).toBe(200);
    const r = await fake.responseTo(response_url, 5000);
    expect(r.body.response_type).toBe('ephemeral');
  });
});
