// Discord's hard limits, named, with where they are documented. The renderer truncates to these rather
// than letting Discord refuse the whole message with 400 "Invalid Form Body".

/** https://discord.com/developers/docs/resources/message#embed-object-embed-limits */
export const EMBED_TITLE_MAX = 256;
export const EMBED_DESCRIPTION_MAX = 4096;
export const EMBED_FIELDS_MAX = 25;
export const EMBED_FIELD_NAME_MAX = 256;
export const EMBED_FIELD_VALUE_MAX = 1024;
export const EMBED_FOOTER_MAX = 2048;
/** Sum of every embed's title, description, field names and values, footer and author name in one message. */
export const EMBEDS_TOTAL_CHARS_MAX = 6000;
/** https://discord.com/developers/docs/resources/message#create-message-jsonform-params */
export const EMBEDS_PER_MESSAGE_MAX = 10;
export const CONTENT_MAX = 2000;
/** Message nonce: "integer or string, max 25 characters". Same page. */
export const NONCE_MAX = 25;

/** https://discord.com/developers/docs/components/reference#action-row */
export const ACTION_ROWS_MAX = 5;
export const BUTTONS_PER_ROW_MAX = 5;
/** https://discord.com/developers/docs/components/reference#button */
export const BUTTON_LABEL_MAX = 80;
export const CUSTOM_ID_MAX = 100;

/** https://discord.com/developers/docs/interactions/application-commands#application-command-object-application-command-structure */
export const COMMAND_DESCRIPTION_MAX = 100;
export const OPTION_CHOICES_MAX = 25;
export const OPTION_STRING_LENGTH_MAX = 6000;

/**
 * An interaction must be answered within 3 s or the token stops accepting a first response.
 * https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction
 * We defer when the handler has not answered by this point, leaving a second of slack for the round trip.
 */
export const DEFER_AFTER_MS = 2000;

/**
 * Monospace columns that fit inside an embed before the client wraps lines (desktop embed max width
 * ≈ 520 px); wider tables are rendered as fields instead of a code block.
 */
export const TABLE_CODE_BLOCK_WIDTH_MAX = 56;

/** Discord's public API base; `/v10` is appended by @discordjs/rest. */
export const DISCORD_API_DEFAULT = 'https://discord.com/api';

/** Uploads: at most 10 files of at most 10 MiB each on a server without boosts; an attachment's alt text
 * (description) is at most 1,024 characters. https://discord.com/developers/docs/reference#uploading-files */
export const FILES_PER_MESSAGE_MAX = 10;
export const FILE_BYTES_MAX = 10 * 1024 * 1024;
export const ATTACHMENT_DESCRIPTION_MAX = 1024;
