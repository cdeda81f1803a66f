// Socket Mode input is untrusted too (issue 10): an envelope whose event is null made @slack/socket-mode
// throw (fatal for the process), and an interactive one without usable actions was never acknowledged,
// so Slack would resend it. Through the real bolt SocketModeReceiver against the fake Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../src/adapters/slack/adapter.ts';
import type { App } from '../src/app.ts';
import { ACTION_ID_PREFIX } from '../src/adapters/slack/render.ts';
import type { FakeSlack } from './fakes/slack/fake-slack.ts';
import { startSlackRig, type SlackRig } from './fakes/slack/harness.ts';
import { buttonPressPayload, slashCommandForm } from './fakes/slack/deliver.ts';

const BOT = 'xoxb-socket-bot';
const APP_TOKEN = 'xapp-1-socket-app';
let rig: SlackRig;
let fake: FakeSlack;
let core: App;
let rejections: unknown[];

beforeAll(async () => {
  // clientPingTimeout 2000: no reconnect tests here, and a loaded machine must not miss a pong.
  rig = await startSlackRig({ botTokens: [BOT], appToken: APP_TOKEN }, { mode: 'socket', appToken: APP_TOKEN, botToken: BOT, port: 0, clientPingTimeout: 2000 });
  ({ fake, core, rejections } = rig);
});

afterAll(async () => rig?.close());

async function stillAnswers(): Promise<void> {
  const response_url = fake.responseUrl();
  await fake.pushEnvelope('slash_commands', slashCommandForm({ command: '/help', response_url }));
  expect((await fake.responseTo(response_url)).body.response_type).toBe('ephemeral');
}

describe('malformed Socket Mode envelopes', () => {
  it('acknowledges an events_api envelope with a null event, and keeps running', async () => {
    const ack = await fake.pushEnvelope('events_api', { type: 'event_callback', event: null });
    expect(ack.envelope_id).toMatch(/^env-/);
    await stillAnswers();
    expect(rejections).toEqual([]);
  });

  it('acknowledges an envelope with no payload', async () => {
    const ack = await fake.pushEnvelope('interactive', null as never);
    expect(ack.envelope_id).toMatch(/^env-/);
    await stillAnswers();
  });

  it('acknowledges a button press without actions and answers it with an apology', async () => {
    const response_url = fake.responseUrl();
    const p = buttonPressPayload({ actionId: `${ACTION_ID_PREFIX}0`, value: '/help', response_url });
    delete (p as Partial<typeof p>).actions;
    const ack = await fake.pushEnvelope('interactive', p);
    expect(ack.envelope_id).toMatch(/^env-/);
    expect(String((await fake.responseTo(response_url)).body.text)).toMatch(/^Sorry/);
    await stillAnswers();
    expect(rejections).toEqual([]);
  });
});
