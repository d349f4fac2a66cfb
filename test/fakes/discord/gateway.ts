// A fake Discord gateway (ws@8 on 127.0.0.1) for the real discord.js Client: HELLO, heartbeat
// ACKs, READY + GUILD_CREATE on IDENTIFY, RESUMED on RESUME, then whatever dispatches a test
// sends (INTERACTION_CREATE, MESSAGE_CREATE, MESSAGE_REACTION_ADD…). It can drop the
// connection to prove that discord.js reconnects.
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { APIChannel, APIUser } from 'discord-api-types/v10';

export interface FakeGuild {
  id: string;
  name: string;
  channels: APIChannel[];
}

export class FakeGateway {
  private wss?: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private seq = 0;
  url = '';
  /** Every IDENTIFY payload received (token, intents…). */
  readonly identifies: any[] = [];
  readonly resumes: any[] = [];
  private sessions = 0;

  constructor(
    readonly bot: APIUser,
    readonly applicationId: string,
    readonly guilds: FakeGuild[],
  ) {}

  async start(): Promise<this> {
    this.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((r) => this.wss!.once('listening', () => r()));
    this.url = `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
    this.wss.on('connection', (ws) => this.accept(ws));
    return this;
  }

  private send(ws: WebSocket, payload: unknown): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(payload));
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    this.send(ws, { op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null });
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { op: number; d: any };
      if (msg.op === 1) this.send(ws, { op: 11, d: null, s: null, t: null });
      else if (msg.op === 2) {
        this.identifies.push(msg.d);
        this.sessions++;
        this.dispatchTo(ws, 'READY', {
          v: 10,
          user: this.bot,
          guilds: this.guilds.map((g) => ({ id: g.id, unavailable: true })),
          session_id: `session-${this.sessions}`,
          resume_gateway_url: this.url,
          shard: [0, 1],
          application: { id: this.applicationId, flags: 0 },
        });
        for (const g of this.guilds) this.dispatchTo(ws, 'GUILD_CREATE', this.guildPayload(g));
      } else if (msg.op === 6) {
        this.resumes.push(msg.d);
        this.dispatchTo(ws, 'RESUMED', {});
      }
    });
  }

  private guildPayload(g: FakeGuild): unknown {
    return {
      id: g.id,
      name: g.name,
      icon: null,
      owner_id: this.bot.id,
      unavailable: false,
      member_count: 1,
      large: false,
      channels: g.channels,
      threads: [],
      members: [],
      roles: [{ id: g.id, name: '@everyone', permissions: '0', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
      emojis: [],
      stickers: [],
      features: [],
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      joined_at: new Date().toISOString(),
      preferred_locale: 'en-US',
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      system_channel_flags: 0,
    };
  }

  private dispatchTo(ws: WebSocket, t: string, d: unknown): void {
    this.send(ws, { op: 0, t, s: ++this.seq, d });
  }

  /** Sends a dispatch to every connected client. */
  dispatch(t: string, d: unknown): void {
    for (const ws of this.sockets) this.dispatchTo(ws, t, d);
  }

  get connections(): number {
    return this.sockets.size;
  }

  /** Closes every connection with a resumable code; discord.js should come back by itself. */
  drop(code = 4000): void {
    for (const ws of this.sockets) ws.close(code, 'fake gateway drop');
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((r) => (this.wss ? this.wss.close(() => r()) : r()));
  }
}
