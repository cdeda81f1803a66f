// A fake Discord for tests: REST (API v10) over HTTP and the gateway over WebSocket, on one http.Server
// on 127.0.0.1:0. The real discord.js client talks to it unmodified (its REST base points here, and the
// gateway URL comes from GET /gateway/bot). It is strict so that a new or wrong call fails a test instead
// of passing silently: unknown routes 404, unexpected query parameters 400, bad tokens 401, a gateway
// query other than ?v=10&encoding=json closes with 4012, and message bodies over Discord's limits get
// Discord's 400 (50035 Invalid Form Body). Every request is recorded, and events fire for each kind.
import { EventEmitter, once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { GatewayOpcodes, type APIApplicationCommand, type APIEmbed, type APIMessage, type GatewayDispatchEvents, type RESTGetAPIGatewayBotResult } from 'discord.js';
import { botUser, guildCreate, message, ready, snowflake, type GuildFixture } from './fixtures.ts';

export interface RecordedRequest {
  method: string;
  /** Decoded path after /api/v10, e.g. "/webhooks/1/tok/messages/@original". */
  path: string;
  /** The matched route template, e.g. "/channels/:channel/messages". */
  route: string;
  params: Record<string, string>;
  query: Record<string, string>;
  authorization: string | undefined;
  body: unknown;
  /** Files of a multipart/form-data request (`files[n]` parts), as Discord receives attachments. */
  files?: UploadedFile[];
  at: number;
}

export interface UploadedFile {
  field: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

/** Discord's default upload limit per file (servers without boosts), and its attachment description cap.
 * https://discord.com/developers/docs/reference#uploading-files */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_DESCRIPTION_MAX = 1024;

/** What the callback route received for one interaction. */
export interface InteractionCallback {
  interactionId: string;
  token: string;
  body: { type: number; data?: Record<string, unknown> };
}

export interface FakeDiscordOptions {
  token?: string;
  appId?: string;
  /** How many guilds READY lists (each with one text channel), or explicit ones. */
  guilds?: number | GuildFixture[];
  heartbeatIntervalMs?: number;
  /** The fake's clock for message timestamps and the nonce window (tests advance it); default Date.now. */
  clock?: () => number;
  /** How long enforce_nonce dedupes a nonce (default NONCE_WINDOW_MS). */
  nonceWindowMs?: number;
  /** Per-channel limit on POST /channels/:id/messages; a post over it is refused with 429 and counted in
   * `ownRefusals` (tests require zero: pacing is the bot's job, measured from `arrivals`). */
  channelRateLimit?: { max: number; windowMs: number };
}

/**
 * enforce_nonce: "checked for uniqueness in the past few minutes"
 * (https://discord.com/developers/docs/resources/message#create-message-jsonform-params). The fake
 * honours a nonce for two minutes, the least "a few minutes" can mean, and never longer: no kinder than
 * Discord.
 */
export const NONCE_WINDOW_MS = 2 * 60_000;

interface Session {
  id: string;
  seq: number;
  /** Every dispatch sent, for replay on RESUME. */
  sent: { s: number; frame: string }[];
  socket: WebSocket | undefined;
}

type Handler = (req: RecordedRequest) => { status: number; body?: unknown; headers?: Record<string, string> };
interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  keys: string[];
  /** 'bot': needs "Authorization: Bot <token>". 'none': the interaction token in the path is the credential. */
  auth: 'bot' | 'none';
  query: string[];
  handle: Handler;
}

interface InteractionState {
  id: string;
  token: string;
  channelId: string;
  acknowledged: boolean;
  original?: APIMessage;
}

interface ScriptedFailure {
  status: number;
  code: number;
  message: string;
}

const error = (status: number, code: number, message: string) => ({ status, body: { message, code } });

export class FakeDiscord extends EventEmitter {
  readonly token: string;
  readonly appId: string;
  readonly botId = snowflake();
  readonly guilds: GuildFixture[];
  readonly requests: RecordedRequest[] = [];
  /** Messages created per channel (channel posts, interaction responses, follow-ups). */
  readonly messages = new Map<string, APIMessage[]>();
  readonly identifies: Record<string, unknown>[] = [];
  readonly commands = { global: [] as APIApplicationCommand[], guild: new Map<string, APIApplicationCommand[]>() };
  /** Arrival instants (fake clock) of every POST /channels/:id/messages, accepted or not, per channel. */
  readonly arrivals = new Map<string, number[]>();
  /** 429s the fake gave on its own (channelRateLimit), apart from scripted ones (rateLimitOnce). */
  ownRefusals = 0;
  /** Resends answered with the earlier message because of enforce_nonce. */
  nonceDeduped = 0;
  /** Channels whose history the bot may not read (GET messages answers 403 Missing Access). */
  readonly historyDenied = new Set<string>();
  readonly clock: () => number;
  private readonly nonceWindowMs: number;
  private readonly channelRateLimit: FakeDiscordOptions['channelRateLimit'];
  private readonly createdAt = new WeakMap<APIMessage, number>();
  private readonly heartbeatIntervalMs: number;
  private readonly server = http.createServer((req, res) => void this.onHttp(req, res));
  private readonly wss = new WebSocketServer({ server: this.server, path: '/gateway' });
  private readonly routes: Route[] = [];
  private readonly interactions = new Map<string, InteractionState>();
  private readonly rateLimits: { method: string; route: string; seconds: number; global: boolean }[] = [];
  private readonly channelFailures = new Map<string, ScriptedFailure>();
  private session: Session | undefined;
  private port = 0;

  constructor(o: FakeDiscordOptions = {}) {
    super();
    this.setMaxListeners(0); // many waiters at once (benchmarks send interactions in parallel)
    this.token = o.token ?? 'fake-bot-token';
    this.appId = o.appId ?? snowflake();
    this.heartbeatIntervalMs = o.heartbeatIntervalMs ?? 41_250;
    this.clock = o.clock ?? Date.now;
    this.nonceWindowMs = o.nonceWindowMs ?? NONCE_WINDOW_MS;
    this.channelRateLimit = o.channelRateLimit;
    const g = o.guilds ?? 1;
    this.guilds = typeof g === 'number' ? Array.from({ length: g }, (_, i) => ({ id: snowflake(), name: `Guild ${i + 1}`, channelIds: [snowflake()] })) : g;
    this.wss.on('connection', (ws, req) => this.onGateway(ws, req));
    this.defineRoutes();
  }

  async start(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** The value for discord.js `rest.api` (no version: the library appends /v10). */
  get apiBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  async stop(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  // ---- scripting -----------------------------------------------------------------------------------

  /** The next request to `method route` (a template like "/channels/:channel/messages") gets a 429. */
  rateLimitOnce(method: string, route: string, seconds: number, global = false): void {
    this.rateLimits.push({ method, route, seconds, global });
  }

  /** Posts to this channel fail as Discord would (e.g. 404 / 10003 Unknown Channel) until cleared. */
  failChannel(channelId: string, f: ScriptedFailure | undefined): void {
    if (f) this.channelFailures.set(channelId, f);
    else this.channelFailures.delete(channelId);
  }

  /** Sends a dispatch (op 0) on the current gateway session. */
  dispatch(t: `${GatewayDispatchEvents}`, d: unknown): void {
    const s = this.session;
    if (!s) throw new Error('fake: no gateway session');
    s.seq += 1;
    const frame = JSON.stringify({ op: GatewayOpcodes.Dispatch, t, s: s.seq, d });
    s.sent.push({ s: s.seq, frame });
    if (s.sent.length > 5000) s.sent.splice(0, s.sent.length - 5000);
    s.socket?.send(frame);
  }

  /** Sends INTERACTION_CREATE, remembering the interaction so its token works on the callback routes. */
  sendInteraction(d: { id: string; token: string; channel_id?: string }): void {
    this.interactions.set(d.id, { id: d.id, token: d.token, channelId: d.channel_id ?? '', acknowledged: false });
    this.dispatch('INTERACTION_CREATE', d);
  }

  /** Asks the client to reconnect (op 7); it should come back with RESUME. */
  requestReconnect(): void {
    this.session?.socket?.send(JSON.stringify({ op: GatewayOpcodes.Reconnect, d: null }));
  }

  /** Resolves with the next `event` payload that passes `accept`; rejects after `timeoutMs`. */
  async next<T = unknown>(event: string, accept: (x: T) => boolean = () => true, timeoutMs = 3000): Promise<T> {
    const signal = AbortSignal.timeout(timeoutMs);
    for (;;) {
      let got: T;
      try {
        [got] = (await once(this, event, { signal })) as [T];
      } catch {
        throw new Error(`fake Discord: no "${event}" within ${timeoutMs} ms`);
      }
      if (accept(got)) return got;
    }
  }

  /** Sends an interaction and resolves with the body its callback route receives. */
  async interact(d: { id: string; token: string; channel_id?: string }, timeoutMs = 3000): Promise<InteractionCallback> {
    const reply = this.next<InteractionCallback>('interactionCallback', (c) => c.interactionId === d.id, timeoutMs);
    this.sendInteraction(d);
    return reply;
  }

  // ---- gateway -------------------------------------------------------------------------------------

  private onGateway(ws: WebSocket, req: http.IncomingMessage): void {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const keys = [...q.keys()].sort().join(',');
    // 4012 "Invalid API version"; also used for compression we do not speak (adapter-testing notes, D2).
    if (keys !== 'encoding,v' || q.get('v') !== '10' || q.get('encoding') !== 'json') {
      this.emit('gatewayRejected', req.url);
      ws.close(4012, `fake: unexpected gateway query ${req.url}`);
      return;
    }
    ws.send(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null }));
    ws.on('message', (raw) => {
      let frame: { op: number; d: any };
      try {
        frame = JSON.parse(String(raw));
      } catch {
        ws.close(4002, 'fake: decode error');
        return;
      }
      this.onFrame(ws, frame);
    });
    ws.on('close', (code) => {
      if (this.session?.socket === ws) this.session.socket = undefined;
      this.emit('gatewayClose', code);
    });
  }

  private tokenOk(t: unknown): boolean {
    return t === this.token || t === `Bot ${this.token}`;
  }

  private onFrame(ws: WebSocket, f: { op: number; d: any }): void {
    switch (f.op) {
      case GatewayOpcodes.Heartbeat:
        ws.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck }));
        this.emit('heartbeat', f.d);
        return;
      case GatewayOpcodes.Identify: {
        if (!this.tokenOk(f.d?.token)) return void ws.close(4004, 'Authentication failed.');
        this.identifies.push(f.d);
        this.emit('identify', f.d);
        this.session = { id: snowflake(), seq: 0, sent: [], socket: ws };
        const shard = (f.d.shard ?? [0, 1]) as [number, number];
        this.dispatch('READY', ready({ botId: this.botId, appId: this.appId, sessionId: this.session.id, resumeUrl: this.gatewayUrl, guildIds: this.guilds.map((g) => g.id), shard }));
        for (const g of this.guilds) this.dispatch('GUILD_CREATE', guildCreate(g, this.botId));
        return;
      }
      case GatewayOpcodes.Resume: {
        const s = this.session;
        if (!s || !this.tokenOk(f.d?.token) || f.d?.session_id !== s.id) {
          ws.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false }));
          return;
        }
        s.socket = ws;
        const missed = s.sent.filter((x) => x.s > Number(f.d.seq));
        for (const m of missed) ws.send(m.frame);
        this.dispatch('RESUMED', null);
        this.emit('resume', { sessionId: s.id, seq: f.d.seq, replayed: missed.length });
        return;
      }
      default:
        // Presence/voice updates and the like: chipwatch sends none; record them so a test can notice.
        this.emit('gatewayFrame', f);
    }
  }

  // ---- REST ----------------------------------------------------------------------------------------

  private route(method: string, template: string, auth: Route['auth'], query: string[], handle: Handler): void {
    const keys: string[] = [];
    const pattern = new RegExp(
      `^${template.replace(/:([a-z]+)/g, (_m, k: string) => {
        keys.push(k);
        return '([^/]+)';
      })}$`,
    );
    this.routes.push({ method, template, pattern, keys, auth, query, handle });
  }

  private defineRoutes(): void {
    this.route('GET', '/gateway/bot', 'bot', [], () => {
      const body: RESTGetAPIGatewayBotResult = {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      };
      return { status: 200, body };
    });

    // The bot's own user: a harmless call that proves a token works (`chipwatch doctor`).
    // https://discord.com/developers/docs/resources/user#get-current-user
    this.route('GET', '/users/@me', 'bot', [], () => ({ status: 200, body: botUser(this.botId) }));

    this.route('POST', '/interactions/:id/:token/callback', 'none', ['with_response'], (r) => {
      const it = this.interactions.get(r.params.id!);
      if (!it || it.token !== r.params.token) return error(404, 10062, 'Unknown interaction');
      if (it.acknowledged) return error(400, 40060, 'Interaction has already been acknowledged.');
      const body = r.body as InteractionCallback['body'];
      if ((body.type === 4 || body.type === 7) && body.data) {
        const bad = checkMessageBody(body.data, r.files);
        if (bad) return error(400, 50035, `Invalid Form Body: ${bad}`);
      }
      it.acknowledged = true;
      if (body.type === 4 || body.type === 5) it.original = this.store(it.channelId, (body.data ?? {}) as Record<string, unknown>);
      this.emit('interactionCallback', { interactionId: it.id, token: it.token, body } satisfies InteractionCallback);
      return r.query.with_response === 'true' ? { status: 200, body: { interaction: { id: it.id, type: 2 }, resource: { type: body.type, message: it.original } } } : { status: 204 };
    });

    const byToken = (r: RecordedRequest) => {
      if (r.params.app !== this.appId) return undefined;
      return [...this.interactions.values()].find((x) => x.token === r.params.token);
    };

    this.route('PATCH', '/webhooks/:app/:token/messages/:message', 'none', ['with_components', 'thread_id'], (r) => {
      const it = byToken(r);
      if (!it || r.params.message !== '@original' || !it.acknowledged || !it.original) return error(404, 10008, 'Unknown Message');
      const bad = checkMessageBody(r.body as Record<string, unknown>, r.files);
      if (bad) return error(400, 50035, `Invalid Form Body: ${bad}`);
      Object.assign(it.original, r.body as object, { edited_timestamp: new Date().toISOString() });
      this.emit('webhookEdit', { token: it.token, body: r.body });
      return { status: 200, body: it.original };
    });

    this.route('DELETE', '/webhooks/:app/:token/messages/:message', 'none', ['thread_id'], (r) => {
      const it = byToken(r);
      if (!it || r.params.message !== '@original' || !it.original) return error(404, 10008, 'Unknown Message');
      const list = this.messages.get(it.channelId) ?? [];
      this.messages.set(it.channelId, list.filter((m) => m.id !== it.original!.id));
      it.original = undefined;
      this.emit('webhookDelete', { token: it.token });
      return { status: 204 };
    });

    this.route('POST', '/webhooks/:app/:token', 'none', ['wait', 'thread_id', 'with_components'], (r) => {
      const it = byToken(r);
      if (!it || !it.acknowledged) return error(404, 10015, 'Unknown Webhook');
      const bad = checkMessageBody(r.body as Record<string, unknown>, r.files);
      if (bad) return error(400, 50035, `Invalid Form Body: ${bad}`);
      const msg = this.store(it.channelId, r.body as Record<string, unknown>);
      this.emit('followUp', { token: it.token, body: r.body });
      return { status: 200, body: msg };
    });

    this.route('GET', '/users/@me', 'bot', [], () => ({ status: 200, body: botUser(this.botId) }));

    // Newest first, at most `limit` (1-100, default 50), older than `before` when given. Discord's message
    // objects read back this way do not reliably carry the nonce, so the fake leaves it out.
    this.route('GET', '/channels/:channel/messages', 'bot', ['limit', 'before', 'after', 'around'], (r) => {
      const channelId = r.params.channel!;
      if (!this.guilds.some((g) => g.channelIds.includes(channelId))) return error(404, 10003, 'Unknown Channel');
      if (this.historyDenied.has(channelId)) return error(403, 50001, 'Missing Access');
      if (r.query.after !== undefined || r.query.around !== undefined) return error(400, 0, 'fake: only limit and before are modelled');
      const limit = Number(r.query.limit ?? 50);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) return error(400, 50035, 'Invalid Form Body: limit');
      let list = [...(this.messages.get(channelId) ?? [])].reverse();
      if (r.query.before !== undefined) list = list.filter((m) => BigInt(m.id) < BigInt(r.query.before!));
      return { status: 200, body: list.slice(0, limit).map(({ nonce: _n, ...m }) => m) };
    });

    this.route('POST', '/channels/:channel/messages', 'bot', [], (r) => {
      const channelId = r.params.channel!;
      const now = this.clock();
      let arrived = this.arrivals.get(channelId);
      if (!arrived) this.arrivals.set(channelId, (arrived = []));
      arrived.push(now);
      const lim = this.channelRateLimit;
      if (lim && arrived.filter((t) => t > now - lim.windowMs).length > lim.max) {
        this.ownRefusals++;
        return { status: 429, body: { message: 'You are being rate limited.', retry_after: lim.windowMs / 1000, global: false }, headers: { 'retry-after': String(Math.ceil(lim.windowMs / 1000)) } };
      }
      const failure = this.channelFailures.get(channelId);
      if (failure) return error(failure.status, failure.code, failure.message);
      if (!this.guilds.some((g) => g.channelIds.includes(channelId))) return error(404, 10003, 'Unknown Channel');
      const body = r.body as Record<string, unknown>;
      const bad = checkMessageBody(body, r.files) ?? (typeof body.nonce === 'string' && body.nonce.length > 25 ? 'nonce: longer than 25' : undefined);
      if (bad) return error(400, 50035, `Invalid Form Body: ${bad}`);
      // enforce_nonce: a second create with the same nonce within the window returns the first message.
      if (body.enforce_nonce && body.nonce !== undefined) {
        const dup = (this.messages.get(channelId) ?? []).find((m) => m.nonce === body.nonce && now - (this.createdAt.get(m) ?? 0) < this.nonceWindowMs);
        if (dup) {
          this.nonceDeduped++;
          this.emit('channelMessage', { channelId, body, message: dup, duplicate: true });
          return { status: 200, body: dup };
        }
      }
      const msg = this.store(channelId, body);
      this.emit('channelMessage', { channelId, body, message: msg, duplicate: false });
      return { status: 200, body: msg };
    });

    for (const scope of ['global', 'guild'] as const) {
      const template = scope === 'global' ? '/applications/:app/commands' : '/applications/:app/guilds/:guild/commands';
      const list = (r: RecordedRequest) => (scope === 'global' ? this.commands.global : (this.commands.guild.get(r.params.guild!) ?? []));
      this.route('GET', template, 'bot', ['with_localizations'], (r) => {
        if (r.params.app !== this.appId) return error(403, 50001, 'Missing Access');
        // Discord leaves localization maps out unless asked for them.
        const strip = r.query.with_localizations !== 'true';
        return { status: 200, body: list(r).map((c) => (strip ? { ...c, description_localizations: undefined, name_localizations: undefined } : c)) };
      });
      this.route('PUT', template, 'bot', [], (r) => {
        if (r.params.app !== this.appId) return error(403, 50001, 'Missing Access');
        const saved = (r.body as Record<string, unknown>[]).map(
          (c) => ({ id: snowflake(), application_id: this.appId, version: snowflake(), ...(scope === 'guild' ? { guild_id: r.params.guild } : {}), ...c }) as unknown as APIApplicationCommand,
        );
        if (scope === 'global') this.commands.global = saved;
        else this.commands.guild.set(r.params.guild!, saved);
        this.emit('commandsPut', { scope, body: r.body });
        return { status: 200, body: saved };
      });
    }
  }

  private store(channelId: string, body: Record<string, unknown>): APIMessage {
    const msg = message({
      channelId,
      author: botUser(this.botId),
      ...(typeof body.content === 'string' ? { content: body.content } : {}),
      embeds: (body.embeds as APIEmbed[] | undefined) ?? [],
      components: (body.components as APIMessage['components']) ?? [],
      ...(body.nonce !== undefined ? { nonce: body.nonce as string } : {}),
      ...(typeof body.flags === 'number' ? { flags: body.flags } : {}),
    });
    const at = this.clock();
    this.createdAt.set(msg, at);
    msg.timestamp = new Date(at).toISOString();
    const list = this.messages.get(channelId) ?? [];
    list.push(msg);
    this.messages.set(channelId, list);
    return msg;
  }

  private async onHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers });
      res.end(body !== undefined ? JSON.stringify(body) : undefined);
    };
    const url = new URL(req.url ?? '/', 'http://x');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString('utf8');
    if (!url.pathname.startsWith('/api/v10/')) return send(404, { message: `fake: no route ${req.method} ${url.pathname} (API v10 only)`, code: 0 });
    // Path segments arrive URL-encoded (".../messages/%40original"): decode each (notes, D3).
    const path = '/' + url.pathname.slice('/api/v10/'.length).split('/').map(decodeURIComponent).join('/');
    const method = req.method ?? 'GET';
    const query = Object.fromEntries(url.searchParams);
    let body: unknown;
    let files: UploadedFile[] | undefined;
    const contentType = String(req.headers['content-type'] ?? '');
    if (raw && contentType.startsWith('multipart/form-data')) {
      // Uploads: the JSON body travels as the `payload_json` part, each file as `files[n]`.
      const form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
      const payload = form.get('payload_json');
      body = typeof payload === 'string' ? JSON.parse(payload) : {};
      files = [];
      for (const [field, v] of form.entries()) {
        if (typeof v === 'string') continue;
        if (!/^files\[\d+\]$/.test(field)) return send(400, { message: `fake: unexpected form part ${field}`, code: 0 });
        files.push({ field, name: v.name, contentType: v.type, bytes: Buffer.from(await v.arrayBuffer()) });
      }
    } else if (raw) {
      if (!contentType.startsWith('application/json')) return send(415, { message: 'fake: JSON or multipart bodies only', code: 0 });
      body = JSON.parse(raw);
    }
    const found = this.routes.find((r) => r.method === method && r.pattern.test(path));
    const rec: RecordedRequest = { method, path, route: found?.template ?? '?', params: {}, query, authorization: req.headers.authorization, body, ...(files ? { files } : {}), at: Date.now() };
    if (found) found.keys.forEach((k, i) => (rec.params[k] = found.pattern.exec(path)![i + 1]!));
    this.requests.push(rec);
    this.emit('request', rec);
    if (!found) return send(404, { message: `fake: no route ${method} ${path}`, code: 0 });
    const extra = Object.keys(query).filter((k) => !found.query.includes(k));
    if (extra.length) return send(400, { message: `fake: unexpected query ${extra.join(', ')} on ${method} ${found.template}`, code: 0 });
    if (found.auth === 'bot' && rec.authorization !== `Bot ${this.token}`) return send(401, { message: '401: Unauthorized', code: 0 });
    const limit = this.rateLimits.findIndex((l) => l.method === method && l.route === found.template);
    if (limit >= 0) {
      const l = this.rateLimits.splice(limit, 1)[0]!;
      this.emit('rateLimited', rec);
      return send(
        429,
        { message: 'You are being rate limited.', retry_after: l.seconds, global: l.global },
        {
          'retry-after': String(l.seconds),
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': String(l.seconds),
          'x-ratelimit-bucket': `fake-${found.template}`,
          'x-ratelimit-scope': l.global ? 'global' : 'user',
          ...(l.global ? { 'x-ratelimit-global': 'true' } : {}),
        },
      );
    }
    const out = found.handle(rec);
    send(out.status, out.body, out.headers);
  }
}

