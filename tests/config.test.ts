// Configuration: defaults with no environment, and errors that name the variable to set.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('GIVEN no environment THEN console defaults: a database under data/, no platforms', () => {
    const c = loadConfig({});
    expect(c.CHIPWATCH_DB).toMatch(/data[\\/]chipwatch\.db$/);
    expect(c.DISCORD_TOKEN).toBeUndefined();
    expect(c.SLACK_BOT_TOKEN).toBeUndefined();
    expect(c.CHIPWATCH_POLL).toBe(true);
  });
  it('GIVEN DISCORD_TOKEN without DISCORD_APP_ID THEN the error names DISCORD_APP_ID and never the token', () => {
    try {
      loadConfig({ DISCORD_TOKEN: 'secret-token-value' });
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as Error).message).toContain('DISCORD_APP_ID');
      expect((e as Error).message).not.toContain('secret-token-value');
    }
  });
  it('GIVEN a malformed Slack token THEN says what it must start with', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxp-123', SLACK_SIGNING_SECRET: 's' })).toThrow(/SLACK_BOT_TOKEN must be a bot token starting with xoxb-/);
  });
  it('GIVEN Slack over HTTP without a signing secret THEN names SLACK_SIGNING_SECRET', () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET/);
  });
  it('GIVEN empty strings THEN treated as unset', () => {
    expect(loadConfig({ DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '  ' }).DISCORD_TOKEN).toBeUndefined();
  });
  it('GIVEN blank numbers, names and paths THEN their defaults (was: a relevance of 0 taken silently; "Too small" refusals)', () => {
    const blank = loadConfig({ CHIPWATCH_MIN_RELEVANCE: '', CHIPWATCH_SHUTDOWN_SECONDS: ' ', CHIPWATCH_DB: '', CHIPWATCH_METRICS_HOST: '', LOG_LEVEL: '', CHIPWATCH_NEWS_RETENTION_DAYS: '' });
    const defaults = loadConfig({});
    for (const k of ['CHIPWATCH_MIN_RELEVANCE', 'CHIPWATCH_SHUTDOWN_SECONDS', 'CHIPWATCH_DB', 'CHIPWATCH_METRICS_HOST', 'LOG_LEVEL', 'CHIPWATCH_NEWS_RETENTION_DAYS'] as const) expect(blank[k], k).toEqual(defaults[k]);
    expect(blank.CHIPWATCH_MIN_RELEVANCE).toBe(0.3);
  });
  it('GIVEN a bad number THEN names the variable', () => {
    expect(() => loadConfig({ SLACK_PORT: 'abc' })).toThrow(/SLACK_PORT/);
  });
  it('GIVEN CHIPWATCH_SHUTDOWN_SECONDS THEN the shutdown deadline (default 10 s; 0 or words refused)', () => {
    expect(loadConfig({}).CHIPWATCH_SHUTDOWN_SECONDS).toBe(10);
    expect(loadConfig({ CHIPWATCH_SHUTDOWN_SECONDS: '3' }).CHIPWATCH_SHUTDOWN_SECONDS).toBe(3);
    expect(() => loadConfig({ CHIPWATCH_SHUTDOWN_SECONDS: '0' })).toThrow(/CHIPWATCH_SHUTDOWN_SECONDS/);
    expect(() => loadConfig({ CHIPWATCH_SHUTDOWN_SECONDS: 'soon' })).toThrow(/CHIPWATCH_SHUTDOWN_SECONDS/);
  });
});
