// A configured schedule, ready to compute: its layers in wall-clock time (zone: the layer's,
// else the schedule's, else its team's, else the organisation's), stacked so a higher layer
// wins, with overrides and accepted swaps on top.
import type { Config, ScheduleConfig } from '../../core/config/index.js';
import { parseHHMM } from '../../core/time.js';
import { HandoffGrid, layerSegments, type LayerSpec } from './rotation.js';
import { applyOverrides, mergeByPerson, stackLayers, type OverrideSpan, type Segment } from './segments.js';

const DAY = 86_400_000;

const minutes = (hhmm: string): number => {
  const t = parseHHMM(hhmm);
  return t ? t.hour * 60 + t.minute : 0;
};

export class Rotation {
  readonly id: string;
  readonly name: string;
  readonly team?: string;
  readonly zone: string;
  readonly layers: LayerSpec[];
  private readonly grids: HandoffGrid[];
  /** How far to look around an instant to find the whole shift that holds it. */
  readonly reachMs: number;

  constructor(cfg: ScheduleConfig, config: Config) {
    this.id = cfg.id;
    this.name = cfg.name;
    this.team = cfg.team;
    this.zone = cfg.timezone ?? config.teams.find((t) => t.id === cfg.team)?.timezone ?? config.timezone;
    this.layers = cfg.layers.map((l, i) => ({
      name: l.name ?? `layer ${i + 1}`,
      members: l.members,
      shiftMs: l.shift,
      start: l.start,
      handoff: minutes(l.handoff),
      zone: l.timezone ?? this.zone,
      restrictions: l.restrictions?.map((r) => ({ days: r.days, from: minutes(r.from), to: minutes(r.to) })),
    }));
    this.grids = this.layers.map((l) => new HandoffGrid(l));
    this.reachMs = Math.max(...this.layers.map((l) => l.shiftMs)) * 2 + 2 * DAY;
  }

  /** Who is on call in [from, to), by source (layer or override), with gaps where nobody is. */
  segments(from: Date | number, to: Date | number, overrides: readonly OverrideSpan[] = []): Segment[] {
    const a = +from;
    const b = +to;
    if (b <= a) return [];
    const base = stackLayers(this.layers.map((l, i) => layerSegments(l, a, b, this.grids[i])));
    return applyOverrides(base, overrides.filter((o) => o.end > a && o.start < b), a, b);
  }

  /** The same, with neighbouring segments of one person joined: whole turns on call. */
  shifts(from: Date | number, to: Date | number, overrides: readonly OverrideSpan[] = []): Segment[] {
    return mergeByPerson(this.segments(from, to, overrides));
  }

  /** The turn that holds `at` (its start and end may be clipped to the reach), and the one after it. */
  around(at: Date | number, overrides: readonly OverrideSpan[] = []): { current?: Segment; next?: Segment } {
    const t = +at;
    const list = this.shifts(t - this.reachMs, t + this.reachMs, overrides);
    const i = list.findIndex((s) => s.start <= t && t < s.end);
    if (i >= 0) return { current: list[i], next: list[i + 1] };
    return { next: list.find((s) => s.start > t) };
  }
}

/** Every configured schedule, by id. */
export function buildRotations(config: Config): Map<string, Rotation> {
  return new Map(config.schedules.map((s) => [s.id, new Rotation(s, config)]));
}
