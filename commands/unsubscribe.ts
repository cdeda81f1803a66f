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
import { t } from '../src/i18n/t.ts';
import { nameIn } from '../src/i18n/names.ts';
import { joinList } from '../src/i18n/intl.ts';

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
    const { lang } = ctx;
    const target = targetOf(ctx);
    const before = getSubscription(db, target);
    if (!before) throw new UserError('NOT_FOUND', t('en', 'unsub.none'), t('en', 'digest.startHint'), { message: { key: 'unsub.none' }, hint: { key: 'digest.startHint' } });
    const list = parseVendorList(db, vendors);
    if (!list.all && before.allVendors) {
      throw new UserError('BAD_OPTION', t('en', 'unsub.followsAll'), undefined, { message: { key: 'unsub.followsAll' } });
    }
    if (!list.all) {
      const notFollowed = list.vendors.filter((v) => !before.vendors.includes(v));
      if (notFollowed.length === list.vendors.length) {
        const namesIn = (l: typeof lang) =>
          joinList(
            l,
            notFollowed.map((v) => {
              const vendor = catalogOf(db).vendors.get(v);
              return vendor ? nameIn(l, vendor) : v;
            }),
          );
        throw new UserError('NOT_FOUND', t('en', 'unsub.notFollowed', { names: namesIn('en'), follows: vendorNames(db, before) }), undefined, {
          message: { key: 'unsub.notFollowed', values: { names: namesIn(lang), follows: vendorNames(db, before, lang) } },
        });
      }
    }
    const after = unsubscribeChannel(db, target, list.all ? 'all' : list.vendors, ctx.app.now().getTime());
    if (!after) return reply(t(lang, 'unsub.done'), { actions: [{ label: t(lang, 'unsub.againAction'), command: '/subscribe all' }] });
    return reply(t(lang, 'unsub.updated', { names: vendorNames(db, after, lang) }), { actions: [{ label: t(lang, 'unsub.showAction'), command: '/subscriptions' }] });
  },
});
