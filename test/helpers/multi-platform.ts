// One in-process Switchboard with Slack and Discord running at once, as `npm start` runs with
// both platforms' credentials set: the real Bolt app against the fake Slack Web API (signed
// requests in), and the real discord.js Client on the fake Discord gateway and REST API. The
// real skills only; a fake clock the test moves, with the scheduler ticked after each move.
import type { App } from '../../src/app.js';
import type { SlackAdapter } from '../../src/adapters/slack/adapter.js';
import type { Config } from '../../src/core/config/index.js';
import { FakeClock } from '../fakes/clock.js';
import { discordDriver, startDiscordFakes, testTuning, type DiscordDriver } from '../fakes/discord/harness.js';
import { FakeSlackApi } from '../fakes/slack/fake-slack-api.js';
import { SIGNING_SECRET, SlackRequests } from '../fakes/slack/signed-requests.js';
import { exampleConfig } from './config.js';
import { startTestApp } from './test-app.js';
import { tempDir } from './tmp.js';

export interface SlackSide {
  fake: FakeSlackApi;
  adapter: SlackAdapter;
  /** Signed requests to POST /slack/events. */
  requests: SlackRequests;
}

export interface MultiPlatformApp {
  app: App;
  clock: FakeClock;
  dataDir: string;
  slack: SlackSide;
  discord: DiscordDriver;
  /** Waits until both adapters finished the work of every delivery so far. */
  settle(): Promise<void>;
  /** Moves the clock, runs the due jobs and waits for what they sent. */
  advance(by: string | number): Promise<void>;
  stop(): Promise<void>;
}

export interface MultiPlatformOptions {
  config?: Config;
  clock?: FakeClock;
}

export async function startMultiPlatformApp(o: MultiPlatformOptions = {}): Promise<MultiPlatformApp> {
  const clock = o.clock ?? new FakeClock();
  const fake = await FakeSlackApi.start();
  const discordFakes = await startDiscordFakes();
  const stopFakes = async () => {
    await fake.close();
    await discordFakes.stop();
  };
  const dataDir = await tempDir();
  const app = await startTestApp({
    config: o.config ?? exampleConfig(),
    env: { SLACK_BOT_TOKEN: fake.token, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, ...discordFakes.env },
    dataDir,
    clock,
    platform: { slack: { retries: 0 }, discord: testTuning() },
    cleanup: stopFakes,
  });
  const slackAdapter = app.platforms.find((p) => p.slack)!.slack!;
  const discord = discordDriver(app, discordFakes, clock);
  const settle = async () => {
    await Promise.all([slackAdapter.idle(), discord.adapter.idle()]);
  };
  return {
    app,
    clock,
    dataDir,
    slack: { fake, adapter: slackAdapter, requests: new SlackRequests(`${app.url}/slack/events`) },
    discord,
    settle,
    async advance(by) {
      clock.advance(by);
      await app.scheduler.tick();
      await settle();
    },
    async stop() {
      await app.stop();
      await stopFakes();
    },
  };
}
