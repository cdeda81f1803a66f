// The ordered list of migrations. Append only: never edit one that has shipped.
import type { Migration } from '../migrate.ts';
import { m001Catalog } from './001-catalog.ts';
import { m002News } from './002-news.ts';
import { m003Delivery } from './003-delivery.ts';
import { m004Slack } from './004-slack.ts';
import { m005SearchKey } from './005-search-key.ts';
import { m006DeliveryClaims } from './006-delivery-claims.ts';
import { m007StoryChipsTime } from './007-story-chips-time.ts';
import { m008ChannelLang } from './008-channel-lang.ts';

export const migrations: readonly Migration[] = [m001Catalog, m002News, m003Delivery, m004Slack, m005SearchKey, m006DeliveryClaims, m007StoryChipsTime, m008ChannelLang];
