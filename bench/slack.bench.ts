// The Slack HTTP path under load (SPEC §9), in one run on this machine: signed slash
// commands to POST /slack/events of four servers, each in its own process —
//   bare node:http · Bolt with a no-op listener · Switchboard as it ships (signed request →
//   Bolt → router → skill → store; an answer ready within 10 ms goes out inside the ack) ·
//   Switchboard with that quick path off (every answer through response_url)
// — at the highest rate a closed loop reaches and at a fixed 200 requests/s. Ack latency is
// the HTTP response time; for Switchboard a request also counts as done only when its answer
// was delivered (inside the ack, or at the fake response_url), so throughput is work done, not
// acks sent. Open-loop latency is measured from each request's scheduled time (no coordinated
// omission). Commands: reads `/ops help` and `/incident list`, the write `/incident note INC-1 …`
// (a durable incident write + audit entry + the card edited at the fake Web API).
// Run alone: npx tsx bench/slack.bench.ts
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FakeSlackApi } from '../test/fakes/slack/fake-slack-api.js';
import { closedLoop, Driver, openLoop, row, SECRET, type Sample, type SlackBenchRow } from './slack-load.js';

export type { SlackBenchRow };

export interface SlackBenchOptions {
  /** Seconds measured per row (after a warm-up of a third of it). */
  seconds?: number;
  /** Concurrent requests of the closed loop. */
  concurrency?: number;
  /** The fixed rate. */
  rate?: number;
  log?: (line: string) => void;
}

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
  const note = () => `note INC-1 bench note ${++n}`;
  const switchboard: Case[] = [
    { command: '/ops', label: 'read: /ops help', text: () => 'help' },
    { command: '/incident', label: 'read: /incident list', text: () => 'list' },
    { command: '/incident', label: 'write: /incident note', text: note },
  ];
  const plans: Array<{ scenario: string; server: string; cases: Case[] }> = [
    { scenario: 'bare', server: 'node:http (bare)', cases: [{ command: '/ops', label: 'any', text: () => 'help' }] },
    { scenario: 'bolt-noop', server: 'Bolt, no-op listener', cases: [{ command: '/ops', label: 'any', text: () => 'help' }] },
    { scenario: 'switchboard', server: 'Switchboard (answer in ack)', cases: switchboard },
    { scenario: 'switchboard-response-url', server: 'Switchboard (response_url)', cases: switchboard },
  ];
  try {
    for (const plan of plans) {
      const { scenario } = plan;
      const isSwitchboard = scenario.startsWith('switchboard');
      const server = await startServer(scenario, fake.apiUrl);
      const agent = new Agent({ keepAlive: true, maxSockets: concurrency * 2 });
      const driver = new Driver(fake, server.port, agent, isSwitchboard);
      try {
        if (isSwitchboard) {
          const declared = await driver.one('/incident', 'declare sev3 Bench incident');
          if (!declared.ok) throw new Error('could not declare the incident the write path notes on');
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
          rows.push(row(plan.server, c.label, `max (${concurrency} concurrent)`, await measured(() => closedLoop(driver, c.command, c.text, seconds, concurrency)), isSwitchboard));
          rows.push(row(plan.server, c.label, `${rate}/s`, await measured(() => openLoop(driver, c.command, c.text, seconds, rate)), isSwitchboard));
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
  const find = (server: string, load: string, command?: string) => rows.find((r) => r.server === server && r.load.startsWith(load) && (!command || r.command.startsWith(command)));
  const noop = find('Bolt, no-op listener', 'max');
  const bare = find('node:http (bare)', '200/s');
  const out: string[] = [];
  for (const server of ['Switchboard (answer in ack)', 'Switchboard (response_url)']) {
    for (const command of ['read: /ops help', 'read: /incident list', 'write:']) {
      const max = find(server, 'max', command);
      const fixed = find(server, '200/s', command);
      if (!noop || !max || !fixed) continue;
      const share = (a: number, b: number) => `${Math.round((100 * a) / b)} %`;
      out.push(
        `${server.padEnd(28)} ${command.padEnd(21)} throughput ${share(max['req/s'], noop['req/s'])} of no-op Bolt measured, ${share(max['req/s per core'], noop['req/s per core'])} by CPU per request${command.startsWith('read') ? ' (goal ≥ 80 %)' : ''}; ` +
          `p99 ack at 200/s ${fixed['ack p99 ms']} ms (goal ≤ 20 ms; bare node:http: ${bare?.['ack p99 ms']} ms on this machine now)`,
      );
    }
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const rows = await benchSlack({ log: (l) => console.log(l) });
  console.table(rows);
  for (const l of slackGoals(rows)) console.log(l);
}
