// `npm start` with Slack credentials: the built process serves Slack on the one HTTP server,
// runs no console, answers signed commands (in the ack, or through response_url), reports
// Slack on /healthz, never logs a secret, and stops cleanly.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../fakes/slack/fake-slack-api.js';
import { SIGNING_SECRET, SlackRequests } from '../fakes/slack/signed-requests.js';
import { spawnBot, type Spawned } from '../helpers/spawn.js';
import { cleanupTempDirs, tempDir } from '../helpers/tmp.js';

const running: Spawned[] = [];
let fake: FakeSlackApi | undefined;
afterEach(async () => {
  for (const s of running.splice(0)) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  await fake?.close();
  fake = undefined;
  await cleanupTempDirs();
});

describe('the bot as a process, with Slack', () => {
  it('serves POST /slack/events, answers, keeps secrets out of the logs and stops on SIGTERM', async () => {
    fake = await FakeSlackApi.start();
    const bot = spawnBot({ SWITCHBOARD_DATA_DIR: await tempDir(), SLACK_BOT_TOKEN: fake.token, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, LOG_LEVEL: 'debug' });
    running.push(bot);
    const url = await bot.url();
    expect(bot.stdout()).toMatch(/"platforms":\["slack"\][^\n]*switchboard started/);
    const slack = new SlackRequests(`${url}/slack/events`);
    // A quick answer is the body of the ack; a declaration (Web API calls) comes through response_url.
    const whoami = await slack.command({ command: '/ops', text: 'whoami', user: 'U01DAVE001', responseUrl: fake.responseUrl('p1') });
    expect(whoami.status).toBe(200);
    expect(((await whoami.json()) as { blocks: Array<{ text: { text: string } }> }).blocks[0].text.text).toBe('Dave Kowalski (@dave)');
    expect((await slack.command({ command: '/incident', text: 'declare sev3 Process check', user: 'U01DAVE001', responseUrl: fake.responseUrl('p2') })).status).toBe(200);
    const declared = await fake.waitFor(() => fake!.responses.find((r) => r.id === 'p2'), 10_000);
    expect(declared.body.text).toBe('🔥 Declared *INC-1* · sev3 Minor: Process check → #inc-1-process-check (slack)');
    expect((await slack.post('{}', 'application/json', {}, { secret: 'forged' })).status).toBe(401);
    const health = await fetch(`${url}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', adapters: { slack: 'connected' } });
    bot.child.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
    const logs = bot.stdout() + bot.stderr();
    expect(logs).toContain('slack connected');
    expect(logs).not.toContain(fake.token);
    expect(logs).not.toContain(SIGNING_SECRET);
  });
});
