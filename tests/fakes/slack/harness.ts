// Test set-up shared by the Slack end-to-end tests: the fake, a test core, and the real adapter built as
// `npm start` builds it, only pointed at the fake; unhandled rejections while it runs are collected, and
// `close` tears down in order (adapter, fake, database) and fails the file if any were seen.
import { expect } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/adapter.ts';
import type { SlackSettings } from '../../../src/adapters/slack/app.ts';
import type { App } from '../../../src/app.ts';
import { FakeSlack, type FakeSlackOptions } from './fake-slack.ts';
import { slackTestCore } from './core.ts';

export interface SlackRig {
  fake: FakeSlack;
  core: App;
  adapter: SlackAdapter;
  /** The HTTP endpoint Slack would post to (HTTP mode only). */
  endpoint: string;
  /** Unhandled rejections seen so far (a test may check it mid-way; `close` requires it empty). */
  rejections: unknown[];
  /** Awaits `afterStop` (e.g. a timing check on the adapter's stop) between stopping the adapter and the fake. */
  close(afterStop?: () => void): Promise<void>;
}

/** `settings`: the adapter's mode and credentials; the fake's API URL and no retries are added here. */
export async function startSlackRig(fakeOptions: FakeSlackOptions, settings: Omit<SlackSettings, 'slackApiUrl' | 'retryConfig'>): Promise<SlackRig> {
  const rejections: unknown[] = [];
  const onRejection = (e: unknown) => rejections.push(e);
  process.on('unhandledRejection', onRejection);
  const fake = await new FakeSlack(fakeOptions).start();
  const core = slackTestCore();
  const adapter = createSlackAdapter(core, { ...settings, slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  await adapter.start();
  return {
    fake,
    core,
    adapter,
    endpoint: adapter.endpoint() ?? '',
    rejections,
    async close(afterStop) {
      await adapter.stop();
      afterStop?.();
      await fake.stop();
      core.db.close();
      process.off('unhandledRejection', onRejection);
      expect(rejections).toEqual([]);
    },
  };
}
