// A Reply as a response_url payload: in the channel or only to the caller, as the reply says.
import type { RespondArguments } from '@slack/bolt';
import type { Reply } from '../../core/reply.ts';
import { renderReply } from './render.ts';

export function responsePayload(r: Reply): RespondArguments {
  const { text, blocks } = renderReply(r);
  return {
    response_type: r.visibility === 'public' && !r.error ? 'in_channel' : 'ephemeral',
    // A button press answers with a new message; the message holding the buttons stays as it was.
    replace_original: false,
    text,
    blocks,
  };
}
