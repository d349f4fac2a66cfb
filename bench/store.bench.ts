// The cost of one durable write as the store grows (SPEC §9): 500 sequential updates of open
// incidents, each awaited (on disk), at 100, 10 000 and 100 000 stored records. Closed
// incidents live in 36 monthly archive partitions, so a write to an open one should cost the
// same whatever the archive holds. Run alone with `npx tsx bench/store.bench.ts`.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { openStore } from '../src/infra/store/index.js';

const Incident = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.enum(['sev1', 'sev2', 'sev3']),
  status: z.enum(['open', 'mitigated', 'resolved']),
  commander: z.string(),
  channel: z.string(),
  declaredAt: z.string(),
  resolvedAt: z.string().optional(),
  summary: z.string(),
  updates: z.number().int(),
});
type Incident = z.infer<typeof Incident>;

const options = {
  schema: Incident,
  partition: (r: Incident) => (r.status === 'resolved' && r.resolvedAt ? r.resolvedAt.slice(0, 7) : 'open'),
};

const OPEN = 100;
const MONTHS = 36;
const UPDATES = 500;
const WARMUP = 20;

function incident(n: number, month: number | undefined): Incident {
  const y = 2024 + Math.floor((month ?? 0) / 12);
  const m = String(((month ?? 0) % 12) + 1).padStart(2, '0');
  return {
    id: `INC-${n}`,
    title: `Elevated error rate on checkout-api in eu-west-1 (#${n})`,
    severity: (['sev1', 'sev2', 'sev3'] as const)[n % 3],
    status: month === undefined ? 'open' : 'resolved',
    commander: `U0${(100000 + n).toString(36).toUpperCase()}`,
    channel: `C0${(200000 + n).toString(36).toUpperCase()}`,
    declaredAt: `${y}-${m}-14T09:${String(n % 60).padStart(2, '0')}:00.000Z`,
    resolvedAt: month === undefined ? undefined : `${y}-${m}-14T11:05:00.000Z`,
    summary: 'Payments failing for a subset of users after the 2.41 deploy; rolled back.',
    updates: 0,
  };
}

/** Writes the partition files directly, in the store's own format (much faster than inserting). */
async function seed(dir: string, records: number): Promise<string[]> {
  const open = Math.min(OPEN, records);
  const byPartition = new Map<string, Incident[]>();
  for (let n = 1; n <= records; n++) {
    const month = n <= records - open ? (n - 1) % MONTHS : undefined;
    const r = incident(n, month);
    const p = options.partition(r);
    if (!byPartition.has(p)) byPartition.set(p, []);
    byPartition.get(p)!.push(r);
  }
  await mkdir(path.join(dir, 'incidents'), { recursive: true });
  for (const [p, rs] of byPartition) {
    const meta = rs.map((r) => [Number(r.id.slice(4)), 1]);
    await writeFile(path.join(dir, 'incidents', `${p}.json`), JSON.stringify({ records: rs, meta }));
  }
  await writeFile(path.join(dir, '_sequences.json'), JSON.stringify({ sequences: { INC: records } }));
  return (byPartition.get('open') ?? []).map((r) => r.id);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

/** Measures update latency at each store size; `log` gets load times and notes. */
export async function benchStore(
  opts: { sizes?: number[]; log?: (line: string) => void } = {},
): Promise<Array<{ name: string; records: number; p50ms: number; p99ms: number; opsPerSec: number }>> {
  const results: Array<{ name: string; records: number; p50ms: number; p99ms: number; opsPerSec: number }> = [];
  for (const records of opts.sizes ?? [100, 10_000, 100_000]) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-store-'));
    try {
      const openIds = await seed(dir, records);
      const t0 = performance.now();
      const store = await openStore(dir);
      const incidents = await store.collection('incidents', options);
      opts.log?.(`${records} records: loaded and validated in ${round(performance.now() - t0, 0)} ms`);
      if (incidents.size !== records) throw new Error(`seeded ${records}, loaded ${incidents.size}`);

      const latencies: number[] = [];
      for (let i = 0; i < WARMUP + UPDATES; i++) {
        const id = openIds[Math.floor(Math.random() * openIds.length)];
        const t = performance.now();
        await incidents.update(id, (r) => ({ ...r, updates: r.updates + 1, status: i % 2 ? 'mitigated' : 'open' }));
        if (i >= WARMUP) latencies.push(performance.now() - t);
      }
      const measuredMs = latencies.reduce((a, b) => a + b, 0);
      await store.close();
      latencies.sort((a, b) => a - b);
      results.push({
        name: 'store update (durable, open partition)',
        records,
        p50ms: round(percentile(latencies, 50)),
        p99ms: round(percentile(latencies, 99)),
        opsPerSec: round(UPDATES / (measuredMs / 1000), 0),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const rows = await benchStore({ log: (line) => console.log(line) });
  console.table(rows);
}
