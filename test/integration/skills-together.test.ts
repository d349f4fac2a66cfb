// The skills wired together through events and queries, as in production: an incident moves
// its service's status component, a change on the service shows up in the postmortem, an
// emergency change needs a real open incident.
import { afterEach, describe, expect, it } from 'vitest';
import { startConsoleApp, type ConsoleHarness } from '../helpers/console-app.js';
import { cleanupTempDirs } from '../helpers/tmp.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

const component = async (url: string, id: string) => {
  const body = (await (await fetch(`${url}/api/status.json`)).json()) as { components: Array<{ id: string; status: string }> };
  return body.components.find((c) => c.id === id)?.status;
};

describe('incident, status and change skills together', () => {
  it('a sev1 on the API takes its component down, the page lists it, resolve brings it back', async () => {
    h = await startConsoleApp();
    expect(await component(h.app.url, 'api')).toBe('operational');
    const out = await h.say('incident declare sev1 "API returns 502s" service:api');
    expect(out).toContain('INC-1');
    expect(await component(h.app.url, 'api')).toBe('major_outage');
    const page = await (await fetch(`${h.app.url}/status`)).text();
    expect(page).toContain('API returns 502s');
    await h.say('incident resolve INC-1 "Rolled back the bad deploy"');
    expect(await component(h.app.url, 'api')).toBe('operational');
  });

  it('a change completed on the service before an incident is in its postmortem', async () => {
    h = await startConsoleApp();
    expect(await h.say('change request "Bump API pool size" risk:low start:+5m end:+35m service:api')).toContain('CHG-1');
    await h.say('as bob change approve CHG-1');
    h.clock.advance('10m');
    await h.say('change start CHG-1');
    await h.say('change complete CHG-1');
    h.clock.advance('2h');
    await h.say('incident declare sev2 "Checkout slow" service:api');
    await h.say('incident resolve INC-1 "pool size reverted"');
    const pm = await (await fetch(`${h.app.url}/incidents/INC-1/postmortem.md`)).text();
    expect(pm).toContain('CHG-1');
    expect(pm).toContain('Bump API pool size');
  });

  it('an emergency change needs a real open incident', async () => {
    h = await startConsoleApp();
    expect(await h.say('change request "Hotfix" risk:high type:emergency start:now end:+1h service:api incident:INC-1')).toMatch(/INC-1/);
    expect(h.app.deps.queries.get('changes')?.get('CHG-1')).toBeUndefined();
    await h.say('incident declare sev2 "Checkout slow" service:api');
    expect(await h.say('change request "Hotfix" risk:high type:emergency start:now end:+1h service:api incident:INC-1')).toContain('CHG-1');
    expect(h.app.deps.queries.get('changes')?.get('CHG-1')?.state).toBe('approved');
    await h.say('incident resolve INC-1 fixed');
    expect(await h.say('change request "Hotfix 2" risk:high type:emergency start:now end:+1h service:api incident:INC-1')).toMatch(/resolved|not open/i);
  });

  it('a sev1 pages the service on-call, and acknowledging the page acknowledges the incident', async () => {
    h = await startConsoleApp();
    const out = await h.say('incident declare sev1 "Payments down" service:payments');
    expect(out).toMatch(/DM to @(dave|erin|frank)/);
    const page = h.app.deps.queries.get('oncall')?.pages({ incidentId: 'INC-1' })[0];
    expect(page).toMatchObject({ status: 'triggered', incidentId: 'INC-1', serviceId: 'payments' });
    h.clock.advance('2m');
    await h.say(`as dave page ack ${page!.id}`);
    expect(h.app.deps.queries.get('oncall')?.pages({ incidentId: 'INC-1' })[0].status).toBe('acknowledged');
    expect(h.app.deps.queries.get('incidents')?.get('INC-1')?.acknowledgedAt).toBe(h.clock.now().toISOString());
    await h.say('incident resolve INC-1 "failover done"');
    expect(h.app.deps.queries.get('oncall')?.pages({ incidentId: 'INC-1' })[0].status).toBe('resolved');
  });
});
