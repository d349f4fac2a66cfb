// A fake of Slack's Socket Mode endpoint (a ws@8 server on 127.0.0.1): it greets the real
// SocketModeClient with `hello`, delivers envelopes (slash commands, events, interactions)
// and hands back the client's acknowledgement of each.
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
}

export class FakeSocketMode {
  private socket?: WebSocket;
  private readonly pending = new Map<string, (ack: SocketAck) => void>();
  private readonly connectedWaiters: Array<() => void> = [];
  private seq = 0;

  private constructor(
    private readonly wss: WebSocketServer,
    readonly url: string,
  ) {
    wss.on('connection', (ws) => {
      this.socket = ws;
      ws.on('message', (data) => {
        const ack = JSON.parse(String(data)) as SocketAck;
        this.pending.get(ack.envelope_id)?.(ack);
        this.pending.delete(ack.envelope_id);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0SWITCH' } }));
      for (const w of this.connectedWaiters.splice(0)) w();
    });
  }

  static async start(): Promise<FakeSocketMode> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    return new FakeSocketMode(wss, `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`);
  }

  /** Resolves once a client is connected and greeted. */
  connected(): Promise<void> {
    return this.socket ? Promise.resolve() : new Promise((resolve) => this.connectedWaiters.push(resolve));
  }

  /** Delivers an envelope; resolves with the client's ack (rejects after `timeoutMs`). */
  deliver(type: 'slash_commands' | 'events_api' | 'interactive', payload: unknown, timeoutMs = 3000): Promise<SocketAck & { ms: number }> {
    const envelope_id = `env-${++this.seq}`;
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${envelope_id} within ${timeoutMs} ms`)), timeoutMs);
      this.pending.set(envelope_id, (ack) => {
        clearTimeout(timer);
        resolve({ ...ack, ms: performance.now() - t0 });
      });
      this.socket!.send(JSON.stringify({ envelope_id, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: 0, retry_reason: '' }));
    });
  }

  async close(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
