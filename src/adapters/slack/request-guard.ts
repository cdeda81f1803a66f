// The front door of Slack's HTTP requests, in front of bolt's HTTPReceiver (issue 10). bolt 5.1 checks
// the signature and refuses requests more than five minutes OLD, but:
//  - accepts requests dated in the FUTURE, and the same signed request any number of times within the
//    window (a captured request can be replayed);
//  - crashes on a signed body that parses to something other than an object (`payload=null`): the
//    TypeError escapes its request handler as an unhandled rejection, fatal for the process, and the
//    request is never answered;
//  - answers a block_actions payload without a usable action with 404, so the person who pressed the
//    button is told nothing.
// So every POST to the events path is buffered and checked here first: timestamp within five minutes
// either way, v0 HMAC-SHA256 signature (timing-safe), signature not seen before (remembered for the
// five minutes it could be valid), body an object, button payloads well-formed. What passes is handed to
// bolt with the body already buffered (bolt reuses `req.rawBody`), and bolt verifies it again.
// https://docs.slack.dev/authentication/verifying-requests-from-slack
// Socket Mode has no signatures (Slack authenticates the WebSocket itself), so none of this applies.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Logger } from '../../log.ts';
import { t } from '../../i18n/t.ts';
import { isRecord } from '../../core/is-record.ts';

/** Slack's window: a request more than this far from our clock, either way, is refused. */
export const MAX_SKEW_S = 300;
/** bolt's own default body limit (HTTPModuleFunctions.defaultBodyLimit). */
const BODY_LIMIT = 4 * 1024 * 1024;
/** More signatures than this within five minutes would be ~330 requests a second: oldest go first. */
const SEEN_MAX = 100_000;
/** The apology in English: a malformed payload is refused before anyone's language is known. */
export const SLACK_APOLOGY = t('en', 'apology.slack');

/**
 * Signatures accepted in the last five minutes. A signature is only usable while its timestamp is inside
 * the window, so an entry can be forgotten once that has passed; the map is bounded all the same.
 */
export class SeenSignatures {
  private readonly until = new Map<string, number>();
  constructor(private readonly max = SEEN_MAX) {}
  /** False when `sig` was already seen (a replay); otherwise remembers it until `expiresMs`. */
  add(sig: string, expiresMs: number, nowMs: number): boolean {
    const prev = this.until.get(sig);
    if (prev !== undefined && prev >= nowMs) return false;
    if (this.until.size >= this.max) this.sweep(nowMs);
    // Still full of live entries: drop the oldest (insertion order). A replay of that one request would
    // then pass — the price of a bounded set under a flood of genuinely signed requests.
    while (this.until.size >= this.max) this.until.delete(this.until.keys().next().value!);
    this.until.set(sig, expiresMs);
    return true;
  }
  get size(): number {
    return this.until.size;
  }
  private sweep(nowMs: number): void {
    for (const [k, t] of this.until) if (t < nowMs) this.until.delete(k);
  }
}

export type Verdict = { ok: true } | { ok: false; status: 401; reason: string };

/** Checks Slack's v0 signature and timestamp for `raw`; records the signature so it cannot be reused. */
export function verifySlackSignature(o: { secret: string; raw: Buffer; timestamp: unknown; signature: unknown; nowMs: number; seen: SeenSignatures }): Verdict {
  if (typeof o.timestamp !== 'string' || !/^\d{1,12}$/.test(o.timestamp)) return { ok: false, status: 401, reason: 'missing or malformed x-slack-request-timestamp' };
  if (typeof o.signature !== 'string' || !/^v0=[0-9a-f]{64}$/.test(o.signature)) return { ok: false, status: 401, reason: 'missing or malformed x-slack-signature' };
  const ts = Number(o.timestamp);
  if (Math.abs(o.nowMs / 1000 - ts) > MAX_SKEW_S) return { ok: false, status: 401, reason: 'timestamp more than five minutes from now' };
  const mac = createHmac('sha256', o.secret).update(`v0:${o.timestamp}:`).update(o.raw).digest();
  if (!timingSafeEqual(mac, Buffer.from(o.signature.slice(3), 'hex'))) return { ok: false, status: 401, reason: 'signature mismatch' };
  if (!o.seen.add(o.signature, (ts + MAX_SKEW_S) * 1000 + 1000, o.nowMs)) return { ok: false, status: 401, reason: 'replayed request' };
  return { ok: true };
}

