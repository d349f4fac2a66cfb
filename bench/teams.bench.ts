// The Teams activity path (SPEC §9): a Bot Framework activity POSTed to /api/messages with a
// signed JWT (validated by the real Teams SDK against a local OpenID endpoint) → router → skill →
// store → reply POSTed to a local fake Bot Connector. Reports the acknowledgement (HTTP answer),
// the reply arriving at the connector, a card click answered with the updated card, and the
// throughput with 8 concurrent senders. Run alone with `npx tsx bench/teams.bench.ts`.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createApp } from '../src/app.js';
import { loadConfigFile } from '../src/core/config/index.js';
import { silentLogger } from '../src/infra/logger.js';
import { cardAction, personalChat, personalMessage } from '../test/fakes/teams/activities.js';
import { startFakeConnector } from '../test/fakes/teams/connector.js';
import { startFakeOpenId } from '../test/fakes/teams/openid.js';

export interface PathResult {
  name: string;
  p50ms: number;
  p99ms: number;
  opsPerSec: number;
}

const SEQUENTIAL = 300;
const CONCURRENT = 400;
const SENDERS = 8;
const WARMUP = 30;
const CLIENT_ID = 'bench-app-id';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const sink = () => new Writable({ write: (_c, _e, cb) => cb() });

/** Percentiles, and the rate one sequential sender achieves (samples / their summed time). */
function summarize(name: string, samples: number[]): PathResult {
  const s = [...samples].sort((a, b) => a - b);
  const total = samples.reduce((a, b) => a + b, 0);
  return { name, p50ms: round(percentile(s, 50)), p99ms: round(percentile(s, 99)), opsPerSec: round(samples.length / (total / 1000), 0) };
}

export async function benchTeams(opts: { log?: (line: string) => void } = {}): Promise<PathResult[]> {
  const connector = await startFakeConnector();
  const openid = await startFakeOpenId({ audience: CLIENT_ID });
  const outbound = openid.token({ audience: 'https://api.botframework.com' });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-teams-'));
  const app = await createApp({
    config: loadConfigFile('config/switchboard.yaml', {}),
    env: { TEAMS_CLIENT_ID: CLIENT_ID, TEAMS_CLIENT_SECRET: 'unused-with-a-token-hook' },
    dataDir,
    host: '127.0.0.1',
    port: 0,
    log: silentLogger,
    timers: false,
    platform: {
      consoleInput: new PassThrough(),
      consoleOutput: sink(),
      // The bot's outbound token, signed once (in production MSAL caches it the same way).
      teams: { token: async () => outbound, cloud: { openIdMetadataUrl: openid.metadataUrl } },
    },
  });
  const token = openid.token({ serviceUrl: connector.url });
  const post = (activity: object) =>
    fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(activity) });
  const chat = personalChat('alice');
  let received = 0;
  let wake: (() => void) | undefined;
  connector.onCall((c) => {
    if (c.method === 'POST' && c.conversationId === chat) received++;
    wake?.();
  });
  /** Resolves when the 1:1 chat has received `count` replies in all. */
  const replies = async (count: number) => {
    const deadline = performance.now() + 30_000;
    while (received < count) {
      if (performance.now() > deadline) throw new Error(`only ${received} of ${count} replies arrived`);
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 50);
      });
    }
  };
  try {
    // One sequential sender: acknowledgement and reply latency of `whoami` (claim, store, card).
    const ack: number[] = [];
    const reply: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < WARMUP + SEQUENTIAL; i++) {
      const t = performance.now();
      const res = await post(personalMessage({ serviceUrl: connector.url, text: 'whoami' }));
      if (res.status !== 200) throw new Error(`activity answered ${res.status}`);
      const acked = performance.now();
      await replies(i + 1);
      if (i >= WARMUP) {
        ack.push(acked - t);
        reply.push(performance.now() - t);
      }
    }
    const seqMs = performance.now() - t0;
    opts.log?.(`sequential: ${WARMUP + SEQUENTIAL} activities in ${round(seqMs, 0)} ms`);

    // Card clicks: an Action.Execute invoke answered in the HTTP response.
    const clicks: number[] = [];
    for (let i = 0; i < SEQUENTIAL; i++) {
      const t = performance.now();
      const res = await post(cardAction({ serviceUrl: connector.url, home: { conversation: personalChat('alice'), messageId: String(1_800_000_000_000 + i), conversationType: 'personal' }, data: { switchboard: 'cmd', command: 'whoami' } }));
      const body = (await res.json()) as { statusCode?: number };
      if (body.statusCode !== 200) throw new Error('invoke not answered');
      clicks.push(performance.now() - t);
    }

    // Throughput: 8 senders at once, until every reply reached the connector.
    const before = received;
    const acks: number[] = [];
    let sent = 0;
    const tp = performance.now();
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (sent < CONCURRENT) {
          sent++;
          const t = performance.now();
          await post(personalMessage({ serviceUrl: connector.url, text: 'whoami' }));
          acks.push(performance.now() - t);
        }
      }),
    );
    await replies(before + CONCURRENT);
    const parMs = performance.now() - tp;
    // Under load: the acknowledgement percentiles, and replies delivered per second.
    const concurrent = { ...summarize(`teams: ${SENDERS} concurrent senders (ack; replies/s)`, acks), opsPerSec: round(CONCURRENT / (parMs / 1000), 0) };

    return [
      summarize('teams: activity → HTTP acknowledgement (JWT checked)', ack),
      summarize('teams: activity → reply at the Bot Connector', reply),
      summarize('teams: card click (invoke) → answer', clicks),
      concurrent,
    ];
  } finally {
    await app.stop();
    await connector.stop();
    await openid.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.table(await benchTeams({ log: (l) => console.log(l) }));
}
