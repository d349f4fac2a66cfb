// The incident skill's events, as the status page sees them: each incident moves its service's
// status component (a status derived from severity; released on resolve, so the component
// returns to operational unless something else holds it), and its updates become the page's
// incident history and one subscriber notice edited in place. Handlers are idempotent: a
// repeated event changes nothing twice.
import type { DomainEvents, IncidentEvent } from '../../core/domain-events.js';
import type { Clock, Collection, Logger, Store } from '../../core/ports.js';
import type { QueryRegistry } from '../../core/queries.js';
import type { Catalog } from './catalog.js';
import type { ComponentBook } from './component-book.js';
import { StatusIncidentSchema, type IncidentUpdate, type StatusIncident } from './model.js';
import type { Notifier } from './notifier.js';
import { statusForSeverity } from './rules.js';

const DECLARED_TEXT = 'We are investigating this incident.';
const RESOLVED_TEXT = 'This incident has been resolved.';

/** Whether an incident belongs on the public page: not private, and not on an internal-only service. */
export function isPublic(i: StatusIncident, catalog: Catalog): boolean {
  return !i.private && !catalog.isInternalService(i.serviceId);
}

export class IncidentFeed {
  private constructor(
    readonly col: Collection<StatusIncident>,
    private readonly catalog: Catalog,
    private readonly components: ComponentBook,
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  static async open(store: Store, catalog: Catalog, components: ComponentBook, notifier: Notifier, clock: Clock, log: Logger): Promise<IncidentFeed> {
    const col = await store.collection('status-incidents', { schema: StatusIncidentSchema, partition: (i) => (i.resolvedAt ? i.resolvedAt.slice(0, 7) : 'open') });
    return new IncidentFeed(col, catalog, components, notifier, clock, log);
  }

  /** Subscribes to the incident skill's events. */
  listen(on: <K extends keyof DomainEvents>(name: K, fn: (p: DomainEvents[K]) => Promise<void>) => void): void {
    on('incident.declared', (e) => this.apply(e, { status: e.status, text: DECLARED_TEXT }, `Declared (${e.severity}) by ${e.by.name}: ${e.status}.`));
    on('incident.updated', (e) => this.apply(e, { status: e.status, text: e.text }, `${cap(e.status)}: ${e.text}`));
    on('incident.severity_changed', (e) => this.apply(e, undefined, `Severity ${e.from} → ${e.severity}.`));
    on('incident.resolved', (e) => this.apply(e, { status: 'resolved', text: e.summary?.trim() || RESOLVED_TEXT }, `Resolved${e.summary ? `: ${e.summary}` : '.'}`));
  }

  /** Open incidents shown on the page, newest first. */
  openPublic(): StatusIncident[] {
    return this.col
      .filter((i) => i.status !== 'resolved' && isPublic(i, this.catalog))
      .sort((a, b) => b.declaredAt.localeCompare(a.declaredAt));
  }

  /** How subscriber messages name an incident: private ones stay nameless. */
  label(id: string): string {
    const i = this.col.get(id);
    return i && isPublic(i, this.catalog) ? `incident ${id}` : 'an incident';
  }

  /** Public incidents resolved at or after `sinceIso`, newest first. */
  resolvedPublic(sinceIso: string): StatusIncident[] {
    return this.col
      .filter((i) => i.status === 'resolved' && (i.resolvedAt ?? '') >= sinceIso && isPublic(i, this.catalog))
      .sort((a, b) => (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? ''));
  }

  get(id: string): StatusIncident | undefined {
    return this.col.get(id);
  }

  /** Stores the incident's new state, moves its component, then tells subscribers. */
  private async apply(e: IncidentEvent, update: Omit<IncidentUpdate, 'at'> | undefined, line: string): Promise<void> {
    const componentId = this.catalog.componentOfService(e.serviceId);
    const componentIds = componentId ? [componentId] : [];
    const prior = this.col.get(e.id);
    // A repeated delivery refreshes the messages but adds no second line.
    const repeat =
      prior !== undefined &&
      (update ? prior.updates.some((u) => u.at === e.at && u.status === update.status && u.text === update.text) : prior.severity === e.severity && prior.status === e.status);
    const stored = await this.col.upsert(e.id, (cur) => {
      const base: StatusIncident = cur ?? {
        id: e.id,
        title: e.title,
        severity: e.severity,
        status: e.status,
        serviceId: e.serviceId,
        componentIds,
        private: e.private,
        declaredAt: e.at,
        updatedAt: e.at,
        updates: [],
      };
      const repeated = update && base.updates.some((u) => u.at === e.at && u.status === update.status && u.text === update.text);
      const status = update?.status ?? e.status;
      return {
        ...base,
        title: e.title,
        severity: e.severity,
        status,
        private: e.private,
        updatedAt: e.at > base.updatedAt ? e.at : base.updatedAt,
        ...(status === 'monitoring' && !base.monitoringAt ? { monitoringAt: e.at } : {}),
        ...(status === 'resolved' ? { resolvedAt: base.resolvedAt ?? e.at } : {}),
        updates: update && !repeated ? [...base.updates, { at: e.at, ...update }] : base.updates,
      };
    });
    const source = `incident:${e.id}`;
    const target = stored.status === 'resolved' ? 'operational' : (statusForSeverity(stored.severity) ?? 'operational');
    const shown = isPublic(stored, this.catalog);
    // A private incident still moves its component, but its title never reaches the page.
    for (const c of stored.componentIds) await this.components.hold(c, source, target, { message: shown ? stored.title : undefined, incidentId: e.id, by: e.by });
    if (!shown) return;
    await this.notifier.tell({ id: `incident:${e.id}`, kind: 'incident', subject: e.id, componentIds: stored.componentIds }, repeat ? undefined : line, { close: stored.status === 'resolved' });
  }

  /**
   * Heals what a crash between the incident skill's write and its event lost: incidents open
   * there but unknown here are declared, and ones resolved there but open here are resolved.
   */
  async reconcile(queries: QueryRegistry): Promise<void> {
    const incidents = queries.get('incidents');
    if (!incidents) return;
    const by = { platform: 'console' as const, userId: 'switchboard', name: 'Switchboard' };
    const at = this.clock.now().toISOString();
    for (const v of incidents.open()) {
      if (this.col.get(v.id)) continue;
      this.log.info({ incident: v.id }, 'status: picking up an open incident it had not heard of');
      await this.apply({ ...v, by, at: v.declaredAt }, { status: v.status, text: DECLARED_TEXT }, `Open (${v.severity}): ${v.status}.`);
    }
    for (const mine of this.col.filter((i) => i.status !== 'resolved')) {
      const theirs = incidents.get(mine.id);
      if (theirs?.status !== 'resolved') continue;
      await this.apply(
        { id: mine.id, title: mine.title, severity: mine.severity, status: 'resolved', serviceId: mine.serviceId, private: mine.private, by, at: theirs.resolvedAt ?? at },
        { status: 'resolved', text: RESOLVED_TEXT },
        'Resolved.',
      );
    }
  }

  /** Drops incidents resolved before the cutoff. */
  async prune(cutoffIso: string): Promise<number> {
    const old = this.col.filter((i) => i.status === 'resolved' && (i.resolvedAt ?? i.updatedAt) < cutoffIso);
    await Promise.all(old.map((i) => this.col.delete(i.id)));
    return old.length;
  }
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
