// Multi-workspace installs: the OAuth flow through bolt's installer against the fake's oauth.v2.access,
// the installation kept in SQLite (migration 004), and commands and posts in that workspace using the
// stored bot token. Also the installation store on its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../src/adapters/slack/adapter.ts';
import { SqliteInstallationStore } from '../src/adapters/slack/installations.ts';
import type { App } from '../src/app.ts';
import { openDatabase } from '../src/store/db.ts';
import Database from 'better-sqlite3';
import { migrate } from '../src/store/migrate.ts';
import { migrations } from '../src/store/migrations/index.ts';
import { FakeSlack } from './fakes/slack/fake-slack.ts';
import { postSlashCommand } from './fakes/slack/deliver.ts';
import { slackTestCore } from './fakes/slack/core.ts';

const SECRET = 'oauth-signing-secret';
const OAUTH = { clientId: '111.222', clientSecret: 'client-secret-xyz', code: 'the-code', grantToken: 'xoxb-granted-T0OAUTH', teamId: 'T0OAUTH' };

let fake: FakeSlack;
let core: App;
let adapter: SlackAdapter;
let base: string;

beforeAll(async () => {
  fake = await new FakeSlack({ botTokens: [], oauth: OAUTH, users: [{ id: 'U0OWNER', is_owner: true }] }).start();
  core = slackTestCore();
  adapter = createSlackAdapter(core, {
    mode: 'http',
    signingSecret: SECRET,
    oauth: { clientId: OAUTH.clientId, clientSecret: OAUTH.clientSecret, stateSecret: 'state-secret' },
    port: 0,
    host: '127.0.0.1',
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
  });
  await adapter.start();
  base = adapter.endpoint()!.replace('/slack/events', '');
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.stop();
  core?.db.close();
});

describe('Slack OAuth installs', () => {
  it('installs through /slack/install → oauth.v2.access, stores the installation, and then serves that workspace', async () => {
    const start = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get('location')!);
    expect(location.searchParams.get('client_id')).toBe(OAUTH.clientId);
    expect(location.searchParams.get('scope')!.split(',')).toEqual(['commands', 'chat:write', 'chat:write.public', 'users:read', 'files:write']);
    const state = location.searchParams.get('state')!;
    const cookie = start.headers.get('set-cookie')!.split(';')[0]!;

    const done = await fetch(`${base}/slack/oauth_redirect?code=${OAUTH.code}&state=${encodeURIComponent(state)}`, { headers: { cookie }, redirect: 'manual' });
    expect(done.status).toBe(200);
    expect(fake.callsOf('oauth.v2.access')).toHaveLength(1);

    const row = core.db.prepare(`SELECT install_key, team_id, bot_user_id, doc FROM slack_installations`).get() as { install_key: string; team_id: string; bot_user_id: string; doc: string };
    expect(row).toMatchObject({ install_key: 'T:T0OAUTH', team_id: 'T0OAUTH', bot_user_id: 'U0BOT2' });
    expect(JSON.parse(row.doc).bot.token).toBe(OAUTH.grantToken);

    // A command from that workspace is authorized from the store; the capability check uses its token.
    const cmd = postSlashCommand(adapter.endpoint()!, SECRET, fake, { command: '/guarded', text: 'ok', team_id: 'T0OAUTH', user_id: 'U0OWNER' });
    expect((await cmd.delivered).status).toBe(200);
    const r = await fake.responseTo(cmd.response_url);
    expect(r.body.text).toBe('allowed: ok');
    expect(fake.callsOf('users.info').at(-1)!.token).toBe(OAUTH.grantToken);

    // The poster finds the same token for delivery.
    const posted = await adapter.poster.post({ platform: 'slack', workspaceId: 'T0OAUTH', channelId: 'C0X' }, { visibility: 'public', text: 'hi', cards: [], actions: [] }, 'k1');
    expect(posted.ok).toBe(true);
    expect(fake.callsOf('chat.postMessage').at(-1)!.token).toBe(OAUTH.grantToken);
  });

  it('refuses a redirect with a forged state', async () => {
    const before = fake.callsOf('oauth.v2.access').length;
    const r = await fetch(`${base}/slack/oauth_redirect?code=${OAUTH.code}&state=forged`, { redirect: 'manual' });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(fake.callsOf('oauth.v2.access').length).toBe(before);
  });

  it('answers nothing for a workspace that never installed the app', async () => {
    const cmd = postSlashCommand(adapter.endpoint()!, SECRET, fake, { command: '/help', team_id: 'T0STRANGER' });
    const before = fake.calls.length;
    // bolt acks (so Slack does not retry) and reports the failed authorization to the error handler.
    await cmd.delivered;
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.responses.find((x) => cmd.response_url.endsWith(x.id))).toBeUndefined();
    expect(fake.calls.length).toBe(before);
  });
});

describe('SqliteInstallationStore', () => {
  it('stores, fetches, updates and deletes workspace and org installs', async () => {
    const db = openDatabase(':memory:');
    const store = new SqliteInstallationStore(db, () => new Date('2026-11-28T00:00:00Z'));
    const ws = { team: { id: 'T1', name: 'One' }, enterprise: undefined, user: { id: 'U1', token: undefined, scopes: undefined }, bot: { token: 'xoxb-1', scopes: ['commands'], id: 'B1', userId: 'UB1' }, isEnterpriseInstall: false };
    await store.storeInstallation(ws);
    expect((await store.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false })).bot!.token).toBe('xoxb-1');
    await store.storeInstallation({ ...ws, bot: { ...ws.bot, token: 'xoxb-1b' } });
    expect(store.botTokenFor('T1')).toBe('xoxb-1b');
    const org = { team: undefined, enterprise: { id: 'E1', name: 'Org' }, user: { id: 'U2', token: undefined, scopes: undefined }, bot: { token: 'xoxb-org', scopes: ['commands'], id: 'B2', userId: 'UB2' }, isEnterpriseInstall: true as const };
    await store.storeInstallation(org);
    expect((await store.fetchInstallation({ teamId: 'T9', enterpriseId: 'E1', isEnterpriseInstall: true })).bot!.token).toBe('xoxb-org');
    expect(store.botTokenFor('E1')).toBe('xoxb-org');
    await store.deleteInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false });
    await expect(store.fetchInstallation({ teamId: 'T1', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow(/not installed in Slack workspace T1/);
    expect(store.botTokenFor('T1')).toBeUndefined();
    db.close();
  });
});

describe('migration 004 (slack)', () => {
  it('upgrades a version-3 database, keeping its data, and adds slack_installations', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 3));
    db.prepare(`INSERT INTO news_meta (key, value) VALUES ('k', 'v')`).run();
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(4);
    expect(db.prepare(`SELECT value FROM news_meta WHERE key = 'k'`).get()).toEqual({ value: 'v' });
    const cols = (db.prepare(`PRAGMA table_info(slack_installations)`).all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(['install_key', 'team_id', 'enterprise_id', 'is_enterprise_install', 'bot_user_id', 'installed_at', 'updated_at', 'doc']);
    db.close();
  });
});
