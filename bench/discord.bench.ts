// The Discord interaction path (SPEC §9): a signed HTTP interaction → Ed25519 check →
// router → skill → store (the delivery claim is a durable write) → the HTTP response that is
// Discord's acknowledgement; against a bare node:http server answering the same JSON, with the
// same client. Requests are signed before the clock starts. Run alone with
// `npx tsx bench/discord.bench.ts`.
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp } from '../src/app.js';
import { loadConfigFile } from '../src/core/config/index.js';
import { silentLogger } from '../src/infra/logger.js';

export interface PathRow {
  path: string;
  requests: number;
  concurrency: number;
  p50ms: number;
  p99ms: number;
  perSec: number;
}

const ALICE = '310000000000000001'; // people[0].discord in the shipped config

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** `n` requests, `concurrency` in flight; latency of each and the overall rate. */
async function drive(n: number, concurrency: number, send: (i: number) => Promise<void>): Promise<{ p50: number; p99: number; perSec: number }> {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) {
        const t = performance.now();
        await send(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const total = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  const round = (x: number) => Number(x.toFixed(3));
  return { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), perSec: Math.round(n / (total / 1000)) };
}

function interaction(id: number): string {
  return JSON.stringify({
    id: String(800_000_000_000_000_000n + BigInt(id)),
    application_id: '340000000000000001',
    type: 2,
    token: `bench-${id}`,
    version: 1,
    guild_id: '330000000000000001',
    channel: { id: '320000000000000001', type: 0 },
    channel_id: '320000000000000001',
    member: { user: { id: ALICE, username: 'alice', global_name: 'Alice Martin', discriminator: '0', avatar: null }, roles: [], permissions: '0' },
    authorizing_integration_owners: {},
    data: { id: '1', name: 'whoami', type: 1 },
  });
}

export async function benchDiscord(opts: { requests?: number; concurrency?: number[]; log?: (line: string) => void } = {}): Promise<PathRow[]> {
  const n = opts.requests ?? 1000;
  const levels = opts.concurrency ?? [1, 16];
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyHex = Buffer.from((publicKey.export({ format: 'jwk' }) as { x: string }).x, 'base64url').toString('hex');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-discord-'));
  const app = await createApp({ config: loadConfigFile('config/switchboard.yaml', {}), env: { DISCORD_PUBLIC_KEY: publicKeyHex }, dataDir: dir, host: '127.0.0.1', port: 0, log: silentLogger, timers: false });
  const canned = JSON.stringify({ type: 4, data: { content: 'ok', flags: 64 } });
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(canned));
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', () => r()));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
  const rows: PathRow[] = [];
  try {
    let serial = 0;
    const signed = (count: number) =>
      Array.from({ length: count }, () => {
        const body = interaction(serial++);
        const ts = String(Math.floor(Date.now() / 1000));
        return { body, headers: { 'content-type': 'application/json', 'x-signature-ed25519': sign(null, Buffer.from(ts + body), privateKey).toString('hex'), 'x-signature-timestamp': ts } };
      });
    const post = async (url: string, r: { body: string; headers: Record<string, string> }) => {
      const res = await fetch(url, { method: 'POST', headers: r.headers, body: r.body });
      const out = (await res.json()) as { type?: number };
      if (res.status !== 200 || out.type !== 4) throw new Error(`unexpected answer ${res.status} ${JSON.stringify(out).slice(0, 200)}`);
    };
    const warm = signed(50);
    await drive(warm.length, 4, (i) => post(`${app.url}/discord/interactions`, warm[i]));
    for (const c of levels) {
      const reqs = signed(n);
      const d = await drive(n, c, (i) => post(`${app.url}/discord/interactions`, reqs[i]));
      rows.push({ path: 'Discord HTTP interaction (signed → verify → router → skill → store → response)', requests: n, concurrency: c, p50ms: d.p50, p99ms: d.p99, perSec: d.perSec });
      const b = await drive(n, c, (i) => post(bareUrl, reqs[i]));
      rows.push({ path: 'bare node:http, same client and body', requests: n, concurrency: c, p50ms: b.p50, p99ms: b.p99, perSec: b.perSec });
      opts.log?.(`concurrency ${c}: Discord p50 ${d.p50} ms / bare ${b.p50} ms`);
    }
  } finally {
    await new Promise<void>((r) => bare.close(() => r()));
    await app.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.table(await benchDiscord({ log: (l) => console.log(l) }));
}
