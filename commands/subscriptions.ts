// /subscriptions: what this channel follows, how and when, and any delivery problem (a pause and why).
import { defineCommand } from '../src/core/command.ts';
import { reply } from '../src/core/reply.ts';
import { getSubscription } from '../src/delivery/subscriptions.ts';
import { subscriptionFields } from '../src/delivery/describe.ts';
import { targetOf } from '../src/delivery/target.ts';
import { t } from '../src/i18n/t.ts';

export const subscriptions = defineCommand({
  name: 'subscriptions',
  description: { en: "This channel's news subscription and delivery status", 'zh-CN': '本频道的订阅与推送状态', de: 'Abo und Zustellstatus dieses Kanals' },
  options: [],
  permission: 'everyone',
  visibility: 'ephemeral',
  handler(ctx) {
    const db = ctx.app.db;
    const { lang } = ctx;
    const sub = getSubscription(db, targetOf(ctx));
    if (!sub) {
      return reply(t(lang, 'sub.none'), {
        visibility: 'ephemeral',
        actions: [{ label: t(lang, 'sub.followAllAction'), command: '/subscribe all' }],
      });
    }
    const fields = subscriptionFields(db, sub, ctx.app.now().getTime(), lang);
    const text = sub.pausedReason
      ? t(lang, 'sub.pausedText', { reason: sub.pausedReason })
      : t(lang, 'sub.follows', { names: fields[0]!.value, mode: sub.mode === 'digest' ? t(lang, 'sub.modeDigest') : t(lang, 'sub.modeRealtimeShort') });
    return reply(text, {
      visibility: 'ephemeral',
      cards: [{ title: t(lang, 'sub.title'), fields }],
      actions: [
        { label: t(lang, 'sub.previewAction'), command: '/digest preview' },
        ...(sub.pausedReason ? [{ label: t(lang, 'sub.resumeAction'), command: sub.allVendors ? '/subscribe all' : `/subscribe ${sub.vendors.join(' ')}` }] : []),
      ],
    });
  },
});
