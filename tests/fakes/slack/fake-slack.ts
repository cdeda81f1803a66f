// A fake Slack on 127.0.0.1 for the adapter tests and bench: the Web API (/api/<method>), response_url
// endpoints (/respond/<id>) and the Socket Mode WebSocket (/link), on one http.Server. It is strict —
// unknown methods answer unknown_method, wrong tokens invalid_auth, unknown response URLs 404 — so a
// test fails when the adapter starts calling something new. It records what it receives; tests assert
// on that, i.e. on what actually went over the wire. Protocol notes: /work/shared/notes/adapter-testing.md §2.
import { EventEmitter, once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';

export interface ApiCall {
  method: string;
  /** The token used: Authorization: Bearer …, or the `token` form field. */
  token: string | undefined;
  contentType: string;
  /** Parsed body; nested form arguments (blocks, metadata, …) arrive as JSON strings and are parsed here. */
  body: Record<string, unknown>;
  /** The raw body as received, for "does this string appear anywhere" assertions. */
  raw: string;
}

export interface Responded {
  id: string;
  body: Record<string, unknown>;
  raw: string;
}

export interface FakeUser {
  id: string;
  name?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  /** Slack's locale for the user ("zh-CN"); users.info returns it only with include_locale=true. */
  locale?: string;
}

export interface FakeSlackOptions {
  teamId?: string;
  botTokens?: string[];
  appToken?: string;
  users?: FakeUser[];
  oauth?: { clientId: string; clientSecret: string; code: string; grantToken: string; teamId: string };
  /** The fake's clock for message ts (tests advance it); default Date.now. */
  clock?: () => number;
  /** Bot tokens whose app has channels:history (conversations.history works); others get missing_scope. */
  historyTokens?: string[];
  /** Bot tokens whose app has files:write (the files.* upload methods work); others get missing_scope. */
  filesTokens?: string[];
  /** Per-channel limit on chat.postMessage; a post over it gets 429 and is counted in `ownRefusals`. */
  channelRateLimit?: { max: number; windowMs: number };
}

/** An upload as the fake keeps it (https://docs.slack.dev/messaging/working-with-files#upload). */
export interface FakeFile {
  id: string;
  filename: string;
  length: number;
  /** What `alt_txt` said; Slack ignores other spellings (`alt_text`), and so does the fake. */
  alt?: string;
  bytes?: Buffer;
  title?: string;
  channel?: string;
  threadTs?: string;
}

/** A message as the fake keeps it: Slack has no dedupe, so every chat.postMessage is one of these. */
export interface StoredMessage {
  ts: string;
  text: unknown;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

const NESTED = new Set(['blocks', 'attachments', 'metadata']);

export class FakeSlack extends EventEmitter {
  readonly teamId: string;
  readonly botTokens: Set<string>;
  readonly appToken: string;
  readonly users = new Map<string, FakeUser>();
  readonly calls: ApiCall[] = [];
  readonly responses: Responded[] = [];
  /** Channel id → error name chat.postMessage answers with. */
  readonly channelErrors = new Map<string, string>();
  /** Tokens that answer token_revoked. */
  readonly revokedTokens = new Set<string>();
  readonly sockets = new Set<WebSocket>();
  connectionsOpened = 0;
  private server: Server;
  private wss: WebSocketServer;
  private port = 0;
  private responseIds = new Set<string>();
  private rateLimits = new Map<string, number>();
  private failures = new Map<string, number>();
  private tickets = new Set<string>();
  private envelopeSeq = 0;
  private oauth: FakeSlackOptions['oauth'];
  private lastTs = 0;
  /** Messages posted per channel, oldest first (every chat.postMessage: Slack never dedupes). */
  readonly posted = new Map<string, StoredMessage[]>();
  /** Arrival instants (fake clock) of every chat.postMessage per channel, accepted or not. */
  readonly arrivals = new Map<string, number[]>();
  /** 429s the fake gave on its own (channelRateLimit), apart from scripted ones (rateLimitOnce). */
  ownRefusals = 0;
  readonly historyTokens: Set<string>;
  readonly filesTokens: Set<string>;
  /** Files by id: requested (files.getUploadURLExternal), then their bytes, then shared (completeUploadExternal). */
  readonly files = new Map<string, FakeFile>();
  readonly clock: () => number;
  private channelRateLimit: FakeSlackOptions['channelRateLimit'];

  constructor(o: FakeSlackOptions = {}) {
    super();
    this.teamId = o.teamId ?? 'T0001';
    this.botTokens = new Set(o.botTokens ?? ['xoxb-test-token']);
    this.appToken = o.appToken ?? 'xapp-test-token';
    for (const u of o.users ?? []) this.users.set(u.id, u);
    this.oauth = o.oauth;
    this.clock = o.clock ?? Date.now;
    this.historyTokens = new Set(o.historyTokens ?? []);
    this.filesTokens = new Set(o.filesTokens ?? []);
    this.channelRateLimit = o.channelRateLimit;
    this.server = createServer((req, res) => void this.route(req, res));
    this.wss = new WebSocketServer({ server: this.server, path: '/link' });
    this.wss.on('connection', (ws, req) => this.onSocket(ws, req));
  }

  async start(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((r) => this.wss.close(() => r()));
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A fresh response_url, as Slack puts in each slash command and action payload. */
  responseUrl(): string {
    const id = randomBytes(6).toString('hex');
    this.responseIds.add(id);
    return `http://127.0.0.1:${this.port}/respond/${id}`;
  }

  /** The next call of `method` answers 429 with Retry-After (whole seconds, as Slack sends). */
  rateLimitOnce(method: string, retryAfterSeconds: number): void {
    this.rateLimits.set(method, retryAfterSeconds);
  }

  /** The next call of `method` answers with this HTTP status (e.g. 503). */
  failOnce(method: string, status: number): void {
    this.failures.set(method, status);
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits for the next call of `method` (or one already made at index ≥ `after`). */
  async nextCall(method: string, after = 0, ms = 2000): Promise<ApiCall> {
    const have = this.calls.slice(after).find((c) => c.method === method);
    if (have) return have;
    const signal = AbortSignal.timeout(ms);
    for (;;) {
      const [c] = (await once(this, 'api', { signal })) as [ApiCall];
      if (c.method === method) return c;
    }
  }

  /** Waits for the answer posted to the response_url `url`. */
  async responseTo(url: string, ms = 2000): Promise<Responded> {
    const id = url.split('/').pop()!;
    const have = this.responses.find((r) => r.id === id);
    if (have) return have;
    const signal = AbortSignal.timeout(ms);
    for (;;) {
      const [r] = (await once(this, 'respond', { signal })) as [Responded];
      if (r.id === id) return r;
    }
  }

  // ---- Socket Mode ----

  /** Sends an envelope to every connected client; resolves with the client's ack frame. */
  async pushEnvelope(type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>, ms = 2000): Promise<{ envelope_id: string; payload?: unknown }> {
    const ws = [...this.sockets][0];
    if (!ws) throw new Error('fake slack: no Socket Mode client connected');
    const envelope_id = `env-${++this.envelopeSeq}`;
    const signal = AbortSignal.timeout(ms);
    const acked = (async () => {
      for (;;) {
        const [frame] = (await once(this, 'ws-frame', { signal })) as [{ envelope_id?: string; payload?: unknown }];
        if (frame.envelope_id === envelope_id) return frame as { envelope_id: string; payload?: unknown };
      }
    })();
    ws.send(JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type !== 'events_api', ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}) }));
    return acked;
  }

  /** Asks the clients to reconnect, as Slack does before it rotates a connection. */
  disconnectSockets(reason = 'refresh_requested'): void {
    for (const ws of this.sockets) ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake' } }));
  }

  private onSocket(ws: WebSocket, req: IncomingMessage): void {
    const ticket = new URL(req.url ?? '/', 'http://x').searchParams.get('ticket');
    if (!ticket || !this.tickets.delete(ticket)) {
      ws.close(4001, 'bad ticket');
      return;
    }
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      let frame: unknown;
      try {
        frame = JSON.parse(String(data));
      } catch {
        return;
      }
      this.emit('ws-frame', frame);
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: this.sockets.size, debug_info: { host: 'fake', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0001' } }));
    this.emit('ws-connected', ws);
  }

  // ---- HTTP ----

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
    };
    if (req.method === 'POST' && url.pathname.startsWith('/respond/')) {
      const id = url.pathname.slice('/respond/'.length);
      if (!this.responseIds.has(id)) return json(404, { ok: false, error: 'expired_url' });
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return json(400, { ok: false, error: 'invalid_payload' });
      }
      const r = { id, body, raw };
      this.responses.push(r);
      this.emit('respond', r);
      return json(200, { ok: true });
    }
    if (req.method === 'POST' && url.pathname.startsWith('/upload/')) {
      // The upload URL: raw bytes (or a multipart form) of exactly the announced length.
      const f = this.files.get(url.pathname.slice('/upload/'.length));
      const bytes = Buffer.concat(chunks);
      if (!f || f.bytes) return json(404, { ok: false, error: 'invalid_upload_url' });
      if (bytes.length !== f.length) return json(400, { ok: false, error: `fake: got ${bytes.length} bytes, announced ${f.length}` });
      f.bytes = bytes;
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
      return;
    }
    if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
      const method = url.pathname.slice('/api/'.length);
      const contentType = String(req.headers['content-type'] ?? '');
      const body = parseBody(contentType, raw);
      const auth = String(req.headers.authorization ?? '');
      const token = auth.startsWith('Bearer ') ? auth.slice(7) : typeof body.token === 'string' ? body.token : undefined;
      const call: ApiCall = { method, token, contentType, body, raw };
      this.calls.push(call);
      this.emit('api', call);
      const limited = this.rateLimits.get(method);
      if (limited !== undefined) {
        this.rateLimits.delete(method);
        return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limited) });
      }
      if (method === 'chat.postMessage' && typeof body.channel === 'string') {
        const now = this.clock();
        let arrived = this.arrivals.get(body.channel);
        if (!arrived) this.arrivals.set(body.channel, (arrived = []));
        arrived.push(now);
        const lim = this.channelRateLimit;
        if (lim && arrived.filter((t) => t > now - lim.windowMs).length > lim.max) {
          this.ownRefusals++;
          return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(Math.ceil(lim.windowMs / 1000)) });
        }
      }
      const failing = this.failures.get(method);
      if (failing !== undefined) {
        this.failures.delete(method);
        return json(failing, { ok: false, error: 'fatal_error' });
      }
      return json(200, this.api(method, token, body, auth));
    }
    json(404, { ok: false, error: `fake: no route ${req.method} ${url.pathname}` });
  }

  private api(method: string, token: string | undefined, body: Record<string, unknown>, auth: string): Record<string, unknown> {
    const bot = () => {
      if (!token) return 'not_authed';
      if (this.revokedTokens.has(token)) return 'token_revoked';
      if (!this.botTokens.has(token)) return 'invalid_auth';
      return undefined;
    };
    switch (method) {
      case 'auth.test': {
        const err = bot();
        if (err) return { ok: false, error: err };
        return { ok: true, url: 'https://fake.slack.com/', team: 'Fake Team', user: 'chipwatch', team_id: this.teamId, user_id: 'U0BOT', bot_id: 'B0BOT' };
      }
      case 'chat.postMessage': {
        const err = bot();
        if (err) return { ok: false, error: err };
        const channel = String(body.channel ?? '');
        if (!channel) return { ok: false, error: 'channel_not_found' };
        const chErr = this.channelErrors.get(channel);
        if (chErr) return { ok: false, error: chErr };
        if (!body.text && !body.blocks) return { ok: false, error: 'no_text' };
        // ts: the clock in seconds with microseconds, unique per message (as Slack's are per channel).
        this.lastTs = Math.max(this.lastTs + 1, this.clock() * 1000);
        const ts = (this.lastTs / 1e6).toFixed(6);
        const stored: StoredMessage = { ts, text: body.text, ...(body.metadata ? { metadata: body.metadata as StoredMessage['metadata'] } : {}) };
        let list = this.posted.get(channel);
        if (!list) this.posted.set(channel, (list = []));
        list.push(stored);
        return { ok: true, channel, ts, message: { type: 'message', text: body.text, ts, bot_id: 'B0BOT' } };
      }
      case 'conversations.history': {
        // https://docs.slack.dev/reference/methods/conversations.history: newest first; metadata only with
        // include_all_metadata; needs channels:history (groups:history for private channels).
        const err = bot();
        if (err) return { ok: false, error: err };
        if (!this.historyTokens.has(token!)) return { ok: false, error: 'missing_scope', needed: 'channels:history', provided: 'commands,chat:write' };
        const channel = String(body.channel ?? '');
        const chErr = this.channelErrors.get(channel);
        if (chErr) return { ok: false, error: chErr };
        const oldest = Number(body.oldest ?? 0);
        const latest = body.latest !== undefined ? Number(body.latest) : Infinity;
        const inclusive = body.inclusive === 'true' || body.inclusive === true;
        const limit = Math.min(999, Number(body.limit ?? 100));
        const start = body.cursor ? Number(Buffer.from(String(body.cursor), 'base64').toString()) : 0;
        const all = [...(this.posted.get(channel) ?? [])].reverse().filter((m) => {
          const t = Number(m.ts);
          return inclusive ? t >= oldest && t <= latest : t > oldest && t < latest;
        });
        const withMeta = body.include_all_metadata === 'true' || body.include_all_metadata === true;
        const page = all.slice(start, start + limit).map((m) => ({ type: 'message', ts: m.ts, text: m.text, bot_id: 'B0BOT', ...(withMeta && m.metadata ? { metadata: m.metadata } : {}) }));
        const more = start + limit < all.length;
        return { ok: true, messages: page, has_more: more, response_metadata: { next_cursor: more ? Buffer.from(String(start + limit)).toString('base64') : '' } };
      }
      case 'files.getUploadURLExternal': {
        const err = bot();
        if (err) return { ok: false, error: err };
        if (!this.filesTokens.has(token!)) return { ok: false, error: 'missing_scope', needed: 'files:write', provided: 'commands,chat:write' };
        const length = Number(body.length);
        if (!body.filename || !Number.isInteger(length) || length <= 0) return { ok: false, error: 'missing_argument' };
        if (typeof body.alt_txt === 'string' && body.alt_txt.length > 1000) return { ok: false, error: 'alt_txt_too_large' };
        const id = `F${randomBytes(5).toString('hex').toUpperCase()}`;
        this.files.set(id, { id, filename: String(body.filename), length, ...(typeof body.alt_txt === 'string' ? { alt: body.alt_txt } : {}) });
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const err = bot();
        if (err) return { ok: false, error: err };
        if (!this.filesTokens.has(token!)) return { ok: false, error: 'missing_scope', needed: 'files:write', provided: 'commands,chat:write' };
        let list: { id?: string; title?: string }[];
        try {
          list = JSON.parse(String(body.files ?? '')) as { id?: string; title?: string }[];
        } catch {
          return { ok: false, error: 'invalid_arguments' };
        }
        const found = list.map((x) => this.files.get(String(x.id)));
        if (!list.length || found.some((f) => !f || !f.bytes)) return { ok: false, error: 'file_not_found' };
        const channel = body.channel_id === undefined ? undefined : String(body.channel_id);
        if (channel) {
          const chErr = this.channelErrors.get(channel);
          if (chErr) return { ok: false, error: chErr };
        }
        found.forEach((f, i) => Object.assign(f!, { title: list[i]!.title, channel, threadTs: body.thread_ts === undefined ? undefined : String(body.thread_ts) }));
        this.emit('fileShared', found[0]);
        return { ok: true, files: found.map((f) => ({ id: f!.id, title: f!.title })) };
      }
      case 'users.info': {
        const err = bot();
        if (err) return { ok: false, error: err };
        const u = this.users.get(String(body.user ?? ''));
        if (!u) return { ok: false, error: 'user_not_found' };
        const withLocale = body.include_locale === true || body.include_locale === 'true';
        return { ok: true, user: { id: u.id, team_id: this.teamId, name: u.name ?? u.id, is_admin: Boolean(u.is_admin), is_owner: Boolean(u.is_owner), is_primary_owner: Boolean(u.is_primary_owner), is_bot: false, ...(withLocale ? { locale: u.locale ?? 'en-US' } : {}) } };
      }
      case 'apps.connections.open': {
        if (token !== this.appToken) return { ok: false, error: token?.startsWith('xapp-') ? 'invalid_auth' : 'not_allowed_token_type' };
        const ticket = randomBytes(8).toString('hex');
        this.tickets.add(ticket);
        this.connectionsOpened++;
        return { ok: true, url: `ws://127.0.0.1:${this.port}/link?ticket=${ticket}` };
      }
      case 'oauth.v2.access': {
        const o = this.oauth;
        if (!o) return { ok: false, error: 'unknown_method' };
        // Client credentials come as HTTP Basic auth or as form fields.
        const basic = auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString('utf8') : `${body.client_id}:${body.client_secret}`;
        if (basic !== `${o.clientId}:${o.clientSecret}`) return { ok: false, error: 'invalid_client_id' };
        if (body.code !== o.code) return { ok: false, error: 'invalid_code' };
        this.botTokens.add(o.grantToken);
        return {
          ok: true,
          app_id: 'A0001',
          authed_user: { id: 'U0INSTALLER' },
          scope: 'commands,chat:write,chat:write.public,users:read',
          token_type: 'bot',
          access_token: o.grantToken,
          bot_user_id: 'U0BOT2',
          team: { id: o.teamId, name: 'Installed Team' },
          enterprise: null,
          is_enterprise_install: false,
        };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

function parseBody(contentType: string, raw: string): Record<string, unknown> {
  if (!raw) return {};
  if (contentType.startsWith('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    if (NESTED.has(k)) {
      try {
        out[k] = JSON.parse(v);
        continue;
      } catch {
        /* keep the string */
      }
    }
    out[k] = v;
  }
  return out;
}