/** The body as bolt will parse it (HTTPModuleFunctions.parseHTTPRequestBody), or why it is unusable. */
export function parseSlackBody(raw: Buffer, contentType: string | undefined): { ok: true; body: Record<string, unknown> } | { ok: false; reason: string } {
  let body: unknown;
  try {
    const text = raw.toString('utf8');
    if (contentType === 'application/x-www-form-urlencoded') {
      const q = parseQuery(text);
      body = typeof q.payload === 'string' ? JSON.parse(q.payload) : q;
    } else {
      body = JSON.parse(text);
    }
  } catch {
    return { ok: false, reason: 'body is not valid JSON or form data' };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, reason: 'body is not an object' };
  return { ok: true, body: body as Record<string, unknown> };
}


/** What is wrong with a payload bolt would otherwise crash on or drop silently; undefined if fine. */
export function payloadProblem(body: Record<string, unknown>): string | undefined {
  // bolt reads event.type of anything carrying an `event`.
  if ('event' in body && (!isRecord(body.event) || typeof body.event.type !== 'string')) return 'event without a type';
  if (body.type !== 'block_actions') return undefined;
  if (!isRecord(body.user) || typeof body.user.id !== 'string') return 'block_actions without a user';
  if (!Array.isArray(body.actions) || body.actions.length === 0) return 'block_actions without actions';
  if (!body.actions.every((a) => isRecord(a) && typeof a.action_id === 'string')) return 'block_actions with a malformed action';
  return undefined;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        resolve(undefined);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export interface RequestGuardOptions {
  signingSecret: string;
  /** Only POSTs to these paths are checked (and bolt handles only these). */
  paths: readonly string[];
  log: Logger;
  now?: () => number;
  /** Tells the person who pressed a broken button; defaults to a POST to its response_url. */
  apologise?: (responseUrl: string) => Promise<void>;
}

/** Answers through a response_url from a payload whose signature was just verified (as bolt's respond() does). */
export async function postApology(responseUrl: string): Promise<void> {
  const u = new URL(responseUrl);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return;
  await fetch(u, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text: SLACK_APOLOGY }), signal: AbortSignal.timeout(10_000) });
}

/** Wraps bolt's request listener with the checks above. */
export function guardSlackRequests(inner: RequestListener, o: RequestGuardOptions): RequestListener {
  const seen = new SeenSignatures();
  const now = o.now ?? Date.now;
  const apologise = o.apologise ?? postApology;
  const refuse = (res: ServerResponse, status: number, reason: string, code: string) => {
    o.log.warn({ platform: 'slack', code, reason, status }, 'refused a Slack request');
    if (!res.headersSent) res.writeHead(status).end();
  };
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method?.toUpperCase() !== 'POST' || !o.paths.includes(path)) return inner(req, res);
    void (async () => {
      const raw = await readBody(req, BODY_LIMIT);
      if (!raw) return refuse(res, 413, 'body too large', 'SLACK_BODY_TOO_LARGE');
      const type = req.headers['content-type'];
      // ssl_check carries no signature; bolt answers it and strips anything smuggled alongside.
      const sslCheck = type === 'application/x-www-form-urlencoded' && parseQuery(raw.toString('utf8')).ssl_check === '1';
      if (!sslCheck) {
        const v = verifySlackSignature({ secret: o.signingSecret, raw, timestamp: req.headers['x-slack-request-timestamp'], signature: req.headers['x-slack-signature'], nowMs: now(), seen });
        if (!v.ok) return refuse(res, v.status, v.reason, 'SLACK_BAD_SIGNATURE');
        const parsed = parseSlackBody(raw, type);
        if (!parsed.ok) return refuse(res, 400, parsed.reason, 'SLACK_BAD_PAYLOAD');
        const problem = payloadProblem(parsed.body);
        if (problem) {
          const url = parsed.body.response_url;
          // Nobody to tell: refuse it. Someone pressed something: acknowledge and apologise to them.
          if (typeof url !== 'string') return refuse(res, 400, problem, 'SLACK_BAD_PAYLOAD');
          o.log.warn({ platform: 'slack', code: 'SLACK_BAD_PAYLOAD', reason: problem }, 'malformed Slack payload; answered with an apology');
          res.writeHead(200).end();
          await apologise(url).catch((err: unknown) => o.log.warn({ err, code: 'SLACK_RESPOND_FAILED' }, 'could not answer a malformed Slack payload'));
          return;
        }
      }
      // bolt reuses a body already read into rawBody (HTTPModuleFunctions.bufferIncomingMessage).
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
      inner(req, res);
    })().catch((err: unknown) => {
      o.log.error({ err, code: 'SLACK_REQUEST_FAILED' }, 'could not handle a Slack request');
      if (!res.headersSent) res.writeHead(500).end();
    });
  };
}
