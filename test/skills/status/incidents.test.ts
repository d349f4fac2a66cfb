// The incident skill's events as the status page sees them. The incident skill is built in
// parallel, so these tests emit its contract's events (domain-events.ts) on the real bus.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IncidentEvent } from '../../../src/core/domain-events.js';
import type { IncidentQueries, IncidentView } from '../../../src/core/queries.js';
import type { StatusReader } from '../../../src/skills/status/index.js';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { withoutPaging } from '../../helpers/config.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { record, statusSection, withStatus } from './helpers.js';

let h: ConsoleHarness;
beforeEach(async () => {
  h = await startConsoleApp({ config: withoutPaging(withStatus(statusSection())) });
  await h.say('in #ops status subscribe');
});
afterEach(async () => {
  await h.stop();
  await cleanupTempDirs();
});

const bob = { platform: 'console' as const, userId: 'bob', personId: 'bob', name: 'Bob Okafor' };
const inc = (over: Partial<IncidentEvent> = {}): IncidentEvent => ({
  id: 'INC-1',
  title: 'Checkout fails <script>alert(1)</script>',
  severity: 'sev2',
  status: 'investigating',
  serviceId: 'api',
  teamId: 'platform',
  private: false,
  by: bob,
  at: h.clock.now().toISOString(),
  ...over,
});
const statusOf = (id: string) => (h.app.deps.queries.get('status') as StatusReader).components().find((c) => c.id === id)?.status;
type Summary = { status: { indicator: string }; incidents: Array<{ id: string; name: string; status: string; impact: string; resolved_at: string | null; incident_updates: Array<{ status: string; body: string }>; components: Array<{ id: string }> }> };
const summary = async () => (await (await fetch(`${h.app.url}/api/status.json`)).json()) as Summary;
const page = async () => (await fetch(`${h.app.url}/status`)).text();
async function emit<K extends 'incident.declared' | 'incident.updated' | 'incident.severity_changed' | 'incident.resolved'>(name: K, payload: Parameters<typeof h.app.deps.events.emit<K>>[1]): Promise<string> {
  h.out.take();
  await h.app.deps.events.emit(name, payload);
  return h.out.take();
}

