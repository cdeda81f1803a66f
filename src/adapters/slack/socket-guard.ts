// The Socket Mode counterpart of request-guard.ts. Socket Mode needs no signatures (Slack authenticates
// the WebSocket), but its envelopes are read just as trustingly: an events_api envelope whose `event` is
// null makes @slack/socket-mode throw while reading `event.type` (an unhandled rejection, fatal for the
// process), and an interactive one without usable actions is never acknowledged, so Slack resends it.
// So each frame is checked before the client's own handler sees it: a malformed envelope is logged,
// acknowledged (so Slack stops resending it), and answered with an apology where it names a response_url.
import type { SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '../../log.ts';
import { payloadProblem, postApology } from './request-guard.ts';
import { isRecord } from '../../core/is-record.ts';

/** @slack/socket-mode's client, typed through bolt (socket-mode is bolt's dependency, not ours). */
type SocketModeClient = SocketModeReceiver['client'];


/** What is wrong with a Socket Mode frame that carries an envelope; undefined if it is fine (or not an envelope). */
export function envelopeProblem(frame: unknown): string | undefined {
  if (!isRecord(frame)) return undefined; // not JSON or not an object: the client ignores it safely
  const { type, payload } = frame;
  if (type !== 'events_api' && type !== 'interactive' && type !== 'slash_commands') return undefined;
  if (typeof frame.envelope_id !== 'string') return `${type} envelope without envelope_id`;
  if (!isRecord(payload)) return `${type} envelope without a payload object`;
  if (type === 'events_api' && !('event' in payload)) return 'events_api envelope without an event';
  return payloadProblem(payload);
}

/** Puts the check in front of the client's WebSocket message handler; call before start. */
export function guardSocketMode(client: SocketModeClient, log: Logger, apologise: (responseUrl: string) => Promise<void> = postApology): void {
  // The client binds its handler to its own 'ws_message' event in its constructor; it is replaced by one
  // that checks first and then calls the client's (protected) handler, whose rejections are caught here.
  // onWebSocketMessage is protected and send() private in the typings; both are the client's own code paths.
  const inner = client as unknown as { onWebSocketMessage(data: string | ArrayBuffer, isBinary: boolean): Promise<void>; send(id: string, body: object): Promise<void> };
  const handle = inner.onWebSocketMessage.bind(client);
  client.removeAllListeners('ws_message');
  client.on('ws_message', (data: string | ArrayBuffer, isBinary: boolean) => {
    let frame: unknown;
    try {
      frame = isBinary ? undefined : JSON.parse(typeof data === 'string' ? data : new TextDecoder().decode(data));
    } catch {
      frame = undefined;
    }
    const problem = envelopeProblem(frame);
    if (problem) {
      const f = frame as Record<string, unknown>;
      log.warn({ platform: 'slack', code: 'SLACK_BAD_PAYLOAD', reason: problem }, 'malformed Socket Mode envelope; acknowledged and ignored');
      if (typeof f.envelope_id === 'string') inner.send(f.envelope_id, {}).catch((err: unknown) => log.warn({ err, code: 'SLACK_ACK_FAILED' }, 'could not acknowledge a malformed envelope'));
      const url = isRecord(f.payload) ? f.payload.response_url : undefined;
      if (typeof url === 'string') apologise(url).catch((err: unknown) => log.warn({ err, code: 'SLACK_RESPOND_FAILED' }, 'could not answer a malformed Slack payload'));
      return;
    }
    handle(data, isBinary).catch((err: unknown) => log.error({ err, code: 'SLACK_SOCKET_MESSAGE_FAILED' }, 'could not handle a Socket Mode message'));
  });
}
