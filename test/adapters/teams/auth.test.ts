// With credentials set, the Teams SDK validates every inbound JWT (RS256, Bot Framework issuer,
// our app id as audience, the activity's serviceUrl) against the OpenID keys — here a local fake
// serving this test's own key. A request without a valid token gets 401 and changes nothing,
// with every real skill registered.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readTeamsSettings, TeamsSettingsError } from '../../../src/adapters/teams/settings.js';
import { botAddedToTeam, cardAction, channelMessage, personalChat, personalMessage } from '../../fakes/teams/activities.js';
import { visibleText } from '../../fakes/teams/connector.js';
import { startFakeOpenId, type FakeOpenId } from '../../fakes/teams/openid.js';
import { CLIENT_ID, OUTBOUND_TOKEN, startTeamsApp, type TeamsHarness } from '../../helpers/teams-app.js';
import { cleanupTempDirs, tempDir } from '../../helpers/tmp.js';
import { createApp } from '../../../src/app.js';
import { silentLogger } from '../../../src/infra/logger.js';
import { exampleConfig } from '../../helpers/config.js';
import { action, cardPost, homeOf, incidents, pages, roots } from './helpers.js';

let openid: FakeOpenId;
let h: TeamsHarness | undefined;
beforeAll(async () => {
  openid = await startFakeOpenId({ audience: CLIENT_ID });
});
afterAll(() => openid.stop());
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

const start = () => startTeamsApp({ auth: true, openid });

/** Everything a forged request could have changed: what the bot said, and every file of the data directory. */
async function footprint(h: TeamsHarness) {
  const files = (await readdir(h.dataDir, { recursive: true, withFileTypes: true })).filter((f) => f.isFile());
  const stored = await Promise.all(files.map(async (f) => [join(f.parentPath, f.name), await readFile(join(f.parentPath, f.name), 'utf8')]));
  return { said: h.connector.calls.length, stored: Object.fromEntries(stored) };
}

