// Plays Slack's side of HTTP delivery: signs requests the way Slack does (v0 HMAC-SHA256 over
// "v0:<timestamp>:<raw body>" with the signing secret) and posts slash commands and button presses to
// the app's request URL. https://docs.slack.dev/authentication/verifying-requests-from-slack
import { createHmac } from 'node:crypto';
import type { FakeSlack } from './fake-slack.ts';

export function signSlackRequest(secret: string, rawBody: string, timestampSec = Math.floor(Date.now() / 1000)): Record<string, string> {
  const sig = createHmac('sha256', secret).update(`v0:${timestampSec}:${rawBody}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestampSec), 'x-slack-signature': `v0=${sig}` };
}

export interface DeliveryOptions {
  /** Seconds since the epoch to sign with (default now); old ones must be refused. */
  timestamp?: number;
  /** Sign with this secret instead (a wrong one must be refused). */
  secret?: string;
  /** Send no signature headers at all. */
  unsigned?: boolean;
}

export interface Delivered {
  status: number;
  body: string;
}

/** POSTs a form body signed for `secret`. The content type is exactly what Slack sends (notes S8). */
export async function postSigned(endpoint: string, secret: string, form: Record<string, string>, o: DeliveryOptions = {}): Promise<Delivered> {
  const raw = new URLSearchParams(form).toString();
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (!o.unsigned) Object.assign(headers, signSlackRequest(o.secret ?? secret, raw, o.timestamp));
  const res = await fetch(endpoint, { method: 'POST', headers, body: raw });
  return { status: res.status, body: await res.text() };
}

export interface SlashCommandFields {
  command: string;
  text?: string;
  team_id?: string;
  channel_id?: string;
  user_id?: string;
  response_url: string;
  enterprise_id?: string;
  is_enterprise_install?: string;
}

/** The form fields Slack sends for a slash command. */
export function slashCommandForm(f: SlashCommandFields): Record<string, string> {
  return {
    token: 'deprecated-verification-token',
    team_id: f.team_id ?? 'T0001',
    team_domain: 'fake',
    channel_id: f.channel_id ?? 'C0001',
    channel_name: 'general',
    user_id: f.user_id ?? 'U0001',
    user_name: 'alice',
    command: f.command,
    text: f.text ?? '',
    api_app_id: 'A0001',
    is_enterprise_install: f.is_enterprise_install ?? 'false',
    ...(f.enterprise_id ? { enterprise_id: f.enterprise_id } : {}),
    response_url: f.response_url,
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
  };
}

export function postSlashCommand(endpoint: string, secret: string, fake: FakeSlack, f: Omit<SlashCommandFields, 'response_url'>, o: DeliveryOptions = {}) {
  const response_url = fake.responseUrl();
  return { response_url, delivered: postSigned(endpoint, secret, slashCommandForm({ ...f, response_url }), o) };
}

/** A block_actions payload for a press of button `actionId` carrying `value`. */
export function buttonPressPayload(o: { actionId: string; value: string; response_url: string; team_id?: string; channel_id?: string; user_id?: string }): Record<string, unknown> {
  const team = o.team_id ?? 'T0001';
  return {
    type: 'block_actions',
    user: { id: o.user_id ?? 'U0001', username: 'alice', name: 'alice', team_id: team },
    api_app_id: 'A0001',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: o.channel_id ?? 'C0001', is_ephemeral: false },
    trigger_id: '13345224609.738474920.8088930838d88f008e0',
    team: { id: team, domain: 'fake' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: o.channel_id ?? 'C0001', name: 'general' },
    message: { type: 'message', ts: '1700000000.000100', text: 'earlier answer' },
    response_url: o.response_url,
    actions: [{ action_id: o.actionId, block_id: 'b1', text: { type: 'plain_text', text: 'Next', emoji: true }, value: o.value, type: 'button', action_ts: '1700000001.000200' }],
  };
}

export function postButtonPress(endpoint: string, secret: string, fake: FakeSlack, o: { actionId: string; value: string; user_id?: string; channel_id?: string }, d: DeliveryOptions = {}) {
  const response_url = fake.responseUrl();
  const payload = buttonPressPayload({ ...o, response_url });
  return { response_url, delivered: postSigned(endpoint, secret, { payload: JSON.stringify(payload) }, d) };
}

/** POSTs any raw body (junk included) signed for `secret`, with the given content type and headers. */
export async function postSignedRaw(endpoint: string, secret: string, raw: string, contentType: string, o: DeliveryOptions & { headers?: Record<string, string> } = {}): Promise<Delivered> {
  const headers: Record<string, string> = { 'content-type': contentType, ...o.headers };
  if (!o.unsigned) Object.assign(headers, signSlackRequest(o.secret ?? secret, raw, o.timestamp));
  const res = await fetch(endpoint, { method: 'POST', headers, body: raw });
  return { status: res.status, body: await res.text() };
}
