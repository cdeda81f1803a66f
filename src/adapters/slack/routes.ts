// What the Slack app and its manifest must agree on: the request paths the bolt receiver serves and the
// bot scopes the app asks for. https://docs.slack.dev/reference/scopes
export const EVENTS_PATH = '/slack/events';
export const INSTALL_PATH = '/slack/install';
export const OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

export const BOT_SCOPES = [
  'commands', // slash commands
  'chat:write', // answers and channel posts (digests, alerts)
  'chat:write.public', // post subscriptions to public channels without inviting the bot first
  'users:read', // users.info: is the caller a workspace admin or owner (may manage subscriptions)
  'files:write', // charts (/compare, vendor cards) uploaded as images; without it answers stay text
] as const;

/** `/chipwatch <command> …`: every command under one name, registered beside the individual ones. */
export const UMBRELLA_COMMAND = 'chipwatch';
