// The real process (`node dist/main.js`) with Teams settings in its environment: credentials
// mount an authenticated /api/messages next to everything else; the demo mode together with
// credentials refuses to start at all.
import { afterEach, describe, expect, it } from 'vitest';
import { spawnBot, type Spawned } from '../helpers/spawn.js';
import { cleanupTempDirs, tempDir } from '../helpers/tmp.js';

const running: Spawned[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) if (s.child.exitCode === null) s.child.kill('SIGKILL');
  await cleanupTempDirs();
});

const SECRET = 'teams-secret-that-must-not-leak';

describe('the bot as a process, with Teams', () => {
  it('starts Teams from TEAMS_CLIENT_ID and answers an unauthenticated activity with 401', async () => {
    const bot = spawnBot({ SWITCHBOARD_DATA_DIR: await tempDir(), TEAMS_CLIENT_ID: '11111111-2222-4333-8444-555555555555', TEAMS_CLIENT_SECRET: SECRET, TEAMS_TENANT_ID: 'tenant', LOG_LEVEL: 'debug' });
    running.push(bot);
    const url = await bot.url();
    expect(bot.stdout()).toMatch(/"platforms":\["teams"\]/);
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'whoami', serviceUrl: 'https://smba.trafficmanager.net/teams/', from: { id: '29:x' }, recipient: { id: '28:y' }, conversation: { id: 'a:1' } }),
    });
    expect(res.status).toBe(401);
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ adapters: { teams: 'connected' } });
    bot.child.kill('SIGTERM');
    await bot.exited;
    expect(bot.stdout() + bot.stderr()).not.toContain(SECRET);
  });

  it('refuses to start with the unauthenticated demo mode and credentials together', async () => {
    const bot = spawnBot({ SWITCHBOARD_DATA_DIR: await tempDir(), TEAMS_CLIENT_ID: 'app', TEAMS_CLIENT_SECRET: SECRET, TEAMS_DEV_UNAUTHENTICATED: '1' });
    running.push(bot);
    const { code } = await bot.exited;
    expect(code).not.toBe(0);
    expect(bot.stdout()).toContain('TEAMS_DEV_UNAUTHENTICATED=1 cannot be used together with TEAMS_CLIENT_ID');
    expect(bot.stdout()).not.toContain('switchboard started');
  });
});
