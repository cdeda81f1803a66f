// /subscriptions: what this channel follows, how and when, and any delivery problem (a pause and why).
import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { getSubscription } from '../src/delivery/subscriptions.ts';
import { subscriptionFields } from '../src/delivery/describe.ts';
import { targetOf } from '../src/delivery/target.ts';

export const subscriptions = defineCommand({
  name: 'subscriptions',
  description: { en: "This channel's news subscription and delivery status", 'zh-CN': '本频道的订阅与推送状态', de: 'Abo und Zustellstatus dieses Kanals' },
  options: [],
  permission: 'everyone',
  visibility: 'ephemeral',
  handler(ctx) {
    const db = ctx.app.db;
    const sub = getSubscription(db, targetOf(ctx));
    if (!sub) {
      return reply('This channel has no subscription. Try /subscribe huawei, or /subscribe all mode:realtime.', {
        visibility: 'ephemeral',
        actions: [{ label: 'Follow all vendors (daily digest)', command: '/subscribe all' }],
      });
    }
    const fields = subscriptionFields(db, sub, ctx.app.now().getTime());
    const text = sub.pausedReason ? `Delivery to this channel is PAUSED: ${sub.pausedReason}` : `This channel follows ${fields[0]!.value} (${sub.mode === 'digest' ? 'daily digest' : 'real-time'}).`;
    return reply(text, {
      visibility: 'ephemeral',
      cards: [{ title: 'News subscription for this channel', fields }],
      actions: [
        { label: 'Preview the digest', command: '/digest preview' },
        ...(sub.pausedReason ? [{ label: 'Resume delivery', command: sub.allVendors ? '/subscribe all' : `/subscribe ${sub.vendors.join(' ')}` }] : []),
      ],
    });
  },
});
