// Slack's Block Kit and Web API limits, named once so the renderer truncates instead of Slack refusing
// the whole message with `invalid_blocks`. Each links the page that states it.

/** Blocks per message. https://docs.slack.dev/reference/block-kit/blocks */
export const MAX_BLOCKS = 50;
/** A section's `text`. https://docs.slack.dev/reference/block-kit/blocks/section-block */
export const MAX_SECTION_TEXT = 3000;
/** Fields per section, and characters per field (same page). */
export const MAX_FIELDS = 10;
export const MAX_FIELD_TEXT = 2000;
/** A header's plain_text. https://docs.slack.dev/reference/block-kit/blocks/header-block */
export const MAX_HEADER_TEXT = 150;
/** Elements per context block; each is a text object (3000). https://docs.slack.dev/reference/block-kit/blocks/context-block */
export const MAX_CONTEXT_ELEMENTS = 10;
export const MAX_CONTEXT_TEXT = 3000;
/** Elements per actions block. https://docs.slack.dev/reference/block-kit/blocks/actions-block */
export const MAX_ACTION_ELEMENTS = 25;
/** Button label (plain_text) and value. https://docs.slack.dev/reference/block-kit/block-elements/button-element */
export const MAX_BUTTON_TEXT = 75;
export const MAX_BUTTON_VALUE = 2000;
/**
 * The top-level `text` (notification fallback). Slack truncates at 40,000 characters, but recommends
 * staying under 4,000. https://docs.slack.dev/reference/methods/chat.postMessage#truncating
 */
export const MAX_FALLBACK_TEXT = 4000;
/** Slack retries a slash command or action that is not acknowledged within 3 s; we ack first. */
export const ACK_DEADLINE_MS = 3000;
/**
 * A response_url accepts up to 5 responses within 30 minutes.
 * https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
 */
export const RESPONSE_URL_MAX_USES = 5;
/** An uploaded image's alt text (`alt_txt`): "alt_txt_too_large" past 1,000 characters.
 * https://docs.slack.dev/reference/methods/files.getUploadURLExternal */
export const MAX_ALT_TEXT = 1000;
