// Socket Mode: with SLACK_APP_TOKEN the real Bolt SocketModeReceiver connects to a fake
// Socket Mode endpoint (no public URL, no HTTP route), acks each envelope at once, and the
// same commands, events and buttons work.
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.js';
import { silentLogger } from '../../../src/infra/logger.js';
import { FakeClock } from '../../fakes/clock.js';
import { FakeSlackApi } from '../../fakes/slack/fake-slack-api.js';
import { FakeSocketMode } from '../../fakes/slack/fake-socket-mode.js';
import { clickPayload } from '../../fakes/slack/signed-requests.js';
import { exampleConfig } from '../../helpers/config.js';
import { storedIds } from '../../helpers/slack-app.js';
import { cleanupTempDirs, tempDir } from '../../helpers/tmp.js';
import { stored } from '../../skills/incident/helpers.js';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
  await cleanupTempDirs();
});

async function start(prepare: (fake: FakeSlackApi) => void = () => undefined): Promise<{ app: App; fake: FakeSlackApi; socket: FakeSocketMode; dataDir: string }> {
  const fake = await FakeSlackApi.start();
  prepare(fake);
  const socket = await FakeSocketMode.start();
  fake.socketUrl = socket.url;
  const dataDir = await tempDir();
  const app = await createApp({
    config: exampleConfig(),
    env: { SLACK_BOT_TOKEN: fake.token, SLACK_APP_TOKEN: 'xapp-1-fake-app-token', SLACK_API_URL: fake.apiUrl },
    dataDir,
    host: '127.0.0.1',
    port: 0,
    log: silentLogger,
    clock: new FakeClock(),
    timers: false,
    platform: { slack: { retries: 0 } },
  });
  cleanup.push(() => fake.close(), () => socket.close(), () => app.stop());
  await socket.connected();
  return { app, fake, socket, dataDir };
}

describe('Slack Socket Mode', () => {
  it('connects without a public route, acks a slash command at once and answers it', async () => {
    const { app, fake, socket } = await start();
    let health = 0;
    for (let i = 0; i < 50 && health !== 200; i++) {
      health = (await fetch(`${app.url}/healthz`)).status;
      if (health !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(health).toBe(200); // connected once Slack said hello
    expect((await fetch(`${app.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
    const ack = await socket.deliver('slash_commands', { command: '/ops', text: 'whoami', user_id: 'U01ERIN001', user_name: 'erin', channel_id: 'C01PAYMENTS', response_url: fake.responseUrl('sm1'), trigger_id: 'trig.sm1' });
    expect(ack.ms).toBeLessThan(3000);
    // A quick answer travels in the ack's payload (Slack shows it), not through response_url.
    expect((ack.payload as any).blocks[0].text.text).toBe('Erin Alvarez (@erin)');
    expect(fake.responses).toHaveLength(0);
  });

  it('declares from a slash command, then a button updates the card in place; a repeated event acts once', async () => {
    const { app, fake, socket, dataDir } = await start();
    await socket.deliver('slash_commands', { command: '/incident', text: 'declare sev2 Socket down', user_id: 'U01ALICE01', channel_id: 'C01PLATFORM', response_url: fake.responseUrl(), trigger_id: 'trig.sm2' });
    const cardMsg = await fake.waitFor(() => fake.messages.find((m) => m.blocks?.[0]?.text?.text === '🔥 INC-1 · Socket down'));
    expect(fake.channels.get(cardMsg.channel)!.name).toBe('inc-1-socket-down');
    await socket.deliver('interactive', clickPayload(cardMsg, 'Take command', { user: 'U01BOB0001', responseUrl: fake.responseUrl() }));
    await fake.waitFor(() => cardMsg.edits === 1);
    expect(JSON.stringify(cardMsg.blocks)).toContain('*Commander*\\n<@U01BOB0001>');

    const event = { type: 'event_callback', event_id: 'EvSM1', team_id: 'T0NORTH', event: { type: 'app_mention', user: 'U01BOB0001', text: '<@UBOT00001> incident note INC-1 from socket', channel: 'C01PLATFORM', ts: '1790000002.000100' } };
    await socket.deliver('events_api', event);
    await socket.deliver('events_api', event);
    await fake.waitFor(() => cardMsg.edits === 2);
    await app.platforms.find((p) => p.slack)!.slack!.idle();
    expect(cardMsg.edits).toBe(2);
    expect((await stored(dataDir, 'INC-1')).timeline.filter((e) => e.kind === 'note').map((e) => e.text)).toEqual(['from socket']);
    expect(await storedIds(dataDir, 'deliveries')).toContain('slack:ev:EvSM1');
  });

  it('stays unhealthy when the socket is open but the bot token is refused', async () => {
    const { app } = await start((fake) => fake.failNext('auth.test', 'invalid_auth'));
    await new Promise((r) => setTimeout(r, 200));
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ adapters: { slack: 'disconnected' } });
  });
});
