// End to end over HTTP: the real bolt app (built exactly as `npm start` builds it, with port 0 and the
// fake's API URL) receives slash commands and button presses signed the way Slack signs them; answers
// are checked where they land — the fake's response_url and Web API. Nothing in bolt is mocked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../src/adapters/slack/adapter.ts';
import { ACTION_ID_PREFIX } from '../src/adapters/slack/render.ts';
import type { App } from '../src/app.ts';
import type { FakeSlack } from './fakes/slack/fake-slack.ts';
import { startSlackRig, type SlackRig } from './fakes/slack/harness.ts';
import { postButtonPress, postSigned, postSlashCommand, signSlackRequest, slashCommandForm } from './fakes/slack/deliver.ts';
import { HOSTILE, SOURCE_URL, STORY_URL } from './fakes/slack/core.ts';
import { inertnessProblems, textObjects } from './fakes/slack/inert.ts';

const SECRET = 'test-signing-secret-0123456789abcdef';
const BOT = 'xoxb-test-token';

let rig: SlackRig;
let fake: FakeSlack;
let core: App;
let adapter: SlackAdapter;
let endpoint: string;

beforeAll(async () => {
  rig = await startSlackRig({ botTokens: [BOT], users: [{ id: 'U0ADMIN', is_admin: true }, { id: 'U0001' }] }, { mode: 'http', signingSecret: SECRET, botToken: BOT, port: 0, host: '127.0.0.1' });
  ({ fake, core, adapter, endpoint } = rig);
});

afterAll(async () => rig?.close());

const blocksText = (body: Record<string, unknown>) => textObjects(body.blocks).map((t) => t.text).join('\n');

