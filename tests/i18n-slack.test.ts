// Answers in the reader's language through the real bolt app against the fake Slack: the user's locale
// comes from users.info with include_locale (Slack puts none in a slash command), asked once per user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../src/adapters/slack/adapter.ts';
import type { App } from '../src/app.ts';
import { testApp } from './helpers/app.ts';
import { FakeSlack } from './fakes/slack/fake-slack.ts';
import { postButtonPress, postSlashCommand } from './fakes/slack/deliver.ts';
import { textObjects } from './fakes/slack/inert.ts';

const SECRET = 'i18n-signing-secret';
const BOT = 'xoxb-i18n-bot';

let fake: FakeSlack;
let core: App;
let adapter: SlackAdapter;

beforeAll(async () => {
  fake = await new FakeSlack({
    botTokens: [BOT],
    users: [
      { id: 'U0ZHCN', locale: 'zh-CN' },
      { id: 'U0ZHTW', locale: 'zh-TW' },
      { id: 'U0DE', locale: 'de-DE' },
      { id: 'U0EN', locale: 'en-US' },
    ],
  }).start();
  core = testApp();
  adapter = createSlackAdapter(core, { mode: 'http', signingSecret: SECRET, botToken: BOT, port: 0, host: '127.0.0.1', slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  await adapter.start();
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.stop();
  core?.db.close();
});

async function slash(user: string, command: string, text = ''): Promise<{ all: string; blocks: unknown[]; fallback: string }> {
  const { response_url, delivered } = postSlashCommand(adapter.endpoint()!, SECRET, fake, { command, text, user_id: user });
  expect((await delivered).status).toBe(200);
  const r = await fake.responseTo(response_url, 5000);
  const blocks = (r.body.blocks ?? []) as unknown[];
  return { all: textObjects(blocks).map((t) => t.text).join('\n'), blocks, fallback: String(r.body.text) };
}

describe('Slack answers in the user’s language', () => {
  it('a zh-CN user gets /chip alibaba in Simplified Chinese, asking users.info once', async () => {
    const a = await slash('U0ZHCN', '/chip', 'alibaba');
    expect(a.fallback).toMatch(/^阿里巴巴（平头哥） · Alibaba \(T-Head\)：收录 \d+ 款芯片。$/);
    expect(a.all).toContain('总部');
    expect(a.all).toContain('最新新闻：阿里巴巴（平头哥）');
    expect(a.all).toContain('来源');
    expect(a.all).not.toContain('Latest news');
    await slash('U0ZHCN', '/help');
    const asked = fake.callsOf('users.info').filter((c) => c.body.user === 'U0ZHCN');
    expect(asked).toHaveLength(1);
    expect(String(asked[0]!.body.include_locale)).toBe('true');
  });

  it('a zh-TW user gets /help in Traditional Chinese', async () => {
    const a = await slash('U0ZHTW', '/help');
    expect(a.fallback).toBe('chipwatch 指令');
    expect(a.all).toContain('檢視中國AI晶片廠商或晶片的資料與來源');
    expect(a.all).toContain('範例：');
  });

  it('a de user’s button press is answered in German', async () => {
    const first = await slash('U0DE', '/chip', 'ascend 910c');
    expect(first.all).toContain('Bandbreite');
    const actions = (first.blocks as { type: string; elements?: { action_id: string; value: string; text: { text: string } }[] }[]).find((b) => b.type === 'actions')!.elements!;
    expect(actions.map((e) => e.text.text)).toContain('Mehr Nachrichten');
    const overview = actions.find((e) => e.value.startsWith('/chip '))!;
    const { response_url, delivered } = postButtonPress(adapter.endpoint()!, SECRET, fake, { actionId: overview.action_id, value: overview.value, user_id: 'U0DE' });
    expect((await delivered).status).toBe(200);
    const r = await fake.responseTo(response_url, 5000);
    expect(textObjects(r.body.blocks as unknown[]).map((t) => t.text).join('\n')).toContain('Hauptsitz');
  });

  it('an English user, and a user Slack cannot tell about, get English', async () => {
    expect((await slash('U0EN', '/chip', 'alibaba')).all).toContain('Latest news');
    expect((await slash('U0UNKNOWN', '/chip', 'alibaba')).all).toContain('Latest news');
  });

  it('a refusal is in the user’s language too', async () => {
    const a = await slash('U0ZHCN', '/chip', 'nosuchvendorxyz');
    expect(a.fallback).toContain('没有名为“nosuchvendorxyz”的厂商或芯片');
  });
});
