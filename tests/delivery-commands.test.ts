// /subscribe, /unsubscribe, /subscriptions and /digest through the real dispatcher: validation with
// suggestions, permissions, persistence per (platform, workspace, channel), and the pause shown to users.
import { describe, expect, it } from 'vitest';
import { ask, consoleCaller } from './helpers/app.ts';
import { deliveryTestApp } from './fakes/delivery-app.ts';
import { getSubscription, pauseSubscription } from '../src/delivery/subscriptions.ts';
import type { CapabilityProbe } from '../src/core/context.ts';

const cannot: CapabilityProbe = async () => ({ manageChannel: false, missing: 'You need the Manage Channels permission in this channel.' });
const target = { platform: 'console' as const, workspaceId: 'console', channelId: 'test-channel' };

describe('subscription commands', () => {
  it('GIVEN vendor names, a chip name and a two-word vendor THEN the channel follows those vendors', async () => {
    const app = deliveryTestApp();
    const r = await ask(app, '/subscribe huawei, moore threads 寒武纪 topics:launch exclude:"stock price, rumor"');
    expect(r.error).toBeUndefined();
    const sub = getSubscription(app.db, target)!;
    expect(sub.vendors).toEqual(['cambricon', 'huawei', 'moore-threads']);
    expect(sub.mode).toBe('digest');
    expect(sub.topics).toEqual(['launch']);
    expect(sub.exclude).toEqual(['stock price', 'rumor']);
    await ask(app, '/subscribe ascend 910c');
    expect((await ask(app, '/subscribe ascend 910c')).text).toContain('is a chip');
  });

  it('GIVEN an unknown vendor, topic, time or zone THEN the refusal names the nearest valid value', async () => {
    const app = deliveryTestApp();
    expect((await ask(app, '/subscribe cambrcon')).text).toContain('Did you mean Cambricon');
    expect((await ask(app, '/subscribe huawei topics:lanch')).text).toContain('Did you mean launch');
    await ask(app, '/subscribe huawei');
    expect((await ask(app, '/digest time:25:00')).error?.code).toBe('BAD_OPTION');
    const tz = await ask(app, '/digest tz:Berlin');
    expect(tz.text).toContain('Europe/Berlin');
    expect(getSubscription(app.db, target)!.digestTz).toBe('UTC');
    expect((await ask(app, '/digest tz:Europe/Berln')).text).toContain('Did you mean Europe/Berlin');
    expect((await ask(app, '/digest tz:America/NewYork')).text).toContain('Did you mean America/New_York');
  });

  it('GIVEN a caller who cannot manage the channel THEN changes are refused with what is needed, and looking is allowed', async () => {
    const app = deliveryTestApp();
    const r = await ask(app, '/subscribe huawei', consoleCaller, cannot);
    expect(r.error?.code).toBe('FORBIDDEN');
    expect(r.text).toContain('Manage Channels');
    expect(getSubscription(app.db, target)).toBeNull();
    await ask(app, '/subscribe huawei');
    expect((await ask(app, '/digest time:07:00', consoleCaller, cannot)).error?.code).toBe('FORBIDDEN');
    expect((await ask(app, '/unsubscribe all', consoleCaller, cannot)).error?.code).toBe('FORBIDDEN');
    expect((await ask(app, '/digest preview', consoleCaller, cannot)).visibility).toBe('ephemeral');
    expect((await ask(app, '/subscriptions', consoleCaller, cannot)).error).toBeUndefined();
  });

  it('GIVEN the same channel id in two workspaces THEN their subscriptions are separate', async () => {
    const app = deliveryTestApp();
    await ask(app, '/subscribe huawei', { ...consoleCaller, workspaceId: 'w1' });
    await ask(app, '/subscribe biren mode:realtime', { ...consoleCaller, workspaceId: 'w2' });
    expect(getSubscription(app.db, { ...target, workspaceId: 'w1' })!.vendors).toEqual(['huawei']);
    expect(getSubscription(app.db, { ...target, workspaceId: 'w2' })!.mode).toBe('realtime');
  });

  it('GIVEN /digest settings THEN they persist, /subscriptions shows them, and a pause shows its reason until /subscribe resumes', async () => {
    const app = deliveryTestApp({ now: () => new Date('2026-03-28T12:00:00Z') });
    await ask(app, '/subscribe huawei cambricon');
    const d = await ask(app, '/digest time:9:00 tz:europe/berlin');
    expect(d.text).toContain('09:00 Europe/Berlin');
    const sub = getSubscription(app.db, target)!;
    // Next run is Sunday 29 March 09:00 CEST (after the DST change) = 07:00 UTC.
    expect(new Date(sub.nextDigestAt!).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect((await ask(app, '/digest off')).text).toContain('off');
    expect(getSubscription(app.db, target)!.nextDigestAt).toBeNull();
    await ask(app, '/digest on');

    pauseSubscription(app.db, sub.id, 'Missing Access (50001)', app.now().getTime());
    const shown = await ask(app, '/subscriptions');
    expect(shown.text).toContain('PAUSED');
    expect(JSON.stringify(shown.cards)).toContain('Missing Access (50001)');
    const resumed = await ask(app, '/subscribe huawei');
    expect(resumed.text).toContain('Delivery resumed');
    expect(getSubscription(app.db, target)!.pausedReason).toBeNull();
  });

  it('GIVEN /unsubscribe THEN vendors are removed, and the last one removes the subscription', async () => {
    const app = deliveryTestApp();
    await ask(app, '/subscribe huawei cambricon');
    expect((await ask(app, '/unsubscribe biren')).error?.code).toBe('NOT_FOUND');
    expect((await ask(app, '/unsubscribe huawei')).text).toContain('Cambricon');
    expect((await ask(app, '/unsubscribe cambricon')).text).toContain('no longer');
    expect(getSubscription(app.db, target)).toBeNull();
    expect((await ask(app, '/subscriptions')).text).toContain('no subscription');
  });
});
