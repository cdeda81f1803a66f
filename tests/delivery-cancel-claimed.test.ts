// Unsubscribing (or a pause) must stop every post still to go to that channel, including one a worker had
// claimed ('sending', migration 006) when it died or while its send is in flight. Otherwise the claimed
// row outlives the subscription: a successor takes it over once the claim lapses (or the live worker
// puts it back to 'pending' on a retry) and posts into a channel that asked for nothing more.
import { describe, expect, it } from 'vitest';
import { testApp } from './helpers/app.ts';
import { channelHeads, claim, enqueue, markRetry } from '../src/delivery/outbox.ts';
import { pauseSubscription, subscribe, unsubscribe } from '../src/delivery/subscriptions.ts';
import { reply } from '../src/core/reply.ts';

const target = { platform: 'discord' as const, workspaceId: 'g1', channelId: 'c1' };

function queued(nowMs: number) {
  const app = testApp();
  const sub = subscribe(app.db, target, { addVendors: ['huawei'] }, nowMs);
  enqueue(app.db, { target, subscriptionId: sub.id, purpose: 'cancel-claimed 1', reply: reply('one'), nowMs });
  enqueue(app.db, { target, subscriptionId: sub.id, purpose: 'cancel-claimed 2', reply: reply('two'), nowMs });
  const first = channelHeads(app.db, ['discord'], 10)[0]!;
  return { app, sub, first };
}

const statuses = (app: ReturnType<typeof testApp>) => app.db.prepare(`SELECT status FROM outbox ORDER BY id`).pluck().all();

describe('cancelling a channel’s queue', () => {
  it('GIVEN a row left mid-send by a dead worker WHEN the channel unsubscribes THEN it is cancelled and no worker takes it over', () => {
    const now = 1_000_000;
    const { app, first } = queued(now);
    expect(claim(app.db, first.id, 'dead-worker', now, 30_000)).not.toBeNull();
    unsubscribe(app.db, target, 'all', now + 1_000);
    expect(statuses(app)).toEqual(['cancelled', 'cancelled']);
    // Long after the dead worker's claim lapsed, there is nothing left to send or take over.
    expect(channelHeads(app.db, ['discord'], 10)).toEqual([]);
    expect(claim(app.db, first.id, 'successor', now + 3_600_000, 30_000)).toBeNull();
    app.db.close();
  });

  it('GIVEN a send in flight WHEN the channel is paused and the send then fails THEN the row is not put back in the queue', () => {
    const now = 1_000_000;
    const { app, sub, first } = queued(now);
    expect(claim(app.db, first.id, 'live-worker', now, 30_000)).not.toBeNull();
    pauseSubscription(app.db, sub.id, 'Missing Access', now + 100);
    expect(markRetry(app.db, first.id, 'live-worker', 'time-out', now + 5_000, true)).toBe(false);
    expect(statuses(app)).toEqual(['cancelled', 'cancelled']);
    expect(channelHeads(app.db, ['discord'], 10)).toEqual([]);
    app.db.close();
  });
});
