// The Slack HTTP path under load (SPEC §9), in one run on this machine: signed slash
// commands to POST /slack/events of three servers, each in its own process —
//   bare node:http · Bolt with a no-op listener · Switchboard (signed request → Bolt →
//   router → skill → store → response_url)
// — at the highest rate a closed loop reaches and at a fixed 200 requests/s. Ack latency is
// the HTTP response time; for Switchboard a request also counts as done only when its reply
// reached the (fake) response_url, so throughput is work done, not acks sent. Open-loop
// latency is measured from each request's scheduled time (no coordinated omission).
// Run alone: npx tsx bench/slack.bench.ts
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FakeSlackApi } from '../test/fakes/slack/fake-slack-api.js';

const SECRET = 'bench-signing-secret';

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
  /** Requests whose HTTP status was not 200, or (Switchboard) whose reply took over 10 s. */
  'failed/late': number;
}

export interface SlackBenchOptions {
  /** Seconds measured per row (after a warm-up of a third of it). */
  seconds?: number;
  /** Concurrent requests of the closed loop. */
  concurrency?: number;
  /** The fixed rate. */
  rate?: number;
  log?: (line: string) => void;
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

interface Server {
  port: number;
  child: ChildProcess;
}

async function startServer(scenario: string, apiUrl: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('bench', 'slack-server.ts'), scenario, apiUrl, SECRET], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`${scenario} server exited with ${code}`)));
  });
  return { port, child };
}

/** The server process's CPU time so far (µs). */
function serverCpu(s: Server): Promise<number> {
  return new Promise((resolve) => {
    s.child.once('message', (m: { cpu: number }) => resolve(m.cpu));
    s.child.send('cpu');
  });
}

async function stopServer(s: Server): Promise<void> {
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  if (s.child.exitCode === null) s.child.kill('SIGKILL');
}

