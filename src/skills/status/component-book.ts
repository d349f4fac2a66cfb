// Component state over the store: every status change goes through `hold`, which applies the
// hold rule under the store's write lock, appends the change to the status history (the
// 90-day bars' source), and only then emits `status.component_changed`.
import type { ComponentStatus } from '../../core/config/index.js';
import type { EventBus } from '../../core/events.js';
import type { Clock, Collection, Logger, Store } from '../../core/ports.js';
import type { ActorRef } from '../../core/types.js';
import type { Catalog } from './catalog.js';
import { ComponentStateSchema, HistoryEventSchema, type ComponentState, type HistoryEvent } from './model.js';
import { applyHold, reasonOf } from './rules.js';

export interface ComponentChange {
  componentId: string;
  from: ComponentStatus;
  to: ComponentStatus;
  at: string;
  source: string;
  message?: string;
  incidentId?: string;
}

export interface HoldOptions {
  /** Why, in words (kept with the hold and the history event). */
  message?: string;
  incidentId?: string;
  by?: ActorRef;
}

export class ComponentBook {
  /** Called after every stored change of a component's shown status. */
  onChange?: (change: ComponentChange) => Promise<void>;

  private constructor(
    private readonly states: Collection<ComponentState>,
    readonly history: Collection<HistoryEvent>,
    private readonly catalog: Catalog,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  static async open(store: Store, catalog: Catalog, events: EventBus, clock: Clock, log: Logger): Promise<ComponentBook> {
    const states = await store.collection('status-components', { schema: ComponentStateSchema });
    const history = await store.collection('status-history', { schema: HistoryEventSchema, partition: (e) => e.at.slice(0, 7) });
    return new ComponentBook(states, history, catalog, events, clock, log);
  }

  /** Creates the state of new components, and heals a change whose history write a crash lost. */
  async init(): Promise<void> {
    const now = this.clock.now().toISOString();
    for (const c of this.catalog.components) {
      const s = this.states.get(c.id);
      if (!s) {
        await this.states.insert({ id: c.id, status: 'operational', holds: [], createdAt: now, updatedAt: now });
        continue;
      }
      const last = this.lastEvent(c.id);
      const recorded = last?.to ?? 'operational';
      if (recorded !== s.status) await this.record({ componentId: c.id, from: recorded, to: s.status, at: s.updatedAt, source: s.holds[0]?.source ?? 'manual' });
    }
  }

  private lastEvent(componentId: string): HistoryEvent | undefined {
    let last: HistoryEvent | undefined;
    for (const e of this.history.filter((x) => x.componentId === componentId)) if (!last || e.at >= last.at) last = e;
    return last;
  }

  /** The component's state (a fresh operational one if it was never stored). */
  state(id: string): ComponentState {
    const now = this.clock.now().toISOString();
    return this.states.get(id) ?? { id, status: 'operational', holds: [], createdAt: now, updatedAt: now };
  }

  /** Every configured component's state, in config order. */
  all(): ComponentState[] {
    return this.catalog.components.map((c) => this.state(c.id));
  }

  /** History of one component from `sinceIso` on. */
  eventsOf(componentId: string, sinceIso: string): HistoryEvent[] {
    return this.history.filter((e) => e.componentId === componentId && e.at >= sinceIso);
  }

  /**
   * Sets (or with `operational`, releases) one source's hold on a component. Resolves to the
   * change of the shown status, or undefined when the shown status stayed the same.
   */
  async hold(componentId: string, source: string, status: ComponentStatus, opts: HoldOptions = {}): Promise<ComponentChange | undefined> {
    if (!this.catalog.component(componentId)) return undefined;
    const at = this.clock.now().toISOString();
    const before: { status: ComponentStatus } = { status: 'operational' };
    const next = await this.states.upsert(componentId, (cur) => {
      const base = cur ?? { id: componentId, status: 'operational' as const, holds: [], createdAt: at, updatedAt: at };
      before.status = base.status;
      return applyHold(base, source, status, at, opts.message);
    });
    const from = before.status;
    if (next.status === from) return undefined;
    const change: ComponentChange = { componentId, from, to: next.status, at, source, message: opts.message, incidentId: opts.incidentId };
    await this.record(change);
    await this.events.emit('status.component_changed', {
      componentId,
      from,
      to: next.status,
      reason: reasonOf(source),
      message: opts.message,
      incidentId: opts.incidentId,
      by: opts.by,
      at,
    });
    try {
      await this.onChange?.(change);
    } catch (e) {
      this.log.warn({ err: e, componentId }, 'status change listener failed');
    }
    return change;
  }

  private async record(c: ComponentChange): Promise<void> {
    await this.history.create('STH', (id) => ({
      id,
      componentId: c.componentId,
      from: c.from,
      to: c.to,
      at: c.at,
      reason: reasonOf(c.source),
      ...(c.incidentId ? { incidentId: c.incidentId } : {}),
      ...(c.message ? { message: c.message.slice(0, 500) } : {}),
    }));
  }

  /**
   * Drops history older than the cutoff (the 90-day bars never look further back), except each
   * component's latest change, which still tells its status since then.
   */
  async prune(cutoffIso: string): Promise<number> {
    const keep = new Set(this.catalog.components.map((c) => this.lastEvent(c.id)?.id));
    const old = this.history.filter((e) => e.at < cutoffIso && !keep.has(e.id));
    await Promise.all(old.map((e) => this.history.delete(e.id)));
    return old.length;
  }
}
