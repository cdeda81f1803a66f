// The adapters' own refusals in the reader's language: Slack's "could not check your role" (users.info
// failed) through the catalog, and the apology for a payload too broken to run, in the user's cached
// Slack locale (never a users.info call for a request being refused), else English. The Discord apology
// by payload locale is tested through the fake Discord in discord-untrusted.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { CapabilityCache, slackCapabilityProbe } from '../src/adapters/slack/capabilities.ts';
import { slackApologyFor } from '../src/adapters/slack/caller.ts';
import { LocaleCache } from '../src/adapters/slack/locale.ts';
import { SLACK_APOLOGY } from '../src/adapters/slack/request-guard.ts';
import { requireManageChannel } from '../src/core/permission.ts';
import { UserError } from '../src/core/errors.ts';
import { createLogger } from '../src/log.ts';
import { t } from '../src/i18n/t.ts';
import { FakeSlack } from './fakes/slack/fake-slack.ts';

const BOT = 'xoxb-refusals-bot';
let fake: FakeSlack;

beforeAll(async () => {
  fake = await new FakeSlack({ botTokens: [BOT], users: [{ id: 'U0DE', locale: 'de-DE' }] }).start();
});

afterAll(async () => {
  await fake?.stop();
});

/** The refusal requireManageChannel gives when the probe's users.info call fails (a token Slack refuses). */
async function refusalWhenUsersInfoFails(lang: 'en' | 'de' | 'zh-CN'): Promise<string> {
  const client = new webApi.WebClient('xoxb-not-installed', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  const probe = slackCapabilityProbe({ client, teamId: 'T1', userId: 'U0DE', anyoneManages: false, cache: new CapabilityCache(), log: createLogger('silent') });
  const err = await requireManageChannel(probe, 'change subscriptions', { lang, key: 'error.forbiddenDigest' }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return (err as Error).message;
}

describe('Slack: could not check the role', () => {
  it('is English for an English reader, naming Slack’s error', async () => {
    const m = await refusalWhenUsersInfoFails('en');
    expect(m).toContain('Could not check your Slack role (invalid_auth).');
  });

  it('is German for a German reader and Chinese for a Chinese one, with no English left', async () => {
    const de = await refusalWhenUsersInfoFails('de');
    expect(de).toContain(t('de', 'caps.slackCheckFailed', { error: 'invalid_auth' }));
    expect(de).not.toContain('Could not check');
    const zh = await refusalWhenUsersInfoFails('zh-CN');
    expect(zh).toContain('无法确认你在 Slack 中的角色（invalid_auth）');
    expect(zh).not.toContain('Could not check');
  });
});

describe('Slack: the apology for a broken payload', () => {
  it('uses the user’s cached locale, English when none is cached or the user is unknown', () => {
    const locales = new LocaleCache();
    locales.set('T1:U0DE', 'de-DE');
    locales.set('T1:U0ZH', 'zh-TW');
    expect(slackApologyFor({ locales }, 'T1', 'U0DE')).toBe(t('de', 'apology.slack'));
    expect(slackApologyFor({ locales }, 'T1', 'U0DE')).toMatch(/^Entschuldigung/);
    expect(slackApologyFor({ locales }, 'T1', 'U0ZH')).toBe(t('zh-TW', 'apology.slack'));
    expect(slackApologyFor({ locales }, 'T1', 'U0OTHER')).toBe(SLACK_APOLOGY);
    expect(slackApologyFor({ locales }, undefined, 'U0DE')).toBe(SLACK_APOLOGY);
    expect(SLACK_APOLOGY).toBe('Sorry, chipwatch could not read that request. Please try again.');
  });
});
