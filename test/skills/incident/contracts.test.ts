// The incident skill's contracts with the other skills: the incident.* events it emits
// (after the change is stored), the `incidents` queries it provides, and what it consumes —
// the on-call's first responders, change history, page acknowledgements — from small fakes.
// Private incidents stay private in lists, commands and over HTTP.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DomainEvents } from '../../../src/core/domain-events.js';
import type { ChangeView, OnCallQueries, Queries } from '../../../src/core/queries.js';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { stored } from './helpers.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

/** Serves fakes for the named views and the real registry for the rest (works before and after other skills merge). */
function fakeQueries(app: ConsoleHarness['app'], fakes: Partial<Queries>): void {
  const registry = app.deps.queries;
  const real = registry.get.bind(registry);
  vi.spyOn(registry, 'get').mockImplementation(((name: keyof Queries) => (name in fakes ? fakes[name] : real(name))) as typeof registry.get);
}

describe('events the incident skill emits', () => {
  it('emits incident.declared / updated / severity_changed / resolved after storing each change', async () => {
    h = await startConsoleApp();
    const seen: Array<{ name: string; payload: unknown; storedStatus?: string; storedSeverity?: string }> = [];
    const names = ['incident.declared', 'incident.updated', 'incident.severity_changed', 'incident.resolved'] as const;
    for (const name of names) {
      h.app.deps.events.on(name, (payload: DomainEvents[typeof name]) => {
        const view = h!.app.deps.queries.get('incidents')!.get(payload.id);
        seen.push({ name, payload, storedStatus: view?.status, storedSeverity: view?.severity });
      });
    }
    await h.say('incident declare sev3 "Search is slow" service:api');
    await h.advance('4m');
    await h.say('incident update INC-1 identified Index rebuild running');
    await h.say('incident severity INC-1 sev2');
    await h.advance('6m');
    await h.say('incident resolve INC-1 Index rebuilt');
    const alice = { platform: 'console', userId: 'alice', personId: 'alice', name: 'Alice Martin' };
    const common = { id: 'INC-1', title: 'Search is slow', serviceId: 'api', teamId: 'platform', private: false, by: alice };
    expect(seen).toEqual([
      { name: 'incident.declared', payload: { ...common, severity: 'sev3', status: 'investigating', at: '2026-11-21T09:00:00.000Z' }, storedStatus: 'investigating', storedSeverity: 'sev3' },
      { name: 'incident.updated', payload: { ...common, severity: 'sev3', status: 'identified', text: 'Index rebuild running', at: '2026-11-21T09:04:00.000Z' }, storedStatus: 'identified', storedSeverity: 'sev3' },
      { name: 'incident.severity_changed', payload: { ...common, severity: 'sev2', status: 'identified', from: 'sev3', at: '2026-11-21T09:04:00.000Z' }, storedStatus: 'identified', storedSeverity: 'sev2' },
      { name: 'incident.resolved', payload: { ...common, severity: 'sev2', status: 'resolved', summary: 'Index rebuilt', at: '2026-11-21T09:10:00.000Z' }, storedStatus: 'resolved', storedSeverity: 'sev2' },
    ]);
  });
});

describe('what the incident skill consumes', () => {
  it("invites the service's first responders from the on-call view", async () => {
    h = await startConsoleApp();
    const firstResponders = vi.fn((serviceId: string) => (serviceId === 'api' ? ['carol', 'frank'] : []));
    fakeQueries(h.app, { oncall: { firstResponders, onCall: () => undefined, handoffs: () => [], pages: () => [] } satisfies OnCallQueries });
    const out = await h.say('incident declare sev2 "API 5xx" service:api');
    expect(firstResponders).toHaveBeenCalledWith('api', h.clock.now());
    expect(out).toContain('── #inc-1-api-5xx: invited @alice, @carol, @frank ──');
    expect((await stored(h.dataDir, 'INC-1')).members).toEqual(['alice', 'carol', 'frank']);
    expect(h.app.deps.queries.get('incidents')!.get('inc-1')!.members).toEqual(['alice', 'carol', 'frank']);
    await h.say('incident declare sev3 "Slow pages"');
    expect(firstResponders).toHaveBeenCalledTimes(1);
  });

  it('records page acknowledgements (time to acknowledge), once per page', async () => {
    h = await startConsoleApp();
    await h.say('incident declare sev1 "Payments down" service:payments');
    h.clock.advance('7m');
    const ack: DomainEvents['page.acknowledged'] = { id: 'PAGE-4', summary: 'INC-1', severity: 1, status: 'acknowledged', incidentId: 'INC-1', by: { platform: 'slack', userId: 'U01DAVE001', personId: 'dave', name: 'Dave Kowalski' }, at: h.clock.now().toISOString() };
    h.out.take();
    await h.app.deps.events.emit('page.acknowledged', ack);
    expect(h.out.take()).toContain('PAGE-4 acknowledged by Dave Kowalski — Dave Kowalski (slack)');
    await h.app.deps.events.emit('page.acknowledged', { ...ack, at: new Date(h.clock.now().getTime() + 60_000).toISOString() });
    await h.app.deps.events.emit('page.acknowledged', { ...ack, incidentId: undefined, id: 'PAGE-5' });
    await h.app.deps.events.emit('page.acknowledged', { ...ack, incidentId: 'INC-404', id: 'PAGE-6' });
    const rec = await stored(h.dataDir, 'INC-1');
    expect(rec.acknowledgedAt).toBe('2026-11-21T09:07:00.000Z');
    expect(rec.timeline.filter((e) => e.kind === 'acknowledged')).toHaveLength(1);
    expect(h.app.deps.queries.get('incidents')!.get('INC-1')!.acknowledgedAt).toBe('2026-11-21T09:07:00.000Z');
    expect(await h.say('incident show INC-1')).toContain('Time to acknowledge: 7m');
  });

  it('lists changes on the same service in the 24 h before as contributing', async () => {
    h = await startConsoleApp();
    const change = (id: string, over: Partial<ChangeView>): ChangeView => ({ id, title: `change ${id}`, risk: 'low', type: 'normal', state: 'completed', serviceId: 'web', start: '2026-11-21T07:00:00.000Z', end: '2026-11-21T07:30:00.000Z', requestedBy: 'bob', approvedBy: ['alice'], approvalsNeeded: 1, ...over });
    const inWindow = vi.fn(() => [
      change('CHG-3', { title: 'Deploy web 4.2 | hotfix', start: '2026-11-21T08:10:00.000Z', end: '2026-11-21T08:40:00.000Z' }),
      change('CHG-1', { risk: 'high' }),
      change('CHG-2', { serviceId: 'api' }),
      change('CHG-4', { state: 'cancelled' }),
    ]);
    fakeQueries(h.app, { changes: { inWindow, get: () => undefined, pending: () => [], freezesAt: () => [] } });
    await h.say('incident declare sev2 "Checkout fails" service:web');
    const res = await fetch(`${h.app.url}/incidents/INC-1/postmortem.md`);
    const md = await res.text();
    expect(inWindow).toHaveBeenCalledWith(new Date('2026-11-20T09:00:00.000Z'), new Date('2026-11-21T09:00:00.000Z'));
    const section = md.slice(md.indexOf('## Contributing changes'), md.indexOf('## Action items'));
    expect(section).toContain('| CHG-1 | change CHG-1 | high | completed | 2026-11-21 08:00 GMT+1 – 2026-11-21 08:30 GMT+1 |');
    expect(section).toContain('| CHG-3 | Deploy web 4.2 \\| hotfix | low | completed |');
    expect(section.indexOf('CHG-1')).toBeLessThan(section.indexOf('CHG-3'));
    expect(section).not.toContain('CHG-2');
    expect(section).not.toContain('CHG-4');
    expect(md).toContain('> **Draft:** INC-1 is still investigating');
  });
});

