// `npm run bench`: every benchmark in one run on this machine, printed as tables.
// A benchmark, not a test: it reports figures and never fails on a timing.
import os from 'node:os';
import { benchChanges } from './change.bench.js';
import { benchHeartbeats } from './heartbeat.bench.js';
import { benchStatus } from './status.bench.js';
import { benchEscalation, benchYearOfShifts } from './oncall.bench.js';
import { benchSlack, slackGoals } from './slack.bench.js';
import { benchDiscord } from './discord.bench.js';
import { benchStore } from './store.bench.js';
import { benchIncidentNote } from './incident.bench.js';
import { benchTeams } from './teams.bench.js';
import { benchStandup } from './standup.bench.js';

const line = (s = '') => console.log(s);

async function main(): Promise<void> {
  line(`Switchboard benchmarks — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${os.platform()} ${os.release()}`);
  line();
  line('## Store: one durable write as the store grows (goal: 100 000 within 2× of 100)');
  const store = await benchStore({ log: (l) => line(`  ${l}`) });
  console.table(store.map((r) => ({ records: r.records, 'p50 ms': r.p50ms, 'p99 ms': r.p99ms, 'writes/s': r.opsPerSec })));
  const small = store.find((r) => r.records === 100);
  const big = store.find((r) => r.records === 100_000);
  if (small && big) line(`  100 000 / 100: p50 ×${(big.p50ms / small.p50ms).toFixed(2)}, p99 ×${(big.p99ms / small.p99ms).toFixed(2)}`);
  line();
  line('## Change decisions end to end (router → rules → durable write → audit → card → event)');
  console.table(await benchChanges());
  line('## incident note: router → skill → store (incident + audit) → card, as the archive grows');
  const notes = await benchIncidentNote({ log: (l) => line(`  ${l}`) });
  console.table(notes.map((r) => ({ 'archived incidents': r.archived, 'p50 ms': r.p50ms, 'p99 ms': r.p99ms, 'notes/s': r.opsPerSec })));
  line('## Status page: GET /status and /api/status.json from 90 days of history; one monitor check recorded');
  const status = await benchStatus();
  console.table(status.pages.map((r) => ({ components: r.components, route: r.route, 'p50 ms': r.p50ms, 'p99 ms': r.p99ms, KB: r.kb })));
  line(`  record one monitor check (2 durable writes): p50 ${status.check.p50ms} ms, p99 ${status.check.p99ms} ms`);
  line('## On-call: a year of shifts for 10 schedules (weekly, daily, 12 h, layered with restrictions; 6 zones)');
  console.table([benchYearOfShifts()]);
  line();
  line('## On-call: escalation lateness, due → DM sent, 1 000 pages, real scheduler loop (goal: p99 ≤ 1 s)');
  const paces = [await benchEscalation({ perSecond: 50, log: (l) => line(`  ${l}`) }), await benchEscalation({ log: (l) => line(`  ${l}`) })];
  console.table(paces.map((r) => ({ pace: r.scenario, pages: r.pages, 'opened in s': r.openSeconds, 'p50 ms': r.p50ms, 'p99 ms': r.p99ms, 'max ms': r.maxms })));
  line(`  load average while measuring: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
  line('## Chat platform paths, one table: a command in → its acknowledgement (goal: well inside the 3 s Slack and Discord allow)');
  line(`  load average now: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores (wall-clock figures depend on it)`);
  const slack = await benchSlack({ log: (l) => line(`  ${l}`) });
  const discord = await benchDiscord({ log: (l) => line(`  ${l}`) });
  const teams = await benchTeams({ log: (l) => line(`  ${l}`) });
  console.table([
    ...slack.map((r) => ({ platform: 'Slack', path: `${r.server}: ${r.command}`, load: r.load, 'p50 ms': r['ack p50 ms'], 'p99 ms': r['ack p99 ms'], 'per s': r['req/s'] })),
    ...discord.map((r) => ({ platform: 'Discord', path: r.path, load: `${r.concurrency} in flight`, 'p50 ms': r.p50ms, 'p99 ms': r.p99ms, 'per s': r.perSec })),
    ...teams.map((r) => ({ platform: 'Teams', path: r.name, load: '', 'p50 ms': r.p50ms, 'p99 ms': r.p99ms, 'per s': r.opsPerSec })),
  ]);
  line('## Slack HTTP path in detail: signed slash command → Bolt → router → skill → store → answer (inside the ack, or via response_url)');
  console.table(slack);
  for (const l of slackGoals(slack)) line(`  ${l}`);
  line('## Standups and the briefing as the audit log grows (the "yesterday" suggestion reads it)');
  console.table(await benchStandup());
  line('## Heartbeats: POST /heartbeat/<token> end to end (constant-time match against every token, rules, durable write)');
  console.table(await benchHeartbeats({ log: (l) => line(`  ${l}`) }));
}

await main();
