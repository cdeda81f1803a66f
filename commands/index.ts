// The one list of commands. Adding a command: write commands/<name>.ts and add it here; Discord's
// registration, the Slack manifest and /help follow from it.
import type { Command } from '../src/core/command.ts';
import { chip } from './chip.ts';
import { compare } from './compare.ts';
import { help } from './help.ts';
import { news } from './news.ts';
import { subscribe } from './subscribe.ts';
import { unsubscribe } from './unsubscribe.ts';
import { subscriptions } from './subscriptions.ts';
import { digest } from './digest.ts';

export const commands: readonly Command[] = [chip, compare, news, help, subscribe, unsubscribe, subscriptions, digest];