/** Discord's message limits, checked the way Discord would (so a renderer bug fails a test). */
export function checkMessageBody(b: Record<string, unknown>, files: UploadedFile[] = []): string | undefined {
  if (typeof b.content === 'string' && b.content.length > 2000) return 'content: longer than 2000';
  const embeds = (b.embeds as APIEmbed[] | undefined) ?? [];
  if (files.length > 10) return 'files: more than 10';
  for (const f of files) if (f.bytes.length > ATTACHMENT_MAX_BYTES) return `files: ${f.name} larger than ${ATTACHMENT_MAX_BYTES} bytes`;
  for (const a of (b.attachments as { id?: unknown; description?: string }[] | undefined) ?? []) {
    if ((a.description?.length ?? 0) > ATTACHMENT_DESCRIPTION_MAX) return `attachments.description: longer than ${ATTACHMENT_DESCRIPTION_MAX}`;
    if (!files.some((f) => f.field === `files[${String(a.id)}]`)) return `attachments: no file part files[${String(a.id)}]`;
  }
  // An embed image is a URL or one of this request's files (attachment://name).
  for (const e of embeds) {
    const img = e.image?.url;
    if (img === undefined) continue;
    if (img.startsWith('attachment://')) {
      if (!files.some((f) => f.name === img.slice('attachment://'.length))) return `embeds.image: no attachment named ${img.slice(13)}`;
    } else if (!/^https?:\/\//.test(img)) return 'embeds.image.url: not a URL';
  }
  if (embeds.length > 10) return 'embeds: more than 10';
  let total = 0;
  for (const e of embeds) {
    if ((e.title?.length ?? 0) > 256) return 'embeds.title: longer than 256';
    if ((e.description?.length ?? 0) > 4096) return 'embeds.description: longer than 4096';
    if ((e.fields?.length ?? 0) > 25) return 'embeds.fields: more than 25';
    for (const f of e.fields ?? []) {
      if (!f.name || f.name.length > 256) return 'embeds.fields.name: empty or longer than 256';
      if (!f.value || f.value.length > 1024) return 'embeds.fields.value: empty or longer than 1024';
      total += f.name.length + f.value.length;
    }
    if (e.url !== undefined && !/^https?:\/\//.test(e.url)) return 'embeds.url: not a URL';
    total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
  }
  if (total > 6000) return 'embeds: more than 6000 characters in total';
  const rows = (b.components as { components: { custom_id?: string; label?: string }[] }[] | undefined) ?? [];
  if (rows.length > 5) return 'components: more than 5 rows';
  for (const r of rows) {
    if (r.components.length > 5) return 'components: more than 5 in a row';
    for (const c of r.components) {
      if (c.custom_id !== undefined && c.custom_id.length > 100) return 'custom_id: longer than 100';
      if (c.label !== undefined && c.label.length > 80) return 'label: longer than 80';
    }
  }
  return undefined;
}
