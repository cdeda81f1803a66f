// Slack input is untrusted (issue 10): a signed but malformed payload is refused (400) or answered, never
// fatal; a request dated in the future, or a captured one sent again, is refused with 401. Through the
// real bolt HTTP receiver, built as `npm start` builds it, against the fake Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../src/adapters/slack/adapter.ts';
import { ACTION_ID_PREFIX } from '../src/adapters/slack/render.ts';
import type { App } from '../src/app.ts';
import type { FakeSlack } from './fakes/slack/fake-slack.ts';
import { startSlackRig, type SlackRig } from './fakes/slack/harness.ts';
import { buttonPressPayload, postButtonPress, postSigned, postSignedRaw, postSlashCommand, slashCommandForm } from './fakes/slack/deliver.ts';
import { QUOTES } from '../src/core/text-parser.ts';
import { ingestItems } from '../src/news/ingest-items.ts';
import { SeenSignatures } from '../src/adapters/slack/request-guard.ts';

const SECRET = 'test-signing-secret-0123456789abcdef';
const BOT = 'xoxb-test-token';
const FORM = 'application/x-www-form-urlencoded';

let rig: SlackRig;
let fake: FakeSlack;
let core: App;
let rejections: unknown[];
let endpoint: string;

beforeAll(async () => {
  rig = await startSlackRig({ botTokens: [BOT], users: [{ id: 'U0001' }] }, { mode: 'http', signingSecret: SECRET, botToken: BOT, port: 0, host: '127.0.0.1' });
  ({ fake, core, endpoint, rejections } = rig);
});

afterAll(async () => rig?.close());

/** The app still answers an ordinary command: the process survived the junk before it. */
async function stillAnswers(): Promise<void> {
  const { response_url, delivered } = postSlashCommand(endpoint, SECRET, fake, { command: '/help' });
  expect((await delivered).status).toBe(200);
  expect((await fake.responseTo(response_url)).body.response_type).toBe('ephemeral');
}

describe('malformed signed payloads', () => {
  const junk: [string, string, string][] = [
    ['payload=null', FORM, 'payload=null'],
    ['payload="{"', FORM, 'payload=%7B'],
    ['payload=[]', FORM, 'payload=%5B%5D'],
    ['payload=1', FORM, 'payload=1'],
    ['a JSON body of null', 'application/json', 'null'],
    ['a JSON body of "x"', 'application/json', '"x"'],
    ['a JSON body that is not JSON', 'application/json', '{"type":'],
    ['an event_callback whose event is null', 'application/json', '{"type":"event_callback","team_id":"T0001","event":null}'],
  ];
  for (const [name, type, raw] of junk) {
    it(`refuses ${name} with 400 and keeps running`, async () => {
      const r = await postSignedRaw(endpoint, SECRET, raw, type);
      expect(r.status).toBe(400);
      await stillAnswers();
      expect(rejections).toEqual([]);
    });
  }

  it('answers a block_actions payload with no actions, or broken ones, with an apology through its response_url', async () => {
    for (const mangle of [(p: Record<string, unknown>) => delete p.actions, (p: Record<string, unknown>) => (p.actions = []), (p: Record<string, unknown>) => (p.actions = [null]), (p: Record<string, unknown>) => (p.user = null), (p: Record<string, any>) => delete p.actions[0].value]) {
      const response_url = fake.responseUrl();
      const p = buttonPressPayload({ actionId: `${ACTION_ID_PREFIX}0`, value: '/help', response_url });
      mangle(p);
      const r = await postSigned(endpoint, SECRET, { payload: JSON.stringify(p) });
      expect([200, 400]).toContain(r.status);
      const answer = await fake.responseTo(response_url);
      expect(answer.body.response_type).toBe('ephemeral');
      expect(String(answer.body.text)).toMatch(/^Sorry/);
    }
    await stillAnswers();
    expect(rejections).toEqual([]);
  });

  it('answers a slash command missing its user or team with an apology, not a crash', async () => {
    const response_url = fake.responseUrl();
    const form = slashCommandForm({ command: '/help', response_url });
    delete (form as Partial<typeof form>).user_id;
    delete (form as Partial<typeof form>).team_id;
    const r = await postSigned(endpoint, SECRET, form);
    expect(r.status).toBe(200);
    expect(String((await fake.responseTo(response_url)).body.text)).toMatch(/^Sorry/);
    await stillAnswers();
    expect(rejections).toEqual([]);
  });
});

