// The Slack poster against the fake Web API: what chat.postMessage receives (token, form body, blocks,
// no unfurling, inert feed text), and how Slack's failures map onto the outbox's transient/permanent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackPoster } from '../src/adapters/slack/poster.ts';
import { toPostResult } from '../src/adapters/slack/errors.ts';
import type { Poster } from '../src/core/adapter.ts';
import { reply } from '../src/core/reply.ts';
import { createLogger } from '../src/log.ts';
import { FakeSlack } from './fakes/slack/fake-slack.ts';
import { HOSTILE, STORY_URL } from './fakes/slack/core.ts';
import { inertnessProblems } from './fakes/slack/inert.ts';

const BOT = 'xoxb-poster-bot';
const target = (channelId: string) => ({ platform: 'slack' as const, workspaceId: 'T0001', channelId });
const news = reply(`New: ${HOSTILE}`, { cards: [{ title: 'Latest news: Huawei', items: [{ title: HOSTILE, url: STORY_URL, meta: 'Reuters · 2026-11-27' }] }] });

let fake: FakeSlack;
let poster: Poster;

beforeAll(async () => {
  fake = await new FakeSlack({ botTokens: [BOT, 'xoxb-revoked'] }).start();
  poster = createSlackPoster({ tokenFor: (ws) => (ws === 'T0001' ? BOT : ws === 'TREVOKED' ? 'xoxb-revoked' : undefined), slackApiUrl: fake.apiUrl, log: createLogger('silent') });
});

afterAll(async () => {
  await fake?.stop();
});

describe('Slack poster', () => {
  it('posts with chat.postMessage: bot token as Bearer, blocks as JSON in the form, no unfurls, inert text', async () => {
    const r = await poster.post(target('C0NEWS'), news, 'digest:42');
    expect(r).toEqual({ ok: true, messageId: expect.stringMatching(/^\d+\.\d+$/) });
    const call = fake.callsOf('chat.postMessage').at(-1)!;
    expect(call.token).toBe(BOT);
    expect(call.contentType).toBe('application/x-www-form-urlencoded');
    expect(call.body).toMatchObject({ channel: 'C0NEWS', unfurl_links: 'false', unfurl_media: 'false', parse: 'none', link_names: 'false' });
    expect(call.body.metadata).toEqual({ event_type: 'chipwatch_post', event_payload: { key: 'digest:42' } });
    expect(Array.isArray(call.body.blocks)).toBe(true);
    expect(inertnessProblems(String(call.body.text), call.body.blocks, [STORY_URL])).toEqual([]);
    expect(call.raw).not.toContain(encodeURIComponent('<!channel>'));
  });

  it('maps channel_not_found, not_in_channel and is_archived to permanent', async () => {
    for (const error of ['channel_not_found', 'not_in_channel', 'is_archived']) {
      fake.channelErrors.set('C0GONE', error);
      expect(await poster.post(target('C0GONE'), news, 'k')).toEqual({ ok: false, kind: 'permanent', error });
    }
  });

  it('maps a 429 to transient with Slack’s Retry-After, without sleeping or retrying inside the client', async () => {
    fake.rateLimitOnce('chat.postMessage', 7);
    const before = fake.callsOf('chat.postMessage').length;
    const t = Date.now();
    const r = await poster.post(target('C0NEWS'), news, 'k');
    expect(r).toEqual({ ok: false, kind: 'transient', error: 'ratelimited', retryAfterMs: 7000 });
    expect(Date.now() - t).toBeLessThan(1000);
    expect(fake.callsOf('chat.postMessage').length).toBe(before + 1);
  });

  it('maps token_revoked and invalid_auth to permanent', async () => {
    fake.revokedTokens.add('xoxb-revoked');
    expect(await poster.post({ ...target('C0NEWS'), workspaceId: 'TREVOKED' }, news, 'k')).toEqual({ ok: false, kind: 'permanent', error: 'token_revoked' });
    const stranger = createSlackPoster({ tokenFor: () => 'xoxb-unknown', slackApiUrl: fake.apiUrl, log: createLogger('silent') });
    expect(await stranger.post(target('C0NEWS'), news, 'k')).toEqual({ ok: false, kind: 'permanent', error: 'invalid_auth' });
  });

  it('maps a 5xx to transient, and a workspace without a token to permanent', async () => {
    fake.failOnce('chat.postMessage', 503);
    expect(await poster.post(target('C0NEWS'), news, 'k')).toMatchObject({ ok: false, kind: 'transient', error: 'http_503' });
    expect(await poster.post({ ...target('C0NEWS'), workspaceId: 'TNOBODY' }, news, 'k')).toMatchObject({ ok: false, kind: 'permanent' });
  });

  it('maps a network failure to transient', async () => {
    const dead = createSlackPoster({ tokenFor: () => BOT, slackApiUrl: 'http://127.0.0.1:9/api/', log: createLogger('silent'), timeoutMs: 2000 });
    const r = await dead.post(target('C0NEWS'), news, 'k');
    expect(r).toMatchObject({ ok: false, kind: 'transient' });
    expect((r as { error: string }).error).toMatch(/^network:/);
  });

  it('classifies the rest of Slack’s documented errors', () => {
    const platform = (error: string) => toPostResult({ code: 'slack_webapi_platform_error', data: { ok: false, error } });
    for (const e of ['account_inactive', 'missing_scope', 'invalid_auth', 'token_revoked']) expect(platform(e).kind).toBe('permanent');
    for (const e of ['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable']) expect(platform(e).kind).toBe('transient');
  });
});