describe('Slack over HTTP', () => {
  it('checks the bot token with auth.test at start, sending it only as a Bearer header', () => {
    const calls = fake.callsOf('auth.test');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.token).toBe(BOT);
    expect(calls[0]!.raw).not.toContain(BOT);
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/slack\/events$/);
  });

  it('acks a signed /help at once and answers only to the caller through response_url', async () => {
    const { response_url, delivered } = postSlashCommand(endpoint, SECRET, fake, { command: '/help' });
    const ack = await delivered;
    expect(ack).toEqual({ status: 200, body: '' });
    const r = await fake.responseTo(response_url);
    expect(r.body.response_type).toBe('ephemeral');
    expect(r.body.replace_original).toBe(false);
    const text = blocksText(r.body);
    expect(text).toContain('chipwatch: China’s AI chips, facts and news');
    expect(text).toContain('*/chip &lt;name…&gt;*');
  });

  it('answers a public command in the channel, and hostile feed text reaches Slack pinging no one and linking nowhere', async () => {
    const { response_url, delivered } = postSlashCommand(endpoint, SECRET, fake, { command: '/feedtest' });
    expect((await delivered).status).toBe(200);
    const r = await fake.responseTo(response_url);
    expect(r.body.response_type).toBe('in_channel');
    expect(inertnessProblems(String(r.body.text), r.body.blocks, [STORY_URL, SOURCE_URL, 'https://vendor.example/'])).toEqual([]);
    // As received on the wire: no raw control sequence from the title anywhere in the body.
    expect(r.raw).not.toContain('<!channel>');
    expect(r.raw).not.toContain('<@U123>');
    expect(r.raw).not.toContain('<https://evil.example');
    expect(r.raw).toContain('&lt;!channel&gt; &lt;@U123&gt; &lt;https:\u2060//evil.example|click&gt; \u2217bold\u2217');
    // The story link is the explicit url, labelled with the escaped title.
    expect(r.raw).toContain(`<${STORY_URL}|&lt;!channel&gt;`);
    expect(HOSTILE).toContain('<!channel>');
  });

  it('answers a usage error only to the caller, with the usage line', async () => {
    const { response_url, delivered } = postSlashCommand(endpoint, SECRET, fake, { command: '/chip', text: '' });
    expect((await delivered).status).toBe(200);
    const r = await fake.responseTo(response_url);
    expect(r.body.response_type).toBe('ephemeral');
    expect(blocksText(r.body)).toContain(':warning: /chip needs name (e.g. alibaba).\nUsage: /chip &lt;name…&gt;');
  });

  it('parses the command text with the core parser (quotes, name:value) and escapes what the user typed', async () => {
    const { response_url, delivered } = postSlashCommand(endpoint, SECRET, fake, { command: '/guarded', text: '"<!here> hi" *x*', user_id: 'U0ADMIN' });
    expect((await delivered).status).toBe(200);
    const r = await fake.responseTo(response_url);
    expect(r.body.text).toBe('allowed: &lt;!here&gt; hi \u2217x\u2217');
  });

  it('runs any command under the umbrella /chipwatch, and /chipwatch alone is /help', async () => {
    const sub = postSlashCommand(endpoint, SECRET, fake, { command: '/chipwatch', text: 'guarded "a b"', user_id: 'U0ADMIN' });
    expect((await sub.delivered).status).toBe(200);
    expect((await fake.responseTo(sub.response_url)).body.text).toBe('allowed: a b');
    const bare = postSlashCommand(endpoint, SECRET, fake, { command: '/chipwatch', text: '' });
    await bare.delivered;
    expect(blocksText((await fake.responseTo(bare.response_url)).body)).toContain('chipwatch: China’s AI chips, facts and news');
  });

  it('answers a slash command it does not know (say, renamed in the app settings) with a suggestion, only to the caller', async () => {
    const { response_url, delivered } = postSlashCommand(endpoint, SECRET, fake, { command: '/chp', text: 'alibaba' });
    expect((await delivered).status).toBe(200);
    const r = await fake.responseTo(response_url);
    expect(r.body.response_type).toBe('ephemeral');
    expect(String(r.body.text)).toContain('There is no /chp command. Did you mean /chip?');
  });

  for (const [name, opts] of [
    ['a wrong secret', { secret: 'not-the-secret' }],
    ['a timestamp six minutes old', { timestamp: Math.floor(Date.now() / 1000) - 360 }],
    ['no signature at all', { unsigned: true }],
  ] as const) {
    it(`refuses ${name} with 401 and runs nothing`, async () => {
      const before = fake.calls.length;
      const { response_url, delivered } = postSlashCommand(endpoint, SECRET, fake, { command: '/guarded', text: 'x', user_id: 'U0ADMIN' }, opts);
      expect((await delivered).status).toBe(401);
      await new Promise((r) => setTimeout(r, 200));
      expect(fake.responses.find((x) => response_url.endsWith(x.id))).toBeUndefined();
      expect(fake.calls.length).toBe(before);
    });
  }

  it('refuses a body altered after signing', async () => {
    const form = slashCommandForm({ command: '/help', response_url: fake.responseUrl() });
    const raw = new URLSearchParams(form).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRET, raw) };
    const res = await fetch(endpoint, { method: 'POST', headers, body: raw.replace('help', 'chip') });
    expect(res.status).toBe(401);
  });

  it('routes a button press back into the core and answers through the action response_url', async () => {
    // The button as the renderer made it: a /feedtest answer carries a Help button whose value is "/help".
    const first = postSlashCommand(endpoint, SECRET, fake, { command: '/feedtest' });
    await first.delivered;
    const shown = await fake.responseTo(first.response_url);
    const actions = (shown.body.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]).find((b) => b.type === 'actions')!;
    const button = actions.elements![0]!;
    expect(button).toMatchObject({ action_id: `${ACTION_ID_PREFIX}0`, value: '/help' });

    const press = postButtonPress(endpoint, SECRET, fake, { actionId: button.action_id, value: button.value });
    expect(await press.delivered).toEqual({ status: 200, body: '' });
    const r = await fake.responseTo(press.response_url);
    expect(r.body.response_type).toBe('ephemeral');
    expect(blocksText(r.body)).toContain('chipwatch: China’s AI chips, facts and news');
  });

  it('lets a workspace admin manage the channel and refuses others, asking users.info once per user', async () => {
    const infoBefore = fake.callsOf('users.info').length;
    const denied = postSlashCommand(endpoint, SECRET, fake, { command: '/guarded', text: 'subscribe', user_id: 'U0001' });
    await denied.delivered;
    const d = await fake.responseTo(denied.response_url);
    expect(d.body.response_type).toBe('ephemeral');
    expect(String(d.body.text)).toContain('Only people who can manage this channel can use /guarded');
    expect(String(d.body.text)).toContain('workspace admins and owners');
    const again = postSlashCommand(endpoint, SECRET, fake, { command: '/guarded', text: 'subscribe', user_id: 'U0001' });
    await again.delivered;
    await fake.responseTo(again.response_url);
    // Once per user over the whole run: the locale look-up before an earlier command (users.info with
    // include_locale, src/adapters/slack/locale.ts) already brought the role, so these two ask nothing.
    expect(fake.callsOf('users.info').slice(infoBefore)).toEqual([]);
    const infos = fake.callsOf('users.info').filter((c) => c.body.user === 'U0001');
    expect(infos).toHaveLength(1);
    expect(infos[0]!.token).toBe(BOT);
  });

  it('ignores an unsigned url_verification and other junk with 401; serves /healthz', async () => {
    const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'url_verification', challenge: 'x' }) });
    expect(res.status).toBe(401);
    const health = await fetch(endpoint.replace('/slack/events', '/healthz'));
    expect(health.status).toBe(200);
  });

  it('still answers when signed by Slack with a form body exactly as Slack sends it', async () => {
    const response_url = fake.responseUrl();
    const ack = await postSigned(endpoint, SECRET, slashCommandForm({ command: '/help', response_url, text: '' }));
    expect(ack.status).toBe(200);
    await fake.responseTo(response_url);
  });
});

describe('Slack start-up', () => {
  it('refuses to start with a token Slack rejects, saying which variable and where to find it', async () => {
    const bad = createSlackAdapter(core, { mode: 'http', signingSecret: SECRET, botToken: 'xoxb-wrong', port: 0, host: '127.0.0.1', slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    await expect(bad.start()).rejects.toThrow(/Slack refused SLACK_BOT_TOKEN \(invalid_auth\)\. Copy the Bot User OAuth Token/);
    expect(bad.endpoint()).toBeUndefined();
  });
});