describe('the incidents queries', () => {
  it('get, open (most severe first), resolvedBetween and byChannel', async () => {
    h = await startConsoleApp();
    await h.say('incident declare sev3 "Slow search" service:api');
    await h.say('incident declare sev1 "Payments down" service:payments');
    await h.say('incident declare sev2 "Checkout errors" service:web');
    h.clock.advance('30m');
    await h.say('incident resolve INC-3 Fixed');
    const q = h.app.deps.queries.get('incidents')!;
    expect(q.open().map((i) => i.id)).toEqual(['INC-2', 'INC-1']);
    expect(q.get('inc-2')).toMatchObject({ id: 'INC-2', severity: 'sev1', status: 'investigating', serviceId: 'payments', teamId: 'payments', private: false, channels: [{ platform: 'console', id: '#inc-2-payments-down' }] });
    expect(q.resolvedBetween(new Date('2026-11-21T09:00:00Z'), new Date('2026-11-21T10:00:00Z')).map((i) => i.id)).toEqual(['INC-3']);
    expect(q.resolvedBetween(new Date('2026-11-21T09:31:00Z'), new Date('2026-11-21T10:00:00Z'))).toEqual([]);
    expect(q.byChannel({ platform: 'console', id: '#inc-1-slow-search' })?.id).toBe('INC-1');
    expect(q.byChannel({ platform: 'console', id: '#console' })).toBeUndefined();
    expect(q.get('INC-9')).toBeUndefined();
  });
});

describe('private incidents', () => {
  it('get a private channel, no announcement, and stay hidden from people outside them', async () => {
    h = await startConsoleApp();
    const declared = await h.say('as bob incident declare sev2 "Payroll data exposed" service:backups private');
    expect(declared).toContain('── created private channel #inc-1-payroll-data-exposed');
    expect(declared).not.toContain('#platform-incidents');
    expect(declared).toContain('Declared INC-1 · sev2 Major · private');
    const events: string[] = [];
    h.app.deps.events.on('incident.updated', (e) => void events.push(`${e.id}:${e.private}`));

    // Dave is not in it: the incident does not exist for him, in lists or by id.
    expect(await h.say('as dave incident list')).toContain('No open incidents');
    expect(await h.say('as dave incident show INC-1')).toContain('There is no incident INC-1.');
    expect(await h.say('as dave incident note INC-1 peeking')).toContain('There is no incident INC-1.');
    // Bob declared it, Alice is an admin, and whoever speaks in its channel is in it.
    expect(await h.say('as bob incident list')).toContain('INC-1 sev2 · investigating · Payroll data exposed 🔒');
    expect(await h.say('incident show INC-1')).toContain('Visibility: private');
    const update = await h.say('as dave in #inc-1-payroll-data-exposed incident update identified Bucket made public by mistake');
    expect(update).toContain('📣 INC-1 is identified');
    expect(update).not.toContain('#platform-incidents');
    expect(events).toEqual(['INC-1:true']);

    // Never over HTTP.
    const res = await fetch(`${h.app.url}/incidents/INC-1/postmortem.md`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not found' });
    expect(await h.say('as bob incident postmortem INC-1')).toContain('It is private, so it is not served over HTTP.');
  });
});
