// Incidents for the emergency-change tests. The incident skill is built in parallel: when it
// is not in this build, a small fake provides the `incidents` view (the contract in
// core/queries.ts); when it is, real incidents are declared and resolved with its commands.
import type { IncidentView } from '../../../src/core/queries.js';
import type { ConsoleHarness } from '../../helpers/console-app.js';

const view = (id: string, status: IncidentView['status']): IncidentView => ({
  id,
  title: `Payments failing (${id})`,
  severity: 'sev2',
  status,
  serviceId: 'payments',
  private: false,
  declaredAt: '2026-11-21T08:00:00.000Z',
  channels: [],
  members: [],
});

/** An open and a resolved incident; returns their ids. */
export async function someIncidents(h: ConsoleHarness): Promise<{ open: string; resolved: string }> {
  const queries = h.app.deps.queries;
  const real = queries.get('incidents');
  if (!real) {
    const list = [view('INC-7', 'identified'), view('INC-3', 'resolved')];
    queries.provide('incidents', {
      get: (id) => list.find((i) => i.id === id),
      open: () => list.filter((i) => i.status !== 'resolved'),
      resolvedBetween: () => [],
      byChannel: () => undefined,
    });
    return { open: 'INC-7', resolved: 'INC-3' };
  }
  await h.say('incident declare sev3 "Old payments glitch" service:payments');
  const resolved = real.open()[0].id;
  await h.say(`incident resolve ${resolved} fixed`);
  await h.say('incident declare sev2 "Payments failing" service:payments');
  const open = real.open()[0].id;
  return { open, resolved };
}
