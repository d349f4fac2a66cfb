// An in-process Switchboard configured for Slack in HTTP mode, exactly as `npm start` would
// be with SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET + SLACK_API_URL: the real app and the real
// Bolt app on 127.0.0.1:0, a fake Slack Web API on 127.0.0.1, signed requests in.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app.js';
import type { SlackAdapter, SlackAdapterOptions } from '../../src/adapters/slack/adapter.js';
import type { Config } from '../../src/core/config/index.js';
import type { Skill, SkillDeps } from '../../src/core/skill.js';
import { silentLogger } from '../../src/infra/logger.js';
import { FakeClock } from '../fakes/clock.js';
import { FakeSlackApi } from '../fakes/slack/fake-slack-api.js';
import { SIGNING_SECRET, SlackRequests, type CommandInput } from '../fakes/slack/signed-requests.js';
import { exampleConfig } from './config.js';
import { tempDir } from './tmp.js';

export interface SlackHarness {
  app: App;
  fake: FakeSlackApi;
  adapter: SlackAdapter;
  slack: SlackRequests;
  clock: FakeClock;
  dataDir: string;
  /** Waits until the work started by every delivery so far has finished. */
  settle(): Promise<void>;
  /** Sends a signed slash command (its response_url at the fake) and tells what Slack shows for it. */
  run(c: Omit<CommandInput, 'responseUrl'> & { responseUrl?: string }): Promise<CommandRun>;
  restart(): Promise<SlackHarness>;
  stop(): Promise<void>;
}

export interface SlackHarnessOptions {
  config?: Config;
  /** Skills besides the built-in ones (none by default: the tests use the real skills). */
  skills?: (deps: SkillDeps) => Skill[];
  fake?: FakeSlackApi;
  dataDir?: string;
  clock?: FakeClock;
  /** Close the fake on stop even though it was given (restart hands it on). */
  ownsFake?: boolean;
  /** Slack adapter options beyond the test defaults. */
  slack?: SlackAdapterOptions;
}

export interface CommandRun {
  status: number;
  /** Milliseconds from sending the request to its HTTP response (the ack). */
  ackMs: number;
  /** The message in the ack's body, if the ack carried one. */
  ack?: any;
  /**
   * What Slack shows the person for the command once its work is done: the message in the
   * ack, else the first one posted to its response_url (undefined when there was none).
   */
  shown(): Promise<any>;
}

export async function startSlackApp(opts: SlackHarnessOptions = {}): Promise<SlackHarness> {
  const fake = opts.fake ?? (await FakeSlackApi.start());
  const dataDir = opts.dataDir ?? (await tempDir());
  const clock = opts.clock ?? new FakeClock();
  const app = await createApp({
    config: opts.config ?? exampleConfig(),
    env: { SLACK_BOT_TOKEN: fake.token, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl },
    dataDir,
    host: '127.0.0.1',
    port: 0,
    log: silentLogger,
    clock,
    timers: false,
    extraSkills: opts.skills,
    platform: { slack: { retries: 0, ...opts.slack } },
  });
  const adapter = app.platforms.find((p) => p.slack)!.slack!;
  const h: SlackHarness = {
    app,
    fake,
    adapter,
    slack: new SlackRequests(`${app.url}/slack/events`),
    clock,
    dataDir,
    settle: () => adapter.idle(),
    async run(c) {
      const responseUrl = c.responseUrl ?? fake.responseUrl();
      const t0 = performance.now();
      const res = await h.slack.command({ ...c, responseUrl });
      const ackMs = performance.now() - t0;
      const raw = await res.text();
      const ack = raw ? JSON.parse(raw) : undefined;
      const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
      return {
        status: res.status,
        ackMs,
        ack,
        async shown() {
          if (ack?.text !== undefined) return ack;
          await adapter.idle();
          return fake.responses.find((r) => r.id === id)?.body;
        },
      };
    },
    async restart() {
      await app.stop();
      return startSlackApp({ ...opts, fake, dataDir, clock, ownsFake: !opts.fake || opts.ownsFake });
    },
    async stop() {
      await app.stop();
      if (!opts.fake || opts.ownsFake) await fake.close();
    },
  };
  return h;
}

/** Every record of a collection as it is on disk (what a restart would read). */
export async function storedRecords(dataDir: string, collection: string): Promise<Array<Record<string, any> & { id: string }>> {
  const dir = join(dataDir, collection);
  const files = await readdir(dir).catch(() => [] as string[]);
  const records: Array<Record<string, any> & { id: string }> = [];
  for (const f of files.filter((x) => x.endsWith('.json')).sort()) {
    const doc = JSON.parse(await readFile(join(dir, f), 'utf8')) as { records: Array<Record<string, any> & { id: string }> };
    records.push(...doc.records);
  }
  return records;
}

/** The ids of every record of a collection as they are on disk. */
export async function storedIds(dataDir: string, collection: string): Promise<string[]> {
  return (await storedRecords(dataDir, collection)).map((r) => r.id).sort();
}