describe('timestamps both ways, and no replays', () => {
  it('refuses a request dated more than five minutes ahead with 401, and runs nothing', async () => {
    const future = Math.floor(Date.now() / 1000) + 301;
    const { response_url, delivered } = postSlashCommand(endpoint, SECRET, fake, { command: '/help' }, { timestamp: future });
    expect((await delivered).status).toBe(401);
    await expect(fake.responseTo(response_url, 300)).rejects.toThrow();
  });

  it('accepts a little clock skew either way', async () => {
    for (const skew of [-120, 120]) {
      const { response_url, delivered } = postSlashCommand(endpoint, SECRET, fake, { command: '/help' }, { timestamp: Math.floor(Date.now() / 1000) + skew });
      expect((await delivered).status).toBe(200);
      await fake.responseTo(response_url);
    }
  });

  it('refuses the same signed request sent a second time with 401', async () => {
    const response_url = fake.responseUrl();
    const form = slashCommandForm({ command: '/help', response_url });
    const ts = Math.floor(Date.now() / 1000);
    const first = await postSigned(endpoint, SECRET, form, { timestamp: ts });
    expect(first.status).toBe(200);
    await fake.responseTo(response_url);
    const again = await postSigned(endpoint, SECRET, form, { timestamp: ts });
    expect(again.status).toBe(401);
    // Only one answer reached the response_url.
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.responses.filter((r) => response_url.endsWith(r.id))).toHaveLength(1);
  });
});

describe('bidi and zero-width marks never reach a public reply', () => {
  it('a typed /news query is echoed without them', async () => {
    const { response_url, delivered } = postSlashCommand(endpoint, SECRET, fake, { command: '/news', text: 'query:"\u202Eexe.txt\u200B \u2066chips\u2069 \u061Cx\uFEFF"' });
    expect((await delivered).status).toBe(200);
    const r = await fake.responseTo(response_url);
    expect(r.raw).toContain('exe.txt chips x');
    expect(r.raw).not.toMatch(/[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/);
  });
});

describe('every quote mark the parser accepts round-trips through the "More" button', () => {
  const marks = [...new Set([...Object.keys(QUOTES), ...Object.values(QUOTES).join('')])];
  type Button = { action_id: string; value: string; text: { text: string } };
  const buttonsOf = (blocks: unknown) => ((blocks as { type: string; elements?: Button[] }[]) ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);

  beforeAll(() => {
    const t = Date.now() - 86_400_000;
    ingestItems(
      core,
      { sourceId: 'test', outlet: 'Test', kind: 'trade', weight: 0.5 },
      Array.from({ length: 12 }, (_, i) => ({ guid: null, url: `https://t.example/${i}`, title: `Huawei Ascend shipment ${i}`, summary: '', publishedAt: t - i * 60_000, publishedEstimated: false, lang: 'en' as const })),
      { minRelevance: 0 },
    );
  });

  it.each(marks)('a query with %s at its start or end', async (q) => {
    for (const query of [`${q}Huawei`, `Huawei${q}`]) {
      // Typed the way a Slack user would: the whole query in the one quote pair that can hold it.
      const typed = `query:${q === '"' ? `'${query}'` : `"${query}"`}`;
      const { response_url, delivered } = postSlashCommand(endpoint, SECRET, fake, { command: '/news', text: typed });
      expect((await delivered).status).toBe(200);
      const first = await fake.responseTo(response_url);
      const more = buttonsOf(first.body.blocks).find((b) => b.text.text === 'More');
      expect(more, `no More button for ${typed}: ${first.raw.slice(0, 300)}`).toBeDefined();
      const press = postButtonPress(endpoint, SECRET, fake, { actionId: more!.action_id, value: more!.value });
      expect((await press.delivered).status).toBe(200);
      const next = await fake.responseTo(press.response_url);
      expect(next.raw, `${typed} → ${more!.value}`).toContain('(page 2)');
      expect(next.raw).toContain('Huawei Ascend shipment 10');
    }
  });
});

describe('SeenSignatures', () => {
  it('refuses a signature seen before until it expires, and stays bounded', () => {
    const seen = new SeenSignatures(3);
    expect(seen.add('a', 1000, 0)).toBe(true);
    expect(seen.add('a', 1000, 500)).toBe(false);
    expect(seen.add('a', 3000, 1001)).toBe(true); // expired: its timestamp check refuses it anyway
    for (const k of ['b', 'c', 'd', 'e']) seen.add(k, 10_000, 2000);
    expect(seen.size).toBe(3);
  });
});
