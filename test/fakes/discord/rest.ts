// A fake of Discord's REST API on 127.0.0.1 for the real discord.js REST client: it keeps
// channels and messages (with edits), interaction callbacks and follow-ups, and registered
// commands, so a test can assert on what a Discord user would see. Bot routes check the
// `Authorization: Bot <token>` header; interaction and webhook routes need none, as on Discord.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIChannel, APIMessage, APIUser } from 'discord-api-types/v10';
import { messageProblems, responseProblems } from './limits.js';

export interface Recorded {
  method: string;
  /** Path after /api/v10, decoded (`/webhooks/1/tok/messages/@original`). */
  path: string;
  body: any;
  auth?: string;
  /** Multipart uploads: the files' names and text. */
  files: { name: string; content: string }[];
}

export interface Failure {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
}

export interface StoredMessage extends APIMessage {
  edits: number;
  deleted?: boolean;
}

let snowflake = 900_000_000_000_000_000n;
export const nextId = (): string => String(++snowflake);

/** The fields every message has, with the defaults Discord gives them. */
export function messagePayload(channelId: string, author: APIUser, fields: Partial<APIMessage> = {}): APIMessage {
  return {
    id: nextId(),
    channel_id: channelId,
    author,
    content: '',
    embeds: [],
    components: [],
    flags: 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    pinned: false,
    type: 0,
    ...fields,
  } as APIMessage;
}

function parseMultipart(raw: Buffer, contentType: string): { json: any; files: { name: string; content: string }[] } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const files: { name: string; content: string }[] = [];
  let json: any;
  if (!boundary) return { json, files };
  for (const part of raw.toString('utf8').split(`--${boundary[1] ?? boundary[2]}`)) {
    const [head, ...rest] = part.split('\r\n\r\n');
    const content = rest.join('\r\n\r\n').replace(/\r\n$/, '');
    const name = /name="([^"]+)"/.exec(head)?.[1];
    const filename = /filename="([^"]+)"/.exec(head)?.[1];
    if (name === 'payload_json') json = JSON.parse(content);
    else if (filename) files.push({ name: filename, content });
  }
  return { json, files };
}

export class FakeDiscordRest {
  readonly requests: Recorded[] = [];
  /** Requests refused for going past Discord's limits (each test's harness checks it is empty). */
  readonly refused: Array<{ path: string; problems: string[] }> = [];
  readonly channels = new Map<string, APIChannel>();
  readonly messages = new Map<string, StoredMessage>();
  readonly users = new Map<string, APIUser>();
  /** Interaction callbacks (initial responses), by interaction id. */
  readonly callbacks = new Map<string, any>();
  /** Registered application commands by scope (`global` or the guild id). */
  readonly commands = new Map<string, any[]>();
  readonly failures: Failure[] = [];
  /** Messages made by interaction tokens (`@original` of each token). */
  private readonly originals = new Map<string, string>();
  /** Where each interaction token was used: its channel and the clicked message (components). */
  readonly interactions = new Map<string, { channelId: string; messageId?: string }>();
  private server?: Server;
  private waiters: Array<() => void> = [];
  gatewayUrl = 'ws://127.0.0.1:1';
  /** Called with each created channel (the fake gateway sends CHANNEL_CREATE). */
  onChannelCreate?: (c: APIChannel) => void;
  url = '';

