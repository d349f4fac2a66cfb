// The load generator of bench/slack.bench.ts: signed slash commands over keep-alive
// node:http, a closed loop (as fast as `concurrency` callers go) and an open loop (a fixed
// rate, each request timed from when it was due, so a stall is not hidden), and for
// Switchboard the wait for each reply at the fake Slack's response_url.
import { createHmac } from 'node:crypto';
import { request, type Agent } from 'node:http';
import type { FakeSlackApi } from '../test/fakes/slack/fake-slack-api.js';

export const SECRET = 'bench-signing-secret';

export interface SlackBenchRow {
  server: string;
  command: string;
  load: string;
  'req/s': number;
  /** Server CPU per request (ms), and what one core could therefore serve. */
  'cpu ms/req': number;
  'req/s per core': number;
  'ack p50 ms': number;
  'ack p99 ms': number;
  'reply p50 ms'?: number;
  'reply p99 ms'?: number;
  /** Share of requests answered inside the ack (Switchboard). */
  'in ack'?: string;
  /** Requests whose HTTP status was not 200, or (Switchboard) whose reply took over 10 s. */
  'failed/late': number;
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

/** Posts one signed slash command; resolves with the HTTP status and body when the response ended. */
function post(agent: Agent, port: number, body: string): Promise<{ status: number; body: string }> {
  const ts = Math.floor(Date.now() / 1000);
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return new Promise((resolve) => {
    const req = request(
      { agent, host: '127.0.0.1', port, method: 'POST', path: '/slack/events', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'x-slack-request-timestamp': ts, 'x-slack-signature': sig } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(body);
  });
}

/** Whether an ack's body is a message Slack would show (the answer travelled inside the ack). */
function answersInAck(body: string): boolean {
  if (!body) return false;
  try {
    return typeof (JSON.parse(body) as { text?: unknown }).text === 'string';
  } catch {
    return false;
  }
}

/** Sends commands to one server and times acks and (optionally) replies. */
export class Driver {
  private seq = 0;
  private readonly replies = new Map<string, () => void>();

  constructor(
    private readonly fake: FakeSlackApi,
    private readonly port: number,
    private readonly agent: Agent,
    private readonly waitReply: boolean,
  ) {
    fake.onResponse = (id) => {
      this.replies.get(id)?.();
      this.replies.delete(id);
    };
  }

  /**
   * One command: ms to the ack, ms to the reply (if waited for: the ack itself when it carried
   * the answer, else the post to the fake response_url), and whether it failed.
   */
  async one(command: string, text: string, from = performance.now()): Promise<{ ack: number; reply?: number; ok: boolean; inAck: boolean }> {
    const id = `b${++this.seq}`;
    let timer: NodeJS.Timeout | undefined;
    const replied = this.waitReply
      ? new Promise<number | undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), 10_000);
          this.replies.set(id, () => {
            clearTimeout(timer);
            resolve(performance.now() - from);
          });
        })
      : undefined;
    const body = new URLSearchParams({ command, text, user_id: 'U01ALICE01', user_name: 'alice', channel_id: 'C01PLATFORM', team_id: 'T0NORTH', response_url: this.fake.responseUrl(id), trigger_id: `bench.${id}` }).toString();
    const res = await post(this.agent, this.port, body);
    const ack = performance.now() - from;
    const inAck = answersInAck(res.body);
    if (inAck) {
      clearTimeout(timer);
      this.replies.delete(id);
    }
    const reply = inAck ? ack : replied ? await replied : undefined;
    return { ack, reply, inAck, ok: res.status === 200 && (!this.waitReply || reply !== undefined) };
  }
}

export interface Sample {
  acks: number[];
  replies: number[];
  errors: number;
  done: number;
  ms: number;
  /** Server CPU spent (µs). */
  cpu: number;
  /** Requests answered inside their ack. */
  inAck: number;
}

export function row(server: string, command: string, load: string, s: Sample, withReplies: boolean): SlackBenchRow {
  const acks = [...s.acks].sort((a, b) => a - b);
  const replies = [...s.replies].sort((a, b) => a - b);
  return {
    server,
    command,
    load,
    'req/s': round(s.done / (s.ms / 1000), 0),
    'cpu ms/req': round(s.cpu / 1000 / s.done, 3),
    'req/s per core': round((s.done * 1e6) / s.cpu, 0),
    'ack p50 ms': round(pct(acks, 50)),
    'ack p99 ms': round(pct(acks, 99)),
    ...(withReplies ? { 'reply p50 ms': round(pct(replies, 50)), 'reply p99 ms': round(pct(replies, 99)), 'in ack': `${Math.round((100 * s.inAck) / Math.max(1, s.done))} %` } : {}),
    'failed/late': s.errors,
  };
}

/** As many requests as `concurrency` loops complete in `seconds`. */
export async function closedLoop(d: Driver, command: string, text: () => string, seconds: number, concurrency: number): Promise<Sample> {
  const s: Sample = { acks: [], replies: [], errors: 0, done: 0, ms: 0, cpu: 0, inAck: 0 };
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const r = await d.one(command, text());
        if (!r.ok) s.errors++;
        if (r.inAck) s.inAck++;
        s.done++;
        s.acks.push(r.ack);
        if (r.reply !== undefined) s.replies.push(r.reply);
      }
    }),
  );
  s.ms = performance.now() - t0;
  return s;
}

/** `rate` requests a second for `seconds`, each timed from when it was due. */
export async function openLoop(d: Driver, command: string, text: () => string, seconds: number, rate: number): Promise<Sample> {
  const s: Sample = { acks: [], replies: [], errors: 0, done: 0, ms: 0, cpu: 0, inAck: 0 };
  const total = Math.round(seconds * rate);
  const interval = 1000 / rate;
  const t0 = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      d.one(command, text(), due).then((r) => {
        if (!r.ok) s.errors++;
        if (r.inAck) s.inAck++;
        s.done++;
        s.acks.push(r.ack);
        if (r.reply !== undefined) s.replies.push(r.reply);
      }),
    );
  }
  await Promise.all(inFlight);
  s.ms = performance.now() - t0;
  return s;
}

