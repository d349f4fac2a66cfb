// Pages other skills ask for: a sev1/sev2 incident pages its service's escalation policy
// (once per incident, also when upgraded later), a resolved incident resolves its pages, and
// `page.requested` (monitors, heartbeats) pages a service, policy, schedule or person — a
// repeat with the same dedup key while the first page is open only notes it on that page.
import type { IncidentEvent } from '../../core/domain-events.js';
import { isUserError } from '../../core/errors.js';
import { KeyedLock } from './keyed-lock.js';
import type { OnCall } from './services.js';
import { personTarget, policyTarget, scheduleTarget, serviceTarget, type ResolvedTarget } from './targets.js';

export function subscribeToEvents(s: OnCall): void {
  const { events, config, log, queries, people } = s.deps;
  const engine = s.engine;
  const lock = new KeyedLock();

  const pageIncident = (e: IncidentEvent) =>
    lock.run(`incident:${e.id}`, async () => {
      if (e.status === 'resolved' || (e.severity !== 'sev1' && e.severity !== 'sev2')) return;
      if (engine.pages.filter((p) => p.incidentId === e.id).length > 0) return;
      if (!e.serviceId) {
        log.info({ incident: e.id }, 'incident has no service; no escalation policy to page');
        return;
      }
      let target: ResolvedTarget;
      try {
        target = serviceTarget(config, e.serviceId);
      } catch (err) {
        if (!isUserError(err)) throw err;
        log.warn({ incident: e.id, service: e.serviceId, reason: err.message }, 'incident not paged');
        return;
      }
      const summary = e.private ? `${e.id}: a private ${e.severity} incident` : `${e.id}: ${e.title}`;
      const channels = queries.get('incidents')?.get(e.id)?.channels ?? [];
      await engine.open({ summary, severity: e.severity === 'sev1' ? 1 : 2, target, source: 'incident', by: e.by, incidentId: e.id, channels });
    });

  events.on('incident.declared', pageIncident);
  events.on('incident.severity_changed', pageIncident);

  events.on('incident.resolved', async (e) => {
    for (const p of engine.pages.filter((x) => x.incidentId === e.id && x.status !== 'resolved')) {
      await engine.resolve(p.id, e.by, `incident ${e.id} resolved`).catch((err) => {
        if (!isUserError(err)) throw err;
      });
    }
  });

  events.on('page.requested', (e) =>
    lock.run(`dedup:${e.dedupKey ?? ''}`, async () => {
      const open = e.dedupKey ? engine.pages.filter((p) => p.dedupKey === e.dedupKey && p.status !== 'resolved')[0] : undefined;
      if (open) {
        await engine.repeated(open.id, e.summary, e.source);
        return;
      }
      let target: ResolvedTarget;
      try {
        if (e.serviceId) target = serviceTarget(config, e.serviceId);
        else if (e.policyId) target = policyTarget(config, e.policyId);
        else if (e.scheduleId) target = scheduleTarget(config, e.scheduleId);
        else if (e.personId) target = personTarget(config, people, e.personId);
        else throw new Error('page.requested names no target');
      } catch (err) {
        log.warn({ source: e.source, reason: (err as Error).message }, 'page request not paged');
        return;
      }
      await engine.open({ summary: e.summary, severity: e.severity, target, source: e.source, incidentId: e.incidentId, dedupKey: e.dedupKey });
    }),
  );
}
