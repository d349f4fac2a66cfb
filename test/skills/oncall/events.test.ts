// The events the on-call skill consumes (incidents, page requests) and the queries it
// provides, checked with a small fake incidents view where the incident skill is absent.
import { describe, expect, it } from 'vitest';
import type { IncidentEvent } from '../../../src/core/domain-events.js';
import type { DomainEvents } from '../../../src/core/events.js';
import type { IncidentQueries } from '../../../src/core/queries.js';
import { consoleApps, dmsTo, ONCALL_CONFIG, oncallSkill } from './fixtures.js';

const apps = consoleApps();

const by = { platform: 'console' as const, userId: 'alice', personId: 'alice', name: 'Alice' };
const incident = (id: string, severity: IncidentEvent['severity'], extra: Partial<IncidentEvent> = {}): IncidentEvent => ({
  id,
  title: 'Payments API down',
  severity,
  status: 'investigating',
  serviceId: 'api',
  private: false,
  by,
  at: '2026-11-21T09:00:00.000Z',
  ...extra,
});

async function start() {
  const x = await apps.start({ config: ONCALL_CONFIG() });
  const seen: Array<[string, DomainEvents['page.triggered']]> = [];
  for (const name of ['page.triggered', 'page.acknowledged', 'page.resolved'] as const) x.app.deps.events.on(name, (e) => void seen.push([name, e]));
  return { x, seen, pages: () => oncallSkill(x).parts().engine.pages.all() };
}

