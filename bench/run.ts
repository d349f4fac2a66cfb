// `npm run bench`: every benchmark in one run on this machine, printed as tables.
// A benchmark, not a test: it reports figures and never fails on a timing.
import os from 'node:os';
import { benchChanges } from './change.bench.js';
import { benchHeartbeats } from './heartbeat.bench.js';
import { benchStatus } from './status.bench.js';
import { benchStore } from './store.bench.js';
import { benchIncidentNote } from './incident.bench.js';

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
  line('## Heartbeats: POST /heartbeat/<token> end to end (constant-time match against every token, rules, durable write)');
  console.table(await benchHeartbeats({ log: (l) => line(`  ${l}`) }));
}

await main();
