// Charts on Slack, end to end through the real bolt app: a public /compare answers with its table through
// response_url, then uploads the chart into the channel with the files API (files.getUploadURLExternal →
// the upload URL → files.completeUploadExternal), alt text in `alt_txt`. Without files:write the answer
// stays text and nothing is uploaded. The fake checks lengths, scopes and alt text as Slack does.
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../src/adapters/slack/adapter.ts';
import type { App } from '../src/app.ts';
import { testApp } from './helpers/app.ts';
import { FakeSlack, type FakeFile } from './fakes/slack/fake-slack.ts';
import { postSlashCommand } from './fakes/slack/deliver.ts';
import { decodePng } from './helpers/png.ts';

const SECRET = 'chart-signing-secret';
const WITH_FILES = 'xoxb-files-bot';
const TEXT_ONLY = 'xoxb-text-bot';

async function rig(token: string, teamId: string) {
  const fake = await new FakeSlack({ teamId, botTokens: [token], filesTokens: [WITH_FILES], users: [{ id: 'U0001' }] }).start();
  const core: App = testApp();
  const adapter: SlackAdapter = createSlackAdapter(core, { mode: 'http', signingSecret: SECRET, botToken: token, port: 0, host: '127.0.0.1', slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  await adapter.start();
  return { fake, core, adapter, close: async () => (await adapter.stop(), await fake.stop(), core.db.close()) };
}

describe('/compare on Slack', () => {
  let r: Awaited<ReturnType<typeof rig>>;
  beforeAll(async () => (r = await rig(WITH_FILES, 'T0FILES')));
  afterAll(async () => r?.close());

  it('answers with the table, then uploads the chart PNG into the channel with its alt text', async () => {
    const shared = once(r.fake, 'fileShared', { signal: AbortSignal.timeout(8000) });
    const { response_url, delivered } = postSlashCommand(r.adapter.endpoint()!, SECRET, r.fake, { command: '/compare', text: 'ascend-910c h20 mlu590', channel_id: 'C0CHARTS' });
    expect((await delivered).status).toBe(200);
    const answer = await r.fake.responseTo(response_url, 5000);
    expect(answer.body.response_type).toBe('in_channel');
    const [file] = (await shared) as [FakeFile];
    expect(file.channel).toBe('C0CHARTS');
    expect(file.filename).toMatch(/^compare-[\w-]+\.png$/);
    expect(decodePng(file.bytes!).width).toBe(960);
    expect(file.alt).toMatch(/^Bar chart comparing Ascend 910C, NVIDIA H20/);
    expect(file.alt!.length).toBeLessThanOrEqual(1000);
    expect(file.title).toMatch(/Ascend 910C vs NVIDIA H20/);
  });

  it('uploads nothing for an answer without a chart', async () => {
    const before = r.fake.files.size;
    const { response_url, delivered } = postSlashCommand(r.adapter.endpoint()!, SECRET, r.fake, { command: '/help', text: '' });
    await delivered;
    await r.fake.responseTo(response_url, 5000);
    expect(r.fake.files.size).toBe(before);
  });
});

describe('/compare on Slack without files:write', () => {
  let r: Awaited<ReturnType<typeof rig>>;
  beforeAll(async () => (r = await rig(TEXT_ONLY, 'T0TEXT')));
  afterAll(async () => r?.close());

  it('keeps the text answer, asks for an upload URL once, and then stops asking', async () => {
    for (let i = 0; i < 2; i++) {
      const asked = r.fake.calls.filter((c) => c.method === 'files.getUploadURLExternal').length;
      const { response_url, delivered } = postSlashCommand(r.adapter.endpoint()!, SECRET, r.fake, { command: '/compare', text: 'ascend-910c h20' });
      await delivered;
      const answer = await r.fake.responseTo(response_url, 5000);
      expect(answer.body.response_type).toBe('in_channel');
      expect(JSON.stringify(answer.body.blocks)).toContain('Ascend 910C');
      await new Promise((res) => setTimeout(res, 300)); // the upload attempt follows the answer
      expect(r.fake.calls.filter((c) => c.method === 'files.getUploadURLExternal').length).toBe(i === 0 ? asked + 1 : asked);
    }
    expect(r.fake.files.size).toBe(0);
  });
});
