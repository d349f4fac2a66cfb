// One server under test for bench/slack.bench.ts, run in its own process so the load
// generator does not share its CPU:
//   bare         a node:http server that reads the body and answers 200
//   bolt-noop    express + Bolt's ExpressReceiver (signature check) + a listener that only acks
//   switchboard  the real app: Slack HTTP mode on the shared server, router, skills, store;
//                a quick answer goes out inside the ack (the default)
//   switchboard-response-url  the same with the quick path off: every answer via response_url
// Usage: tsx bench/slack-server.ts <scenario> <slack-api-url> <signing-secret>
// Prints `listening <port>` when ready; answers an IPC `cpu` message with its CPU time (µs)
// so the benchmark can report CPU per request, which shared machines distort far less than
// wall-clock throughput; stops on SIGTERM.
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import express from 'express';
import { createApp } from '../src/app.js';
import { loadConfigFile } from '../src/core/config/index.js';
import { silentLogger } from '../src/infra/logger.js';

const [scenario, apiUrl, secret] = process.argv.slice(2);

async function listen(server: ReturnType<typeof createServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function main(): Promise<void> {
  let stop: () => Promise<void> = async () => undefined;
  let port: number;
  if (scenario === 'bare') {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200).end());
    });
    server.keepAliveTimeout = 5000;
    port = await listen(server);
  } else if (scenario === 'bolt-noop') {
    const app = express();
    const receiver = new ExpressReceiver({ signingSecret: secret, app, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
    const noop = new App({ receiver, token: 'xoxb-bench', botId: 'BBENCH', botUserId: 'UBENCH', clientOptions: { slackApiUrl: apiUrl }, logLevel: LogLevel.ERROR });
    noop.command(/.*/, async ({ ack }) => ack());
    const server = createServer(app);
    server.keepAliveTimeout = 5000;
    port = await listen(server);
  } else if (scenario === 'switchboard' || scenario === 'switchboard-response-url') {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-slack-'));
    const app = await createApp({
      config: loadConfigFile('config/switchboard.yaml', {}),
      env: { SLACK_BOT_TOKEN: 'xoxb-fake-bot-token', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: apiUrl },
      dataDir,
      host: '127.0.0.1',
      port: 0,
      log: silentLogger,
      timers: false,
      platform: { slack: { retries: 0, ...(scenario === 'switchboard-response-url' ? { answerInAck: false } : {}) } },
    });
    port = Number(new URL(app.url).port);
    stop = async () => {
      await app.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  } else {
    throw new Error(`unknown scenario ${scenario}`);
  }
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  process.on('message', (m) => {
    if (m === 'cpu') {
      const u = process.cpuUsage();
      process.send?.({ cpu: u.user + u.system });
    }
  });
  process.stdout.write(`listening ${port}\n`);
}

await main();
