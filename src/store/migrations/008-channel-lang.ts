// The language a channel's posts (digests, real-time bursts) are written in: en, zh-CN, zh-TW or de
// (src/i18n/locale.ts). Set with /subscribe … lang: or /digest lang:, and on a new subscription from the
// subscriber's own language. Existing channels keep English, which is what they have been getting.
import type { Migration } from '../migrate.ts';

export const m008ChannelLang: Migration = {
  version: 8,
  name: 'channel-lang',
  up(db) {
    db.exec(`ALTER TABLE subscriptions ADD COLUMN lang TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'zh-CN', 'zh-TW', 'de'))`);
  },
};
