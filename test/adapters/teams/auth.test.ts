// With credentials set, the Teams SDK validates every inbound JWT (RS256, Bot Framework issuer,
// our app id as audience, the activity's serviceUrl) against the OpenID keys — here a local fake
// serving this test's own key. A request without a valid token gets 401 and changes nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readTeamsSettings, TeamsSettingsError } from '../../../src/adapters/teams/settings.js';
import { channelMessage, personalChat, personalMessage } from '../../fakes/teams/activities.js';
import { visibleText } from '../../fakes/teams/connector.js';
import { startFakeOpenId, type FakeOpenId } from '../../fakes/teams/openid.js';
import { CLIENT_ID, OUTBOUND_TOKEN, startTeamsApp, type TeamsHarness } from '../../helpers/teams-app.js';
import { cleanupTempDirs, tempDir } from '../../helpers/tmp.js';
import { createApp } from '../../../src/app.js';
import { silentLogger } from '../../../src/infra/logger.js';
import { exampleConfig } from '../../helpers/config.js';
import { createStandInSkills, IncidentSchema } from './stand-in-skills.js';

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

const start = () => startTeamsApp({ auth: true, openid, skills: createStandInSkills });

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
    for (const [what, token] of cases) {
      const res = await h.deliver(channelMessage({ serviceUrl: url, text: `incident declare sev1 Forged ${what}` }), { token });
      expect(res.status, what).toBe(401);
    }
    expect(c.calls).toHaveLength(0);
    expect((await h.app.store.collection('standin-incidents', { schema: IncidentSchema })).size).toBe(0);
    const deliveries = await fetch(`${h.app.url}/metrics`).then((r) => r.text());
    expect(deliveries).not.toMatch(/switchboard_commands_total\{[^}]*command="incident declare"/);

    // The same request with a valid token goes through: the 401s were the token, not the request.
    const ok = await h.deliver(channelMessage({ serviceUrl: url, text: 'incident declare sev1 Real one' }), { token: h.tokenFor(url) });
    expect(ok.status).toBe(200);
    expect((await h.app.store.collection('standin-incidents', { schema: IncidentSchema })).all().map((i) => i.title)).toEqual(['Real one']);
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
