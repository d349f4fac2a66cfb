// A fake of Slack's Web API on 127.0.0.1 for the real Bolt/WebClient: it answers the methods
// the adapter uses with Slack's own shapes and error codes, keeps channels and messages so
// updates and history behave, records every call, and serves response_url and file-upload
// endpoints. Tests read what a Slack user would see: posted messages, blocks, modals.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  args: Record<string, any>;
  token?: string;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  text: string;
  blocks?: any[];
  user?: string;
  bot_id?: string;
  thread_ts?: string;
  /** How many times chat.update replaced it. */
  edits: number;
}

export interface FakeChannel {
  id: string;
  name: string;
  is_private: boolean;
  topic: string;
  members: Set<string>;
}

export interface FakeUser {
  id: string;
  name: string;
  real_name?: string;
  tz?: string;
}

const JSON_ARGS = new Set(['blocks', 'view', 'attachments', 'files', 'metadata']);

export class FakeSlackApi {
  readonly token = 'xoxb-fake-bot-token';
  readonly botUserId = 'UBOT00001';
  readonly botId = 'BBOT00001';
  readonly calls: RecordedCall[] = [];
  /** Bodies posted to response URLs, by the id in the URL. */
  readonly responses: Array<{ id: string; body: any }> = [];
  readonly messages: FakeMessage[] = [];
  readonly channels = new Map<string, FakeChannel>();
  readonly users = new Map<string, FakeUser>();
  /** Uploaded files' contents, by file id. */
  readonly uploads = new Map<string, string>();
  /** The WebSocket URL apps.connections.open hands out (Socket Mode tests). */
  socketUrl?: string;
  /** Called for every response_url post (the benchmark times replies with it). */
  onResponse?: (id: string, body: unknown) => void;
  /** Record calls and responses (off in the benchmark, which only counts). */
  keepCalls = true;
  private readonly failures = new Map<string, string[]>();
  private readonly delays = new Map<string, number>();
  private seq = 0;
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeSlackApi> {
    const holder: { fake?: FakeSlackApi } = {};
    const server = createServer((req, res) => void holder.fake?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.fake = new FakeSlackApi(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return holder.fake;
  }

  /** The base URL for SLACK_API_URL. */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A response_url that records what is posted to it. */
  responseUrl(id = `r${++this.seq}`): string {
    return `${this.url}/response/${id}`;
  }

  /** The next `times` calls of `method` fail with Slack error `error`. */
  failNext(method: string, error: string, times = 1): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...Array<string>(times).fill(error)]);
  }

  /** Every later call of `method` is answered only after `ms` (a slow Slack). */
  slowDown(method: string, ms: number): void {
    this.delays.set(method, ms);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages in a channel, oldest first. */
  messagesIn(channel: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  channelByName(name: string): FakeChannel | undefined {
    return [...this.channels.values()].find((c) => c.name === name);
  }

  addChannel(id: string, name: string, members: string[] = []): FakeChannel {
    const c: FakeChannel = { id, name, is_private: false, topic: '', members: new Set(members) };
    this.channels.set(id, c);
    return c;
  }

  /** A message someone else posted (for reactions and history). */
  addMessage(m: Omit<FakeMessage, 'edits' | 'ts'> & { ts?: string }): FakeMessage {
    const msg: FakeMessage = { ...m, ts: m.ts ?? this.nextTs(), edits: 0 };
    this.messages.push(msg);
    return msg;
  }

  /** Resolves with the first truthy value of `probe`, re-checked after every request. */
  async waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const hit = probe();
    if (hit) return hit;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`fake Slack: condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      const check = () => {
        const v = probe();
        if (!v) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(v);
      };
      this.waiters.add(check);
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private nextTs(): string {
    return `1790000000.${String(++this.seq).padStart(6, '0')}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', this.url).pathname;
    try {
      if (path.startsWith('/response/')) {
        const id = path.slice('/response/'.length);
        const body: unknown = JSON.parse(raw || '{}');
        if (this.keepCalls) this.responses.push({ id, body });
        this.onResponse?.(id, body);
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      } else if (path.startsWith('/upload/')) {
        this.uploads.set(path.slice('/upload/'.length), await uploadedText(Buffer.concat(chunks), req.headers['content-type']));
        res.writeHead(200, { 'content-type': 'text/plain' }).end('OK - 0');
      } else if (path.startsWith('/api/')) {
        const method = path.slice('/api/'.length);
        const args = parseArgs(raw, req.headers['content-type']);
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        if (this.keepCalls) this.calls.push({ method, args, token });
        const delay = this.delays.get(method);
        if (delay) await new Promise((r) => setTimeout(r, delay));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.answer(method, args, token)));
      } else {
        res.writeHead(404).end();
      }
    } finally {
      for (const w of [...this.waiters]) w();
    }
  }

  private answer(method: string, args: Record<string, any>, token: string | undefined): Record<string, unknown> {
    const queued = this.failures.get(method);
    if (queued?.length) return { ok: false, error: queued.shift() };
    if (method === 'apps.connections.open') return token?.startsWith('xapp-') ? { ok: true, url: this.socketUrl } : { ok: false, error: 'invalid_auth' };
    if (!token) return { ok: false, error: 'not_authed' };
    if (token !== this.token) return { ok: false, error: 'invalid_auth' };
    const handler = this.methods[method];
    return handler ? handler(args) : { ok: false, error: 'unknown_method' };
  }

  private readonly methods: Record<string, (a: Record<string, any>) => Record<string, unknown>> = {
    'auth.test': () => ({ ok: true, user_id: this.botUserId, bot_id: this.botId, team: 'Northwind', team_id: 'T0NORTH', user: 'switchboard' }),
    'chat.postMessage': (a) => {
      const channel = String(a.channel);
      const known = this.channels.get(channel);
      if (known && !known.members.has(this.botUserId) && !channel.startsWith('D')) return { ok: false, error: 'not_in_channel' };
      const m = this.addMessage({ channel, text: String(a.text ?? ''), blocks: a.blocks, bot_id: this.botId, user: this.botUserId, thread_ts: a.thread_ts });
      return { ok: true, channel, ts: m.ts, message: { text: m.text, ts: m.ts } };
    },
    'chat.update': (a) => {
      const m = this.messages.find((x) => x.channel === a.channel && x.ts === a.ts);
      if (!m) return { ok: false, error: 'message_not_found' };
      m.text = String(a.text ?? '');
      m.blocks = a.blocks;
      m.edits++;
      return { ok: true, channel: m.channel, ts: m.ts };
    },
    'chat.postEphemeral': () => ({ ok: true, message_ts: this.nextTs() }),
    'conversations.create': (a) => {
      const name = String(a.name ?? '');
      if (name.length > 80) return { ok: false, error: 'invalid_name_maxlength' };
      if (!/^[a-z0-9_-]+$/.test(name)) return { ok: false, error: 'invalid_name_specials' };
      if (this.channelByName(name)) return { ok: false, error: 'name_taken' };
      const c = this.addChannel(`C${String(++this.seq).padStart(8, '0')}`, name, [this.botUserId]);
      c.is_private = a.is_private === true || a.is_private === 'true';
      return { ok: true, channel: { id: c.id, name: c.name, is_private: c.is_private } };
    },
    'conversations.invite': (a) => {
      const c = this.channels.get(String(a.channel));
      if (!c) return { ok: false, error: 'channel_not_found' };
      const users = String(a.users ?? '').split(',').filter(Boolean);
      if (users.every((u) => c.members.has(u))) return { ok: false, error: 'already_in_channel' };
      for (const u of users) c.members.add(u);
      return { ok: true, channel: { id: c.id } };
    },
    'conversations.setTopic': (a) => {
      const c = this.channels.get(String(a.channel));
      if (!c) return { ok: false, error: 'channel_not_found' };
      c.topic = String(a.topic ?? '');
      return { ok: true, channel: { id: c.id, topic: { value: c.topic } } };
    },
    'conversations.join': (a) => {
      const c = this.channels.get(String(a.channel));
      if (!c) return { ok: false, error: 'channel_not_found' };
      c.members.add(this.botUserId);
      return { ok: true, channel: { id: c.id } };
    },
    'conversations.open': (a) => ({ ok: true, channel: { id: `D${String(a.users).replace(/^U/, '')}` } }),
    'conversations.history': (a) => {
      const latest = a.latest ? Number(a.latest) : Infinity;
      const inclusive = a.inclusive === true || a.inclusive === 'true';
      const top = this.messagesIn(String(a.channel))
        .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
        .filter((m) => (inclusive ? Number(m.ts) <= latest : Number(m.ts) < latest))
        .reverse()
        .slice(0, Number(a.limit ?? 100));
      return { ok: true, messages: top.map(publicMessage) };
    },
    'conversations.replies': (a) => {
      const anchor = this.messages.find((m) => m.channel === a.channel && m.ts === a.ts);
      if (!anchor) return { ok: false, error: 'thread_not_found' };
      const root = anchor.thread_ts ?? anchor.ts;
      const thread = this.messagesIn(String(a.channel)).filter((m) => m.ts === root || m.thread_ts === root);
      return { ok: true, messages: thread.map(publicMessage) };
    },
    'users.info': (a) => {
      const u = this.users.get(String(a.user));
      if (!u) return { ok: false, error: 'user_not_found' };
      return { ok: true, user: { id: u.id, name: u.name, real_name: u.real_name, tz: u.tz, profile: { display_name: u.name, real_name: u.real_name } } };
    },
    'views.open': (a) => {
      if (String(a.trigger_id ?? '').startsWith('expired')) return { ok: false, error: 'expired_trigger_id' };
      return { ok: true, view: { ...a.view, id: `V${++this.seq}` } };
    },
    'files.getUploadURLExternal': (a) => {
      const id = `F${++this.seq}`;
      return { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id, filename: a.filename };
    },
    'files.completeUploadExternal': (a) => ({ ok: true, files: (a.files as Array<{ id: string; title?: string }>).map((f) => ({ id: f.id, title: f.title })) }),
  };
}

function publicMessage(m: FakeMessage) {
  return { type: 'message', ts: m.ts, text: m.text, user: m.user, bot_id: m.bot_id, thread_ts: m.thread_ts, blocks: m.blocks };
}

/** The uploaded file's text: WebClient posts it as multipart form data (older clients: the raw body). */
async function uploadedText(body: Buffer, contentType: string | undefined): Promise<string> {
  if (!contentType?.startsWith('multipart/form-data')) return body.toString('utf8');
  const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  const file = [...form.values()].find((v) => typeof v !== 'string');
  return file && typeof file !== 'string' ? file.text() : '';
}

/** WebClient sends form-encoded args, with nested values as JSON strings. */
function parseArgs(raw: string, contentType: string | undefined): Record<string, any> {
  if (!raw) return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw);
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = JSON_ARGS.has(k) ? JSON.parse(v) : v;
  return out;
}
