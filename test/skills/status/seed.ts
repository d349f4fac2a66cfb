// Seeded status history for the page tests: three months of tracked components, a monitor
// outage, a resolved incident with updates, and daily check counters — written with the
// skill's own schemas into a data dir before the bot starts, then one live incident on top.
import { openStore } from '../../../src/infra/store/index.js';
import {
  ComponentStateSchema,
  DailyChecksSchema,
  HistoryEventSchema,
  StatusIncidentSchema,
  type DailyChecks,
  type HistoryEvent,
} from '../../../src/skills/status/model.js';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { FakeClock } from '../../fakes/clock.js';
import { tempDir } from '../../helpers/tmp.js';
import { statusSection, withStatus } from './helpers.js';

export const NOW = '2026-11-21T09:00:00.000Z';

export async function seedHistory(dataDir: string): Promise<void> {
  const store = await openStore(dataDir);
  try {
    const components = await store.collection('status-components', { schema: ComponentStateSchema });
    for (const id of ['api', 'payments', 'switchboard']) await components.insert({ id, status: 'operational', holds: [], createdAt: '2026-07-01T00:00:00.000Z', updatedAt: '2026-11-15T12:00:00.000Z' });
    // The web shop joined the page in mid-October: its earlier days have no data.
    await components.insert({ id: 'web', status: 'operational', holds: [], createdAt: '2026-10-15T10:00:00.000Z', updatedAt: '2026-10-15T10:00:00.000Z' });

    const history = await store.collection('status-history', { schema: HistoryEventSchema, partition: (e) => e.at.slice(0, 7) });
    const events: Omit<HistoryEvent, 'id'>[] = [
      // A monitor outage: 1 h 30 m of major outage on 2 Nov.
      { componentId: 'api', from: 'operational', to: 'major_outage', at: '2026-11-02T14:00:00.000Z', reason: 'monitor', message: 'monitor api-health: HTTP 503' },
      { componentId: 'api', from: 'major_outage', to: 'operational', at: '2026-11-02T15:30:00.000Z', reason: 'monitor' },
      // INC-5: 4 h of partial outage on 10 Nov.
      { componentId: 'api', from: 'operational', to: 'partial_outage', at: '2026-11-10T08:00:00.000Z', reason: 'incident', incidentId: 'INC-5' },
      { componentId: 'api', from: 'partial_outage', to: 'operational', at: '2026-11-10T12:00:00.000Z', reason: 'incident', incidentId: 'INC-5' },
      // Two hours of degraded performance (no downtime) on 15 Nov.
      { componentId: 'api', from: 'operational', to: 'degraded_performance', at: '2026-11-15T10:00:00.000Z', reason: 'manual' },
      { componentId: 'api', from: 'degraded_performance', to: 'operational', at: '2026-11-15T12:00:00.000Z', reason: 'manual' },
    ];
    for (const [i, e] of events.entries()) await history.insert({ id: `SEED-${i + 1}`, ...e });

    const checks = await store.collection('status-checks', { schema: DailyChecksSchema, partition: (c) => c.day.slice(0, 7) });
    const rows: DailyChecks[] = [];
    for (let d = new Date('2026-08-24T12:00:00Z'); d.getTime() < Date.parse(NOW); d = new Date(d.getTime() + 86_400_000)) {
      const day = d.toISOString().slice(0, 10);
      const down = day === '2026-11-02' ? 92 : 0;
      rows.push({ id: `api-health:${day}`, monitorId: 'api-health', componentId: 'api', day, up: 1440 - down, down, totalMs: (1440 - down) * 40 + down * 5000, worst: down ? 'major_outage' : 'operational' });
    }
    for (const r of rows) await checks.insert(r);

    const incidents = await store.collection('status-incidents', { schema: StatusIncidentSchema, partition: (i) => (i.resolvedAt ? i.resolvedAt.slice(0, 7) : 'open') });
    await incidents.insert({
      id: 'INC-5',
      title: 'Orders API returning errors',
      severity: 'sev2',
      status: 'resolved',
      serviceId: 'api',
      componentIds: ['api'],
      private: false,
      declaredAt: '2026-11-10T08:00:00.000Z',
      updatedAt: '2026-11-10T12:00:00.000Z',
      monitoringAt: '2026-11-10T11:00:00.000Z',
      resolvedAt: '2026-11-10T12:00:00.000Z',
      updates: [
        { at: '2026-11-10T08:00:00.000Z', status: 'investigating', text: 'We are investigating this incident.' },
        { at: '2026-11-10T09:10:00.000Z', status: 'identified', text: 'A database failover left the order service on a read replica.' },
        { at: '2026-11-10T11:00:00.000Z', status: 'monitoring', text: 'Writes are back; we are watching error rates.' },
        { at: '2026-11-10T12:00:00.000Z', status: 'resolved', text: 'Error rates are back to normal.' },
      ],
    });
  } finally {
    await store.close();
  }
}

/** A running bot with the seeded history and one open incident on payments. */
export async function seededBot(): Promise<ConsoleHarness> {
  const dataDir = await tempDir();
  await seedHistory(dataDir);
  const clock = new FakeClock('2026-11-21T08:15:00Z');
  const h = await startConsoleApp({ config: withStatus(statusSection()), dataDir, clock });
  const by = { platform: 'console' as const, userId: 'erin', personId: 'erin', name: 'Erin Alvarez' };
  const base = { id: 'INC-9', title: 'Card payments delayed', severity: 'sev2' as const, serviceId: 'payments', teamId: 'payments', private: false, by };
  await h.app.deps.events.emit('incident.declared', { ...base, status: 'investigating', at: clock.now().toISOString() });
  clock.set('2026-11-21T08:40:00Z');
  await h.app.deps.events.emit('incident.updated', { ...base, status: 'identified', text: 'The card processor is answering slowly; payments queue and succeed late.', at: clock.now().toISOString() });
  clock.set(NOW);
  return h;
}
