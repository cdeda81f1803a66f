// /unsubscribe <vendor…|all>: stop following vendors in this channel; with none left (or "all") the
// channel's subscription and its queued posts are removed.
import { defineCommand } from '../src/core/command.ts';
import { stringOption } from '../src/core/options.ts';
import { reply } from '../src/core/reply.ts';
import { UserError } from '../src/core/errors.ts';
import { parseVendorList } from '../src/delivery/parse.ts';
import { getSubscription, unsubscribe as unsubscribeChannel } from '../src/delivery/subscriptions.ts';
import { vendorNames } from '../src/delivery/describe.ts';
import { targetOf } from '../src/delivery/target.ts';
import { catalogOf } from '../src/catalog/load.ts';

export const unsubscribe = defineCommand({
  name: 'unsubscribe',
  description: { en: 'Stop following vendors in this channel', 'zh-CN': '取消本频道的厂商订阅', de: 'Hersteller in diesem Kanal abbestellen' },
  options: [
    stringOption('vendors', {
      description: { en: 'Vendors to drop, or all', 'zh-CN': '要取消的厂商，或 all', de: 'Hersteller abbestellen, oder all' },
      required: true,
      positional: 'rest',
      autocomplete: 'vendor-or-all',
      example: 'huawei',
    }),
  ],
  permission: 'manage-channel',
  visibility: 'public',
  examples: ['/unsubscribe cambricon', '/unsubscribe all'],
  handler(ctx, { vendors }) {
    const db = ctx.app.db;
    const target = targetOf(ctx);
    const before = getSubscription(db, target);
    if (!before) throw new UserError('NOT_FOUND', 'This channel has no subscription.', 'Start one with /subscribe huawei (or /subscribe all).');
    const list = parseVendorList(db, vendors);
    if (!list.all && before.allVendors) {
      throw new UserError('BAD_OPTION', 'This channel follows all vendors. Run /unsubscribe all, then /subscribe the vendors you want.');
    }
    if (!list.all) {
      const notFollowed = list.vendors.filter((v) => !before.vendors.includes(v));
      if (notFollowed.length === list.vendors.length) {
        const names = notFollowed.map((v) => catalogOf(db).vendors.get(v)?.name.en ?? v).join(', ');
        throw new UserError('NOT_FOUND', `This channel does not follow ${names}. It follows ${vendorNames(db, before)}.`);
      }
    }
    const after = unsubscribeChannel(db, target, list.all ? 'all' : list.vendors, ctx.app.now().getTime());
    if (!after) return reply('Unsubscribed: this channel no longer gets chipwatch news.', { actions: [{ label: 'Subscribe again', command: '/subscribe all' }] });
    return reply(`Updated: this channel now follows ${vendorNames(db, after)}.`, { actions: [{ label: 'Show subscriptions', command: '/subscriptions' }] });
  },
});