describe('status: incidents', () => {
  it('moves the component by severity, keeps the updates as history, and goes back on resolve', async () => {
    const rec = record(h.app.deps.events, 'status.component_changed');
    const declared = await emit('incident.declared', inc());
    expect(statusOf('api')).toBe('partial_outage');
    expect(rec['status.component_changed']).toMatchObject([{ componentId: 'api', from: 'operational', to: 'partial_outage', reason: 'incident', incidentId: 'INC-1' }]);
    expect(declared).toMatch(/── #ops · m1 ──[\s\S]*INC-1: Checkout fails <script>alert\(1\)<\/script>[\s\S]*Declared \(sev2\) by Bob Okafor: investigating\./);
    let s = await summary();
    expect(s.status.indicator).toBe('major');
    expect(s.incidents).toMatchObject([{ id: 'INC-1', status: 'investigating', impact: 'major', resolved_at: null, incident_updates: [{ status: 'investigating', body: 'We are investigating this incident.' }], components: [{ id: 'api' }] }]);

    h.clock.advance('10m');
    const updated = await emit('incident.updated', { ...inc({ status: 'identified' }), text: 'A bad deploy of the order service; rolling back.' });
    expect(updated).toMatch(/── #ops · m1 \(updated\) ──[\s\S]*Identified: A bad deploy/);
    expect(updated).not.toMatch(/· m2 ──/);
    h.clock.advance('5m');
    await emit('incident.severity_changed', { ...inc({ severity: 'sev1', status: 'identified' }), from: 'sev2' });
    expect(statusOf('api')).toBe('major_outage');
    s = await summary();
    expect(s.status.indicator).toBe('critical');
    expect(s.incidents[0].incident_updates.map((u) => u.status)).toEqual(['identified', 'investigating']);
    const html = await page();
    expect(html).toContain('Checkout fails &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toMatch(/<h2 id="open-title">Open incidents<\/h2>[\s\S]*A bad deploy of the order service; rolling back\./);

    h.clock.advance('20m');
    const resolved = await emit('incident.resolved', { ...inc({ severity: 'sev1', status: 'resolved' }), summary: 'Rolled back; orders flow again.' });
    expect(resolved).toMatch(/── #ops · m1 \(updated\) ──[\s\S]*✅ INC-1[\s\S]*Resolved: Rolled back; orders flow again\./);
    expect(statusOf('api')).toBe('operational');
    s = await summary();
    expect(s.incidents).toEqual([]);
    expect(s.status.indicator).toBe('none');
    // The page's history keeps the incident with every update.
    const after = await page();
    expect(after).toMatch(/Past incidents[\s\S]*Checkout fails &lt;script&gt;[\s\S]*Rolled back; orders flow again\.[\s\S]*A bad deploy of the order service/);
    expect(after).not.toContain('id="open-title"');
  });

  it('leaves the component down on resolve while something else holds it', async () => {
    await emit('incident.declared', inc({ severity: 'sev3' }));
    expect(statusOf('api')).toBe('degraded_performance');
    await h.say('status set api partial_outage "Still shedding load"');
    expect(statusOf('api')).toBe('partial_outage');
    await emit('incident.resolved', inc({ severity: 'sev3', status: 'resolved' }));
    expect(statusOf('api')).toBe('partial_outage');
    expect(await h.say('status set api operational')).toMatch(/Public API: Operational/);
    expect(statusOf('api')).toBe('operational');
  });

  it('acts once on a repeated event, also when it comes late', async () => {
    const event = inc();
    const first = await emit('incident.declared', event);
    h.clock.advance('2m');
    const again = await emit('incident.declared', event);
    expect(first).toMatch(/· m1 ──/);
    expect(again).not.toMatch(/· m2 ──/);
    expect(again.match(/Declared \(sev2\)/g)).toHaveLength(1);
    expect((await summary()).incidents[0].incident_updates).toHaveLength(1);
  });

  it('does not name a private incident in an outage message', async () => {
    await h.say('status set api degraded_performance "Slow responses"');
    const out = await emit('incident.declared', inc({ id: 'INC-2', title: 'Credential leak', private: true, severity: 'sev1' }));
    expect(out).toMatch(/── #ops · m1 \(updated\) ──[\s\S]*Public API is Major outage \(an incident\)\./);
    expect(out).not.toMatch(/INC-2|Credential leak/);
  });

  it('keeps private incidents and internal services off the page and out of subscriber channels', async () => {
    const secret = await emit('incident.declared', inc({ id: 'INC-2', title: 'Credential leak', private: true, severity: 'sev1' }));
    expect(secret).toBe('');
    expect(statusOf('api')).toBe('major_outage'); // the component is honestly down…
    const s = await summary();
    expect(s.incidents).toEqual([]); // …but the incident is not published
    expect(await page()).not.toContain('Credential leak');
    expect(await emit('incident.declared', inc({ id: 'INC-3', title: 'Backups late', serviceId: 'backups', severity: 'sev3' }))).toBe('');
    expect((await summary()).incidents).toEqual([]);
    // sev4 is published (impact none) but moves nothing.
    await emit('incident.declared', inc({ id: 'INC-4', title: 'Typo on the status page', serviceId: 'web', severity: 'sev4' }));
    expect(statusOf('web')).toBe('operational');
    expect((await summary()).incidents).toMatchObject([{ id: 'INC-4', impact: 'none' }]);
    await emit('incident.resolved', inc({ id: 'INC-2', title: 'Credential leak', private: true, severity: 'sev1', status: 'resolved' }));
    expect(statusOf('api')).toBe('operational');
  });

  it('picks up incidents it missed from the incident skill’s queries', async () => {
    const view = (over: Partial<IncidentView>): IncidentView => ({ id: 'INC-7', title: 'Payments timing out', severity: 'sev1', status: 'identified', serviceId: 'payments', private: false, declaredAt: '2026-11-21T08:30:00.000Z', channels: [], members: [], ...over });
    let incidents = [view({})];
    const fake: IncidentQueries = {
      get: (id) => incidents.find((i) => i.id === id),
      open: () => incidents.filter((i) => i.status !== 'resolved'),
      resolvedBetween: () => [],
      byChannel: () => undefined,
    };
    // The real incident skill provides `incidents` too; stand in for it with what it would answer.
    const realGet = h.app.deps.queries.get.bind(h.app.deps.queries);
    vi.spyOn(h.app.deps.queries, 'get').mockImplementation(((name: string) => (name === 'incidents' ? fake : realGet(name as never))) as typeof realGet);
    const reconcile = async () => {
      await h.app.scheduler.schedule({ kind: 'status.reconcile', key: 'status.reconcile', due: h.clock.now() });
      await h.app.scheduler.tick();
    };
    await reconcile();
    expect(statusOf('payments')).toBe('major_outage');
    expect((await summary()).incidents).toMatchObject([{ id: 'INC-7', name: 'Payments timing out', status: 'identified' }]);
    incidents = [view({ status: 'resolved', resolvedAt: '2026-11-21T09:00:00.000Z' })];
    await reconcile();
    expect(statusOf('payments')).toBe('operational');
    expect((await summary()).incidents).toEqual([]);
  });
});
