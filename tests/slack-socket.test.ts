// Socket Mode end to end: the real bolt SocketModeReceiver opens a connection through the fake's
// apps.connections.open (with the app-level token), receives envelopes on the fake's WebSocket, acks
// them, answers through response_url, and reconnects when Slack asks it to. Nothing in bolt is mocked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { createSlackAdapter, type SlackAdapter } from '../src/adapters/slack/adapter.ts';
import type { App } from '../src/app.ts';
import type { FakeSlack } from './fakes/slack/fake-slack.ts';
import { startSlackRig, type SlackRig } from './fakes/slack/harness.ts';
import { buttonPressPayload, slashCommandForm } from './fakes/slack/deliver.ts';
import { SOURCE_URL, STORY_URL } from './fakes/slack/core.ts';
import { inertnessProblems, textObjects } from './fakes/slack/inert.ts';

const BOT = 'xoxb-socket-bot';
const APP_TOKEN = 'xapp-1-socket-app';

let rig: SlackRig;
let fake: FakeSlack;
let core: App;
let adapter: SlackAdapter;

beforeAll(async () => {
  // clientPingTimeout 1000: with 100 ms, missed pongs on a loaded machine made reconnects lose envelopes.
  rig = await startSlackRig({ botTokens: [BOT], appToken: APP_TOKEN }, { mode: 'socket', appToken: APP_TOKEN, botToken: BOT, port: 0, clientPingTimeout: 1000 });
  ({ fake, core, adapter } = rig);
});

afterAll(async () => {
  const t = Date.now();
  // The teardown must not leave the 30 s close-handshake timer behind (notes S4).
  await rig?.close(() => expect(Date.now() - t).toBeLessThan(2000));
});

describe('Slack Socket Mode', () => {
  it('opens the connection with the app-level token, never the bot token', () => {
    const opens = fake.callsOf('apps.connections.open');
    expect(opens).toHaveLength(1);
    expect(opens[0]!.token).toBe(APP_TOKEN);
    expect(fake.sockets.size).toBe(1);
  });

  it('acks a slash-command envelope and answers through response_url, inert as over HTTP', async () => {
    const response_url = fake.responseUrl();
    const ack = await fake.pushEnvelope('slash_commands', slashCommandForm({ command: '/feedtest', response_url }));
    expect(ack.envelope_id).toMatch(/^env-/);
    const r = await fake.responseTo(response_url);
    expect(r.body.response_type).toBe('in_channel');
    expect(inertnessProblems(String(r.body.text), r.body.blocks, [STORY_URL, SOURCE_URL, 'https://vendor.example/'])).toEqual([]);
  });

  it('acks a usage error and answers it ephemerally', async () => {
    const response_url = fake.responseUrl();
    await fake.pushEnvelope('slash_commands', slashCommandForm({ command: '/chip', text: '', response_url }));
    const r = await fake.responseTo(response_url);
    expect(r.body.response_type).toBe('ephemeral');
    expect(String(r.body.text)).toContain('Usage: /chip &lt;name…&gt;');
  });

  it('routes a button press (interactive envelope) back into the core', async () => {
    const response_url = fake.responseUrl();
    const ack = await fake.pushEnvelope('interactive', buttonPressPayload({ actionId: 'chipwatch:cmd:0', value: '/help', response_url }));
    expect(ack.envelope_id).toMatch(/^env-/);
    const r = await fake.responseTo(response_url);
    expect(textObjects(r.body.blocks).map((t) => t.text).join('\n')).toContain('chipwatch: China’s AI chips, facts and news');
  });

  it('reconnects when Slack sends disconnect, and keeps answering', async () => {
    const opened = fake.connectionsOpened;
    const reconnected = once(fake, 'ws-connected', { signal: AbortSignal.timeout(5000) });
    fake.disconnectSockets('refresh_requested');
    await reconnected;
    expect(fake.connectionsOpened).toBe(opened + 1);
    // Wait until the old socket has gone so the envelope goes to the new one.
    const deadline = Date.now() + 2000;
    while (fake.sockets.size !== 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    const response_url = fake.responseUrl();
    await fake.pushEnvelope('slash_commands', slashCommandForm({ command: '/help', response_url }));
    const r = await fake.responseTo(response_url);
    expect(r.body.response_type).toBe('ephemeral');
  });
});

describe('Slack Socket Mode start-up', () => {
  it('refuses to start with an app token Slack rejects, saying which variable and where to get one', async () => {
    const bad = createSlackAdapter(core, { mode: 'socket', appToken: 'xapp-wrong', botToken: BOT, port: 0, slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, clientPingTimeout: 100 });
    await expect(bad.start()).rejects.toThrow(/Slack refused SLACK_APP_TOKEN \(invalid_auth\)\. Generate an app-level token/);
    await bad.stop();
  });
});