  constructor(
    readonly token: string,
    readonly bot: APIUser,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => {
      this.server?.close(() => r());
      this.server?.closeAllConnections();
    });
  }

  addChannel(c: Partial<APIChannel> & { id: string }): APIChannel {
    const ch = { type: 0, name: `ch-${c.id}`, ...c } as APIChannel;
    this.channels.set(ch.id, ch);
    return ch;
  }

  /** Fails requests that match (e.g. 403 on channel creation). */
  fail(method: string, path: RegExp, status: number, body: unknown = { message: 'Missing Permissions', code: 50013 }): void {
    this.failures.push({ method, path, status, body });
  }

  /**
   * What Discord does with an interaction's initial response, whether it came to the callback
   * route (gateway) or as the HTTP response of the endpoint (call this for those).
   */
  initialResponse(interactionId: string, token: string, body: any): void {
    const problems = responseProblems(body);
    if (problems.length) this.refused.push({ path: `/interactions/${interactionId}/${token}/callback`, problems });
    this.callbacks.set(interactionId, body);
    // Message responses create the token's original message; a click's update edits the clicked one.
    const where = this.interactions.get(token);
    if (body.type === 4 || body.type === 5) this.originals.set(token, this.message(where?.channelId ?? 'unknown', body.type === 4 ? body.data : { content: '', flags: body.data?.flags }).id);
    if (body.type === 7 && where?.messageId) this.edit(where.messageId, body.data);
  }

  /** A message someone (not the bot) wrote in a channel. */
  userMessage(channelId: string, content: string, author: APIUser): StoredMessage {
    return this.message(channelId, { content }, author);
  }

  /** Live messages in a channel, oldest first. */
  messagesIn(channelId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.channel_id === channelId && !m.deleted);
  }

  /** The bot's DM channel with a user (opened through POST /users/@me/channels), if any. */
  dmChannelWith(userId: string): APIChannel | undefined {
    return [...this.channels.values()].find((c: any) => c.type === 1 && c.recipients?.[0]?.id === userId);
  }

  /** Messages in the bot's DM with a user, oldest first. */
  dmsWith(userId: string): StoredMessage[] {
    const ch = this.dmChannelWith(userId);
    return ch ? this.messagesIn(ch.id) : [];
  }

  /** The message an interaction token made (its reply), if any. */
  original(token: string): StoredMessage | undefined {
    const id = this.originals.get(token);
    return id ? this.messages.get(id) : undefined;
  }

  /** Resolves when a recorded request matches, or rejects after `ms`. */
  async waitFor(pred: (r: Recorded) => boolean, ms = 5000): Promise<Recorded> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = this.requests.find(pred);
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no matching Discord request within ${ms} ms; saw:\n${this.requests.map((r) => `${r.method} ${r.path}`).join('\n')}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, 50);
        this.waiters.push(() => (clearTimeout(t), r()));
      });
    }
  }

  private message(channelId: string, body: any, author: APIUser = this.bot, extra: Partial<APIMessage> = {}): StoredMessage {
    const m: StoredMessage = {
      ...messagePayload(channelId, author, { content: body?.content ?? '', embeds: body?.embeds ?? [], components: body?.components ?? [], flags: body?.flags ?? 0, ...extra }),
      edits: 0,
    };
    this.messages.set(m.id, m);
    return m;
  }

  private edit(id: string, body: any): StoredMessage | undefined {
    const m = this.messages.get(id);
    if (!m) return undefined;
    for (const k of ['content', 'embeds', 'components'] as const) if (body?.[k] !== undefined) (m as any)[k] = body[k];
    m.edits++;
    return m;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const type = req.headers['content-type'] ?? '';
    let body: any;
    let files: Recorded['files'] = [];
    if (type.startsWith('multipart/')) ({ json: body, files } = parseMultipart(raw, type));
    else if (raw.length) body = JSON.parse(raw.toString('utf8'));
    const path = decodeURIComponent((req.url ?? '').split('?')[0].replace(/^\/api\/v\d+/, ''));
    const rec: Recorded = { method: req.method ?? 'GET', path, body, auth: req.headers.authorization, files };
    this.requests.push(rec);
    const send = (status: number, out?: unknown) => {
      if (out === undefined) res.writeHead(status).end(); // 204 without a content-type, as Discord does
      else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(out));
      const w = this.waiters;
      this.waiters = [];
      w.forEach((f) => f());
    };
    const failure = this.failures.find((f) => f.method === rec.method && f.path.test(path));
    if (failure) return send(failure.status, failure.body);
    const problems = this.problemsOf(rec);
    if (problems.length) {
      this.refused.push({ path, problems });
      return send(400, { message: 'Invalid Form Body', code: 50035, errors: problems });
    }
    const open = /^\/(interactions|webhooks)\//.test(path);
    if (!open && rec.auth !== `Bot ${this.token}`) return send(401, { message: '401: Unauthorized', code: 0 });
    send(...this.route(rec));
  }

  /** Discord's limits on what a request sends (messages, edits, follow-ups, interaction responses). */
  private problemsOf(r: Recorded): string[] {
    if (/^\/interactions\/\d+\/[^/]+\/callback$/.test(r.path)) return responseProblems(r.body);
    if ((r.method === 'POST' || r.method === 'PATCH') && /^\/(channels\/\d+\/messages|webhooks\/\d+\/[^/]+)/.test(r.path)) return messageProblems(r.body);
    return [];
  }

  private route(r: Recorded): [number, unknown?] {
    const { method, path, body } = r;
    let m: RegExpExecArray | null;
    const is = (verb: string, re: RegExp) => method === verb && (m = re.exec(path)) !== null;
    if (is('GET', /^\/gateway\/bot$/)) return [200, { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } }];
    if (is('GET', /^\/users\/@me$/)) return [200, this.bot];
    if (is('GET', /^\/users\/(\d+)$/)) return this.users.has(m![1]) ? [200, this.users.get(m![1])] : [404, { message: 'Unknown User', code: 10013 }];
    if (is('POST', /^\/users\/@me\/channels$/)) {
      const existing = [...this.channels.values()].find((c) => c.type === 1 && (c as any).recipients?.[0]?.id === body.recipient_id);
      return [200, existing ?? this.addChannel({ id: nextId(), type: 1, recipients: [{ id: body.recipient_id, username: 'u', discriminator: '0', global_name: null, avatar: null }] } as any)];
    }
    if (is('POST', /^\/guilds\/(\d+)\/channels$/)) {
      const ch = this.addChannel({ id: nextId(), guild_id: m![1], ...body } as any);
      this.onChannelCreate?.(ch);
      return [201, ch];
    }
    if (is('POST', /^\/channels\/(\d+)\/(?:messages\/(\d+)\/)?threads$/)) {
      const parent = this.channels.get(m![1]) as any;
      // As on Discord, a thread started from a message has that message's id.
      const ch = this.addChannel({ id: m![2] ?? nextId(), guild_id: parent?.guild_id, parent_id: m![1], type: body.type ?? 11, name: body.name, ...(m![2] ? { starter: m![2] } : {}) } as any);
      this.onChannelCreate?.(ch);
      return [201, ch];
    }
    if (is('GET', /^\/channels\/(\d+)$/)) return this.channels.has(m![1]) ? [200, this.channels.get(m![1])] : [404, { message: 'Unknown Channel', code: 10003 }];
    if (is('PATCH', /^\/channels\/(\d+)$/)) {
      const ch = this.channels.get(m![1]);
      if (!ch) return [404, { message: 'Unknown Channel', code: 10003 }];
      Object.assign(ch, body);
      return [200, ch];
    }
    if (is('PUT', /^\/channels\/(\d+)\/(permissions|thread-members)\/(\d+)$/)) return [204];
    if (is('POST', /^\/channels\/(\d+)\/messages$/)) {
      if (!this.channels.has(m![1])) return [404, { message: 'Unknown Channel', code: 10003 }];
      const msg = this.message(m![1], body);
      if (r.files.length) msg.attachments = r.files.map((f, i) => ({ id: String(i), filename: f.name, size: f.content.length, url: `http://files/${f.name}`, proxy_url: '' })) as any;
      return [200, msg];
    }
    if (is('GET', /^\/channels\/(\d+)\/messages\/(\d+)$/)) return this.messages.has(m![2]) ? [200, this.messages.get(m![2])] : [404, { message: 'Unknown Message', code: 10008 }];
    if (is('PATCH', /^\/channels\/(\d+)\/messages\/(\d+)$/)) {
      const msg = this.edit(m![2], body);
      return msg ? [200, msg] : [404, { message: 'Unknown Message', code: 10008 }];
    }
    if (is('POST', /^\/interactions\/(\d+)\/([^/]+)\/callback$/)) {
      this.initialResponse(m![1], m![2], body);
      return [204];
    }
    if (is('POST', /^\/webhooks\/(\d+)\/([^/]+)$/)) return [200, this.message(this.interactions.get(m![2])?.channelId ?? 'unknown', body, this.bot, { webhook_id: m![1] })];
    if (is('PATCH', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(.+)$/)) {
      const id = m![3] === '@original' ? (this.originals.get(m![2]) ?? this.interactions.get(m![2])?.messageId) : m![3];
      const msg = id ? this.edit(id, body) : undefined;
      return msg ? [200, msg] : [404, { message: 'Unknown Message', code: 10008 }];
    }
    if (is('DELETE', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(.+)$/)) {
      const id = m![3] === '@original' ? this.originals.get(m![2]) : m![3];
      const msg = id ? this.messages.get(id) : undefined;
      if (msg) msg.deleted = true;
      return msg ? [204] : [404, { message: 'Unknown Message', code: 10008 }];
    }
    if (is('PUT', /^\/applications\/(\d+)\/(?:guilds\/(\d+)\/)?commands$/)) {
      const saved = (body as any[]).map((c) => ({ id: nextId(), application_id: m![1], version: nextId(), ...c }));
      this.commands.set(m![2] ?? 'global', saved);
      return [200, saved];
    }
    return [404, { message: '404: Not Found', code: 0 }];
  }
}
