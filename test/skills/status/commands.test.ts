// The status commands as a person types them: answers, refusals, audit, and the 90-day prune.
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/infra/store/index.js';
import { DailyChecksSchema, HistoryEventSchema, StatusIncidentSchema } from '../../../src/skills/status/model.js';
import type { StatusReader } from '../../../src/skills/status/index.js';
import { FakeClock } from '../../fakes/clock.js';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs, tempDir } from '../../helpers/tmp.js';
import { statusSection, withStatus } from './helpers.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

describe('status commands', () => {
  it('answers `status` with every component by group, and `status <component>` with its detail', async () => {
    h = await startConsoleApp({ config: withStatus(statusSection()) });
    const all = await h.say('status');
    expect(all).toMatch(/^Northwind status: All Systems Operational\nCustomer-facing\nPublic API: 🟢 Operational\nWeb shop: 🟢 Operational\nPayments: 🟢 Operational\nInternal\nSwitchboard bot: 🟢 Operational\n {2}\[Status page\] → http:\/\/127\.0\.0\.1:\d+\/status/);
    await h.say('status set web degraded_performance "Slow search"');
    const one = await h.say('status web');
    expect(one).toMatch(/^Web shop: Degraded performance\nStatus: 🟡 Degraded performance\nSince: Sat 21 Nov 10:00 GMT\+1\nUptime \(90 days\): no data\nGroup: Customer-facing\nHeld by\n🟡 Degraded performance — manual: Slow search/);
    expect(await h.say('status Web')).toContain('Web shop: Degraded performance'); // ids are case-insensitive
    expect(await h.say('status nope')).toMatch(/⚠️ Unknown component "nope"\. Components: api, web, payments, switchboard\.\nUsage: status \[component\]/);
    expect(await h.say('help status')).toMatch(/status set <component>[\s\S]*status maintenance[\s\S]*status subscribe/);
    expect(await h.say('help')).toMatch(/status/);
  });

  it('says what else holds a component and changes nothing when the set would not', async () => {
    h = await startConsoleApp({ config: withStatus(statusSection()) });
    await h.app.deps.events.emit('incident.declared', { id: 'INC-1', title: 'API down', severity: 'sev1', status: 'investigating', serviceId: 'api', private: false, by: { platform: 'console', userId: 'bob', name: 'Bob' }, at: h.clock.now().toISOString() });
    expect(await h.say('status set api operational')).toMatch(/Public API has no status set by hand; nothing changed\. It shows Major outage, held by incident INC-1 \(Major outage\): it comes back when they end\./);
    expect(await h.say('status set api degraded_performance "Recovering"')).toMatch(/Public API: Degraded performance — Recovering\. It shows \*?\*?Major outage\*?\*?: still held by incident INC-1/);
    expect(await h.say('status set api degraded_performance "Recovering"')).toMatch(/already Degraded performance; nothing changed/);
    expect(await h.say('status set web operational')).toMatch(/Web shop is already Operational; nothing changed\./);
    expect(await h.say('status set api down')).toMatch(/<status>: expected one of operational, degraded_performance, partial_outage, major_outage, under_maintenance, got "down"/);
    expect(await h.say('status set')).toMatch(/Missing <component>/);
    expect(await h.say('status end nope')).toMatch(/<id>: "nope" is not valid here/);
    expect(await h.say('as erin status set api operational')).toMatch(/You can't do that/);
    const audit = h.app.deps.audit.entries('api').map((e) => [e.action, e.actor.personId, e.details?.status]);
    expect(audit).toEqual([['status.set', 'alice', 'degraded_performance']]);
  });

  it('shows an empty page, not an error, when the config has no status section', async () => {
    h = await startConsoleApp({ config: `people: [{ id: alice, name: Alice }]\npermissions: { admins: [alice] }\n` });
    const res = await fetch(`${h.app.url}/status`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('No components are configured.');
    expect(await h.say('status')).toContain('No components yet');
    expect(await h.say('status set api operational')).toMatch(/There are no status components/);
  });

  it('prunes history, check counters and incidents older than 90 days every night', async () => {
    const dataDir = await tempDir();
    const store = await openStore(dataDir);
    const checks = await store.collection('status-checks', { schema: DailyChecksSchema, partition: (c) => c.day.slice(0, 7) });
    const history = await store.collection('status-history', { schema: HistoryEventSchema, partition: (e) => e.at.slice(0, 7) });
    const incidents = await store.collection('status-incidents', { schema: StatusIncidentSchema, partition: (i) => (i.resolvedAt ? i.resolvedAt.slice(0, 7) : 'open') });
    for (const day of ['2026-08-01', '2026-08-20', '2026-08-25', '2026-11-20']) await checks.insert({ id: `m:${day}`, monitorId: 'm', componentId: 'api', day, up: 1, down: 0, totalMs: 5, worst: 'operational' });
    await history.insert({ id: 'old', componentId: 'api', from: 'operational', to: 'major_outage', at: '2026-08-01T10:00:00.000Z', reason: 'manual' });
    await history.insert({ id: 'old-back', componentId: 'api', from: 'major_outage', to: 'operational', at: '2026-08-01T11:00:00.000Z', reason: 'manual' });
    await history.insert({ id: 'web-last', componentId: 'web', from: 'operational', to: 'degraded_performance', at: '2026-08-01T11:00:00.000Z', reason: 'manual' });
    const resolved = (id: string, at: string) => ({ id, title: id, severity: 'sev3' as const, status: 'resolved' as const, componentIds: [], private: false, declaredAt: at, updatedAt: at, resolvedAt: at, updates: [] });
    await incidents.insert(resolved('INC-1', '2026-08-01T12:00:00.000Z'));
    await incidents.insert(resolved('INC-2', '2026-11-01T12:00:00.000Z'));
    await store.close();

    h = await startConsoleApp({ config: withStatus(statusSection()), dataDir, clock: new FakeClock('2026-11-21T09:00:00Z') });
    const r = h.app.deps.queries.get('status') as StatusReader;
    expect(r.runner.daily.size).toBe(4);
    await h.advance('18h'); // past 03:41 in Berlin on 22 Nov: the bars then start on 24 Aug
    expect(r.runner.daily.all().map((c) => c.day)).toEqual(['2026-08-25', '2026-11-20']);
    // Each component's latest change stays: it still says what the status has been since.
    expect(r.book.history.all().map((e) => e.id)).toEqual(['old-back', 'web-last']);
    expect(r.incidents.col.all().map((i) => i.id)).toEqual(['INC-2']);
  });
});
