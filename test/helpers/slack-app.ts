// An in-process Switchboard configured for Slack in HTTP mode, exactly as `npm start` would
// be with SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET + SLACK_API_URL: the real app and the real
// Bolt app on 127.0.0.1:0, a fake Slack Web API on 127.0.0.1, signed requests in.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp, type App } from '../../src/app.js';
import type { SlackAdapter } from '../../src/adapters/slack/adapter.js';
import type { Config } from '../../src/core/config/index.js';
import type { Skill, SkillDeps } from '../../src/core/skill.js';
import { silentLogger } from '../../src/infra/logger.js';
import { FakeClock } from '../fakes/clock.js';
import { FakeSlackApi } from '../fakes/slack/fake-slack-api.js';
import { SIGNING_SECRET, SlackRequests } from '../fakes/slack/signed-requests.js';
import { createDrillSkill } from '../fixtures/demo-skill.js';
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
  restart(): Promise<SlackHarness>;
  stop(): Promise<void>;
}

export interface SlackHarnessOptions {
  config?: Config;
  /** Skills besides the built-in ones; default: the drill fixture. */
  skills?: (deps: SkillDeps) => Skill[];
  /** Bare commands that open a form; default `/drill` → `drill declare` (after the merge: `/incident`). */
  bareForms?: Record<string, string>;
  fake?: FakeSlackApi;
  dataDir?: string;
  clock?: FakeClock;
  /** Close the fake on stop even though it was given (restart hands it on). */
  ownsFake?: boolean;
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
    extraSkills: opts.skills ?? ((deps) => [createDrillSkill(deps)]),
    platform: { slack: { retries: 0, bareForms: opts.bareForms ?? { drill: 'drill declare' } } },
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

/** The ids of every record of a collection as they are on disk (what a restart would read). */
export async function storedIds(dataDir: string, collection: string): Promise<string[]> {
  const dir = join(dataDir, collection);
  const files = await readdir(dir).catch(() => [] as string[]);
  const ids: string[] = [];
  for (const f of files.filter((x) => x.endsWith('.json'))) {
    const doc = JSON.parse(await readFile(join(dir, f), 'utf8')) as { records: Array<{ id: string }> };
    ids.push(...doc.records.map((r) => r.id));
  }
  return ids.sort();
}