describe('Teams adapter with credentials', () => {
  it('accepts an activity with a valid Bot Framework token and answers with the bot token', async () => {
    h = await start();
    const c = h.connector;
    const res = await h.deliver(personalMessage({ serviceUrl: c.url, text: 'whoami' }), { token: h.tokenFor(c.url) });
    expect(res.status).toBe(200);
    const reply = c.posts(personalChat('alice')).at(-1)!;
    expect(visibleText(reply.body)).toContain('Alice Martin (@alice)');
    expect(reply.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
    expect(openid.keyFetches()).toBeGreaterThan(0);
  });

  it('answers 401 to a missing, forged, expired, misaddressed or replayed-elsewhere token, and changes nothing', async () => {
    h = await start();
    const c = h.connector;
    const url = c.url;
    const cases: Array<[string, string | null]> = [
      ['no token', null],
      ['not a JWT', 'definitely-not-a-jwt'],
      ['signed with another key', openid.token({ serviceUrl: url, foreignKey: true })],
      ['unknown key id', openid.token({ serviceUrl: url, kid: 'rotated-away' })],
      ['expired', openid.token({ serviceUrl: url, expiresIn: -600 })],
      ['for another bot', openid.token({ serviceUrl: url, audience: 'some-other-app' })],
      ['from another issuer', openid.token({ serviceUrl: url, issuer: 'https://evil.example' })],
      ['for another serviceUrl', openid.token({ serviceUrl: 'https://smba.trafficmanager.net/emea/' })],
    ];
    const before = await footprint(h);
    for (const [what, token] of cases) {
      const res = await h.deliver(channelMessage({ serviceUrl: url, text: `incident declare sev1 Forged ${what}` }), { token });
      expect(res.status, what).toBe(401);
    }
    expect(c.calls).toHaveLength(0);
    expect(await footprint(h)).toEqual(before);
    const deliveries = await fetch(`${h.app.url}/metrics`).then((r) => r.text());
    expect(deliveries).not.toMatch(/switchboard_commands_total\{[^}]*command="incident declare"/);

    // The same request with a valid token goes through: the 401s were the token, not the request.
    await h.deliver(botAddedToTeam({ serviceUrl: url }), { token: h.tokenFor(url) });
    const ok = await h.deliver(channelMessage({ serviceUrl: url, text: 'incident declare sev1 Real one' }), { token: h.tokenFor(url) });
    expect(ok.status).toBe(200);
    expect((await incidents(h)).map((i) => i.title)).toEqual(['Real one']);
    expect(roots(c)).toHaveLength(1);
  });

  it('answers 401 to a card click without a valid token: the page stays triggered and no card is edited', async () => {
    h = await start();
    const c = h.connector;
    const token = h.tokenFor(c.url);
    await h.deliver(personalMessage({ serviceUrl: c.url, from: 'bob', text: 'whoami' }), { token });
    await h.deliver(channelMessage({ serviceUrl: c.url, text: 'page @bob Disk 95% on db-2' }), { token });
    const dm = cardPost(c.posts(personalChat('bob')), '🚨 PAGE-1');
    const click = cardAction({ serviceUrl: c.url, from: 'bob', home: homeOf(dm, 'personal'), data: action(dm, 'Acknowledge').data });
    const before = await footprint(h);
    for (const forged of [null, openid.token({ serviceUrl: c.url, foreignKey: true })]) expect((await h.deliver(click, { token: forged })).status).toBe(401);
    expect(await footprint(h)).toEqual(before);
    expect((await pages(h))[0].status).toBe('triggered');
    expect((await h.deliver(click, { token })).status).toBe(200);
    expect((await pages(h))[0].status).toBe('acknowledged');
  });
});

describe('Teams settings', () => {
  it('refuses the unauthenticated demo mode together with credentials, and off loopback', async () => {
    expect(() => readTeamsSettings({ TEAMS_CLIENT_ID: 'x', TEAMS_CLIENT_SECRET: 'y', TEAMS_DEV_UNAUTHENTICATED: '1' })).toThrow(/cannot be used together with TEAMS_CLIENT_ID/);
    expect(() => readTeamsSettings({ TEAMS_DEV_UNAUTHENTICATED: 'true', HOST: '0.0.0.0' })).toThrow(/only allowed on a loopback HOST/);
    expect(() => readTeamsSettings({ TEAMS_CLIENT_ID: 'x' })).toThrow(/TEAMS_CLIENT_SECRET is not/);
    expect(() => readTeamsSettings({ TEAMS_DEV_UNAUTHENTICATED: '1', TEAMS_SERVICE_URL: 'not a url' })).toThrow(TeamsSettingsError);
    expect(readTeamsSettings({})).toBeUndefined();
    expect(readTeamsSettings({ TEAMS_DEV_UNAUTHENTICATED: '0' })).toBeUndefined();
    expect(readTeamsSettings({ TEAMS_DEV_UNAUTHENTICATED: '1', HOST: '127.0.0.1' })).toEqual({ mode: 'dev', serviceUrl: 'https://smba.trafficmanager.net/teams' });
    expect(readTeamsSettings({ TEAMS_CLIENT_ID: 'app', TEAMS_CLIENT_SECRET: 's', TEAMS_TENANT_ID: 't', TEAMS_SERVICE_URL: 'https://smba.trafficmanager.net/emea/' })).toEqual({
      mode: 'authenticated',
      clientId: 'app',
      clientSecret: 's',
      tenantId: 't',
      serviceUrl: 'https://smba.trafficmanager.net/emea',
    });
  });

  it('does not start the app at all when both are set', async () => {
    const start = createApp({
      config: exampleConfig(),
      env: { TEAMS_CLIENT_ID: CLIENT_ID, TEAMS_CLIENT_SECRET: 's', TEAMS_DEV_UNAUTHENTICATED: '1' },
      dataDir: await tempDir(),
      host: '127.0.0.1',
      port: 0,
      log: silentLogger,
      timers: false,
    });
    await expect(start).rejects.toThrow(TeamsSettingsError);
  });
});
