// Who is on call: the configured rotations plus the stored overrides (removed ones ignored),
// answering "who now, until when, who next", shift lists and handoffs for every consumer
// (commands, escalation, iCal, the queries other skills read).
import type { Config } from '../../core/config/index.js';
import type { Collection } from '../../core/ports.js';
import type { Resolver } from './escalation.js';
import type { Override } from './model.js';
import { buildRotations, type Rotation } from './schedule.js';
import type { OverrideSpan, Segment } from './segments.js';

export interface Handoff {
  scheduleId: string;
  at: Date;
  from?: string;
  to: string;
  /** When the incoming turn ends (clipped to the window looked at). */
  until: Date;
}

export class Roster {
  readonly rotations: Map<string, Rotation>;

  constructor(
    config: Config,
    private readonly overrides: Collection<Override>,
  ) {
    this.rotations = buildRotations(config);
  }

  /** The schedule, or undefined. */
  get(id: string): Rotation | undefined {
    return this.rotations.get(id);
  }

  ids(): string[] {
    return [...this.rotations.keys()];
  }

  /** Active overrides of a schedule, oldest first (a later one wins). */
  spans(scheduleId: string): OverrideSpan[] {
    return this.overrides
      .filter((o) => o.scheduleId === scheduleId && !o.removedAt)
      .map((o) => ({ id: o.id, start: Date.parse(o.start), end: Date.parse(o.end), personId: o.personId, replaces: o.replaces }));
  }

  /** Segments by source (layer or override) in [from, to). */
  segments(scheduleId: string, from: Date | number, to: Date | number): Segment[] {
    return this.rotations.get(scheduleId)?.segments(from, to, this.spans(scheduleId)) ?? [];
  }

  /** Whole turns (neighbours of one person joined) in [from, to). */
  shifts(scheduleId: string, from: Date | number, to: Date | number): Segment[] {
    return this.rotations.get(scheduleId)?.shifts(from, to, this.spans(scheduleId)) ?? [];
  }

  /** The turn holding `at` and the one after it. */
  around(scheduleId: string, at: Date | number): { current?: Segment; next?: Segment } {
    return this.rotations.get(scheduleId)?.around(at, this.spans(scheduleId)) ?? {};
  }

  /** Who is on call in a schedule at an instant. */
  onCall(scheduleId: string, at: Date | number): string | undefined {
    return this.around(scheduleId, at).current?.personId;
  }

  /** Escalation targets → person ids. */
  readonly resolve: Resolver = (target, at) => {
    if (target.kind === 'person') return [target.id];
    const p = this.onCall(target.id, at);
    return p ? [p] : [];
  };

  /** Shift changes in [from, to) of one or every schedule, oldest first. */
  handoffs(from: Date | number, to: Date | number, scheduleId?: string): Handoff[] {
    const a = +from;
    const b = +to;
    const out: Handoff[] = [];
    for (const id of scheduleId ? [scheduleId] : this.ids()) {
      const rotation = this.rotations.get(id);
      if (!rotation) continue;
      const list = this.shifts(id, a - rotation.reachMs, b + rotation.reachMs);
      list.forEach((s, i) => {
        if (s.start < a || s.start >= b) return;
        const prev = list[i - 1];
        out.push({ scheduleId: id, at: new Date(s.start), from: prev && prev.end === s.start ? prev.personId : undefined, to: s.personId, until: new Date(s.end) });
      });
    }
    return out.sort((x, y) => +x.at - +y.at);
  }
}