/** Posts one signed slash command; resolves with the HTTP status when the response ended. */
function post(agent: Agent, port: number, body: string): Promise<number> {
  const ts = Math.floor(Date.now() / 1000);
  const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return new Promise((resolve) => {
    const req = request(
      { agent, host: '127.0.0.1', port, method: 'POST', path: '/slack/events', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'x-slack-request-timestamp': ts, 'x-slack-signature': sig } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

/** Sends commands to one server and times acks and (optionally) replies. */
class Driver {
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

  /** One command: ms to the ack, ms to the reply (if waited for), and whether it failed. */
  async one(command: string, text: string, from = performance.now()): Promise<{ ack: number; reply?: number; ok: boolean }> {
    const id = `b${++this.seq}`;
    const replied = this.waitReply
      ? new Promise<number | undefined>((resolve) => {
          const timer = setTimeout(() => resolve(undefined), 10_000);
          this.replies.set(id, () => {
            clearTimeout(timer);
            resolve(performance.now() - from);
          });
        })
      : undefined;
    const body = new URLSearchParams({ command, text, user_id: 'U01ALICE01', user_name: 'alice', channel_id: 'C01PLATFORM', team_id: 'T0NORTH', response_url: this.fake.responseUrl(id), trigger_id: `bench.${id}` }).toString();
    const status = await post(this.agent, this.port, body);
    const ack = performance.now() - from;
    const reply = replied ? await replied : undefined;
    return { ack, reply, ok: status === 200 && (!this.waitReply || reply !== undefined) };
  }
}

interface Sample {
  acks: number[];
  replies: number[];
  errors: number;
  done: number;
  ms: number;
  /** Server CPU spent (µs). */
  cpu: number;
}

function row(server: string, command: string, load: string, s: Sample, withReplies: boolean): SlackBenchRow {
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
    ...(withReplies ? { 'reply p50 ms': round(pct(replies, 50)), 'reply p99 ms': round(pct(replies, 99)) } : {}),
    'failed/late': s.errors,
  };
}

/** As many requests as `concurrency` loops complete in `seconds`. */
async function closedLoop(d: Driver, command: string, text: () => string, seconds: number, concurrency: number): Promise<Sample> {
  const s: Sample = { acks: [], replies: [], errors: 0, done: 0, ms: 0, cpu: 0 };
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const r = await d.one(command, text());
        if (!r.ok) s.errors++;
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
async function openLoop(d: Driver, command: string, text: () => string, seconds: number, rate: number): Promise<Sample> {
  const s: Sample = { acks: [], replies: [], errors: 0, done: 0, ms: 0, cpu: 0 };
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

interface Case {
  command: string;
  label: string;
  text: () => string;
}

export async function benchSlack(opts: SlackBenchOptions = {}): Promise<SlackBenchRow[]> {
  const seconds = opts.seconds ?? 4;
  const concurrency = opts.concurrency ?? 16;
  const rate = opts.rate ?? 200;
  const fake = await FakeSlackApi.start();
  fake.keepCalls = false;
  const rows: SlackBenchRow[] = [];
  let n = 0;
  const sev = () => `severity DRL-1 sev${(++n % 4) + 1}`;
  const plans: Array<{ server: string; cases: Case[] }> = [
    { server: 'node:http (bare)', cases: [{ command: '/ops', label: 'any', text: () => 'help' }] },
    { server: 'Bolt, no-op listener', cases: [{ command: '/ops', label: 'any', text: () => 'help' }] },
    {
      server: 'Switchboard',
      cases: [
        { command: '/ops', label: 'read: /ops help', text: () => 'help' },
        { command: '/ops', label: 'read: /ops whoami', text: () => 'whoami' },
        { command: '/drill', label: 'write: /drill severity (stand-in for /incident note)', text: sev },
      ],
    },
  ];
  try {
    for (const [i, plan] of plans.entries()) {
      const scenario = ['bare', 'bolt-noop', 'switchboard'][i];
      const server = await startServer(scenario, fake.apiUrl);
      const agent = new Agent({ keepAlive: true, maxSockets: concurrency * 2 });
      const driver = new Driver(fake, server.port, agent, scenario === 'switchboard');
      try {
        if (scenario === 'switchboard') {
          const declared = await driver.one('/drill', 'declare sev3 Bench drill');
          if (!declared.ok) throw new Error('could not declare the drill the write path uses');
        }
        for (const c of plan.cases) {
          opts.log?.(`${plan.server} · ${c.label}`);
          await closedLoop(driver, c.command, c.text, Math.max(1, seconds / 3), concurrency); // warm-up
          const measured = async (run: () => Promise<Sample>) => {
            const cpu0 = await serverCpu(server);
            const sample = await run();
            sample.cpu = (await serverCpu(server)) - cpu0;
            return sample;
          };
          const waits = scenario === 'switchboard';
          rows.push(row(plan.server, c.label, `max (${concurrency} concurrent)`, await measured(() => closedLoop(driver, c.command, c.text, seconds, concurrency)), waits));
          rows.push(row(plan.server, c.label, `${rate}/s`, await measured(() => openLoop(driver, c.command, c.text, seconds, rate)), waits));
        }
      } finally {
        agent.destroy();
        await stopServer(server);
      }
    }
  } finally {
    await fake.close();
  }
  return rows;
}

/** The goals of the issue, checked against a run (never fails: a benchmark reports). */
export function slackGoals(rows: SlackBenchRow[]): string[] {
  const find = (server: string, load: string, command?: string) => rows.find((r) => r.server.startsWith(server) && r.load.startsWith(load) && (!command || r.command.startsWith(command)));
  const noop = find('Bolt', 'max');
  const out: string[] = [];
  for (const command of ['read: /ops help', 'read: /ops whoami', 'write:']) {
    const max = find('Switchboard', 'max', command);
    const fixed = find('Switchboard', '200/s', command);
    if (!noop || !max || !fixed) continue;
    const share = (a: number, b: number) => `${Math.round((100 * a) / b)} %`;
    out.push(
      `${command.padEnd(18)} throughput ${share(max['req/s'], noop['req/s'])} of no-op Bolt measured, ${share(max['req/s per core'], noop['req/s per core'])} by CPU per request${command.startsWith('read') ? ' (goal ≥ 80 %)' : ''}; ` +
        `p99 ack at 200/s ${fixed['ack p99 ms']} ms (goal ≤ 20 ms; bare node:http: ${find('node:http', '200/s')?.['ack p99 ms']} ms on this machine now)`,
    );
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const rows = await benchSlack({ log: (l) => console.log(l) });
  console.table(rows);
  for (const l of slackGoals(rows)) console.log(l);
}