describe('incident events', () => {
  it('a sev1 incident pages its service\'s policy once, into the incident channel, with the incident id', async () => {
    const { x, seen, pages } = await start();
    // Once the incident skill is merged it provides the real view; until then a fake stands in.
    const fakeIncidents = !x.app.deps.queries.get('incidents');
    if (fakeIncidents) {
      const fake: IncidentQueries = {
        get: (id) => (id === 'INC-7' ? { id, title: 't', severity: 'sev1', status: 'investigating', private: false, declaredAt: '', channels: [{ platform: 'console', id: '#inc-7-payments' }], members: [] } : undefined),
        open: () => [],
        resolvedBetween: () => [],
        byChannel: () => undefined,
      };
      x.app.deps.queries.provide('incidents', fake);
    }
    x.out.take();
    await x.app.deps.events.emit('incident.declared', incident('INC-7', 'sev1'));
    await x.app.deps.events.emit('incident.severity_changed', { ...incident('INC-7', 'sev1'), from: 'sev2' });
    const out = x.out.take();
    expect(dmsTo(out, 'bob')).toBe(1);
    expect(pages()).toHaveLength(1);
    expect(pages()[0]).toMatchObject({ incidentId: 'INC-7', severity: 1, source: 'incident', summary: 'INC-7: Payments API down', target: 'service:api' });
    if (fakeIncidents) expect(out).toMatch(/── #inc-7-payments · m\d+ ──\n🚨 PAGE-1/);
    expect(seen.map(([n, e]) => `${n} ${e.id} ${e.incidentId}`)).toEqual(['page.triggered PAGE-1 INC-7']);
  });

  it('sev3 and sev4 do not page; an upgrade to sev2 pages once; a private incident keeps its title out', async () => {
    const { x, pages } = await start();
    await x.app.deps.events.emit('incident.declared', incident('INC-8', 'sev3'));
    expect(pages()).toHaveLength(0);
    await x.app.deps.events.emit('incident.severity_changed', { ...incident('INC-8', 'sev2'), from: 'sev3' });
    await x.app.deps.events.emit('incident.severity_changed', { ...incident('INC-8', 'sev1'), from: 'sev2' });
    expect(pages().map((p) => [p.incidentId, p.severity])).toEqual([['INC-8', 2]]);
    await x.app.deps.events.emit('incident.declared', incident('INC-9', 'sev1', { private: true, title: 'Secret merger leak' }));
    expect(pages()[1].summary).toBe('INC-9: a private sev1 incident');
    await x.app.deps.events.emit('incident.declared', incident('INC-10', 'sev1', { serviceId: 'docs' }));
    expect(pages()).toHaveLength(2);
  });

  it('a resolved incident resolves its open pages', async () => {
    const { x, seen, pages } = await start();
    await x.app.deps.events.emit('incident.declared', incident('INC-7', 'sev2'));
    await x.app.deps.events.emit('incident.resolved', { ...incident('INC-7', 'sev2'), status: 'resolved' });
    expect(pages()[0]).toMatchObject({ status: 'resolved', resolvedBy: { personId: 'alice' } });
    expect(pages()[0].timeline.at(-1)?.text).toBe('Resolved by @alice (incident INC-7 resolved).');
    expect(seen.map(([n]) => n)).toEqual(['page.triggered', 'page.resolved']);
    expect(dmsTo(await x.advance('1h'), 'alice')).toBe(0);
  });
});

describe('page.requested', () => {
  it('pages the named target; a repeat with the same dedup key only notes it on the open page', async () => {
    const { x, pages } = await start();
    const req = { summary: 'api health check failing', severity: 2 as const, source: 'monitor api-health', serviceId: 'api', dedupKey: 'monitor:api-health', at: '2026-11-21T09:00:00.000Z' };
    await x.app.deps.events.emit('page.requested', req);
    await x.app.deps.events.emit('page.requested', req);
    expect(pages()).toHaveLength(1);
    expect(pages()[0]).toMatchObject({ dedupKey: 'monitor:api-health', source: 'monitor api-health', target: 'service:api' });
    expect(pages()[0].timeline.filter((e) => e.kind === 'repeated')).toHaveLength(1);
    await x.app.deps.events.emit('page.requested', { ...req, serviceId: undefined, scheduleId: 'primary', dedupKey: undefined });
    await x.app.deps.events.emit('page.requested', { ...req, serviceId: undefined, personId: 'carol', dedupKey: undefined });
    await x.app.deps.events.emit('page.requested', { ...req, serviceId: undefined, policyId: 'default', dedupKey: undefined });
    await x.app.deps.events.emit('page.requested', { ...req, serviceId: 'nope', dedupKey: undefined });
    expect(pages().map((p) => p.target)).toEqual(['service:api', 'schedule:primary', 'person:carol', 'policy:default']);
  });
});

describe('the oncall queries', () => {
  it('answer who is on call, first responders, handoffs and pages', async () => {
    const { x } = await start();
    const q = x.app.deps.queries.get('oncall')!;
    const now = new Date('2026-11-21T09:00:00Z');
    expect(q.onCall('primary', now)).toEqual({ scheduleId: 'primary', personId: 'bob', start: new Date('2026-11-21T08:00:00Z'), end: new Date('2026-11-22T08:00:00Z') });
    expect(q.onCall('nope', now)).toBeUndefined();
    expect(q.firstResponders('api', now)).toEqual(['bob']);
    expect(q.firstResponders('docs', now)).toEqual([]);
    expect(q.handoffs(new Date('2026-11-21T00:00:00Z'), new Date('2026-11-23T12:00:00Z'))).toEqual([
      { scheduleId: 'primary', at: new Date('2026-11-21T08:00:00Z'), from: undefined, to: 'bob' },
      { scheduleId: 'primary', at: new Date('2026-11-22T08:00:00Z'), from: 'bob', to: 'carol' },
      { scheduleId: 'primary', at: new Date('2026-11-23T08:00:00Z'), from: 'carol', to: 'bob' },
    ]);
    await x.say('page api one');
    await x.say('page api two');
    await x.say('as bob page ack PAGE-2');
    expect(q.pages().map((p) => p.id)).toEqual(['PAGE-2', 'PAGE-1']);
    expect(q.pages({ status: 'acknowledged' })).toEqual([expect.objectContaining({ id: 'PAGE-2', acknowledgedBy: 'bob', status: 'acknowledged' })]);
  });
});
