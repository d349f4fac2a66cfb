// `npm run bench`: every benchmark in one run on this machine, printed as tables.
// A benchmark, not a test: it reports figures and never fails on a timing.
import os from 'node:os';
import { benchStore } from './store.bench.js';
import { benchTeams } from './teams.bench.js';

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
  line('## Platform paths: a command in, its acknowledgement and reply out (goal: acknowledgement well under 3 s)');
  const paths = await benchTeams({ log: (l) => line(`  ${l}`) });
  console.table(paths.map((r) => ({ path: r.name, 'p50 ms': r.p50ms, 'p99 ms': r.p99ms, 'per s': r.opsPerSec })));
}

await main();
