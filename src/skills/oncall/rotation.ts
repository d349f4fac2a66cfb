// Rotations in wall-clock time. Handoffs sit on a grid of local times — start date at the
// handoff time, then every shift length — read in the layer's zone with luxon, so a 09:00
// handoff stays 09:00 across daylight-saving changes and a 12h shift hands off at 09:00 and
// 21:00 all year (the shift that spans a change is an hour shorter or longer). A local time
// that does not exist (spring forward) hands off when the clock jumps past it (luxon moves it
// forward by the gap); one that occurs twice (fall back) hands off at its second occurrence.
import { DateTime } from 'luxon';
import { WEEKDAYS, type Weekday } from '../../core/time.js';
import { intersect, type Segment } from './segments.js';

export interface Restriction {
  days: readonly Weekday[];
  /** Minutes after local midnight. */
  from: number;
  to: number;
}

export interface LayerSpec {
  name: string;
  members: readonly string[];
  shiftMs: number;
  /** Local date of the first handoff, YYYY-MM-DD. */
  start: string;
  /** Minutes after local midnight. */
  handoff: number;
  zone: string;
  restrictions?: readonly Restriction[];
}

/** Wall-clock milliseconds: the local date-time read as if it were UTC. */
const naiveToInstant = (naive: number, zone: string): number => {
  const d = new Date(naive);
  return DateTime.fromObject(
    { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() },
    { zone },
  ).toMillis();
};

const instantToNaive = (t: number, zone: string): number => t + DateTime.fromMillis(t, { zone }).offset * 60_000;

/** The handoff grid of one layer: instant of handoff k, and the shift index holding an instant. */
export class HandoffGrid {
  private readonly naiveStart: number;
  private readonly cache = new Map<number, number>();

  constructor(private readonly layer: LayerSpec) {
    const [y, m, d] = layer.start.split('-').map(Number);
    this.naiveStart = Date.UTC(y, m - 1, d) + layer.handoff * 60_000;
  }

  /** The instant of handoff k (k = 0 is the rotation's start). */
  at(k: number): number {
    let t = this.cache.get(k);
    if (t === undefined) {
      t = naiveToInstant(this.naiveStart + k * this.layer.shiftMs, this.layer.zone);
      if (this.cache.size > 4096) this.cache.clear();
      this.cache.set(k, t);
    }
    return t;
  }

  /** The k whose shift [at(k), at(k+1)) holds instant t (negative: before the rotation starts). */
  index(t: number): number {
    let k = Math.floor((instantToNaive(t, this.layer.zone) - this.naiveStart) / this.layer.shiftMs);
    while (this.at(k) > t) k--;
    while (this.at(k + 1) <= t) k++;
    return k;
  }
}

/** The shifts of one layer in [from, to), before restrictions. */
export function rotationSegments(layer: LayerSpec, from: number, to: number, grid = new HandoffGrid(layer)): Segment[] {
  const out: Segment[] = [];
  if (to <= from) return out;
  const last = grid.index(to - 1);
  for (let k = Math.max(0, grid.index(from)); k <= last; k++) {
    const start = Math.max(grid.at(k), from);
    const end = Math.min(grid.at(k + 1), to);
    if (end > start) out.push({ start, end, personId: layer.members[k % layer.members.length], source: layer.name });
  }
  return out;
}

/** The local-time windows of the restrictions that touch [from, to), merged and sorted. */
export function restrictionWindows(restrictions: readonly Restriction[], zone: string, from: number, to: number): Array<[number, number]> {
  const raw: Array<[number, number]> = [];
  const last = DateTime.fromMillis(to, { zone }).startOf('day');
  for (let day = DateTime.fromMillis(from, { zone }).startOf('day').minus({ days: 1 }); day <= last; day = day.plus({ days: 1 })) {
    const weekday = WEEKDAYS[day.weekday - 1];
    const base = { year: day.year, month: day.month, day: day.day };
    for (const r of restrictions) {
      if (!r.days.includes(weekday)) continue;
      const endDay = r.to > r.from ? day : day.plus({ days: 1 });
      const s = DateTime.fromObject({ ...base, hour: Math.floor(r.from / 60), minute: r.from % 60 }, { zone }).toMillis();
      const e = DateTime.fromObject({ year: endDay.year, month: endDay.month, day: endDay.day, hour: Math.floor(r.to / 60), minute: r.to % 60 }, { zone }).toMillis();
      if (e > from && s < to && e > s) raw.push([Math.max(s, from), Math.min(e, to)]);
    }
  }
  raw.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const w of raw) {
    const prev = merged[merged.length - 1];
    if (prev && w[0] <= prev[1]) prev[1] = Math.max(prev[1], w[1]);
    else merged.push([...w]);
  }
  return merged;
}

/** A layer's on-call segments in [from, to): its rotation, inside its restrictions if any. */
export function layerSegments(layer: LayerSpec, from: number, to: number, grid?: HandoffGrid): Segment[] {
  const shifts = rotationSegments(layer, from, to, grid);
  if (!layer.restrictions?.length) return shifts;
  return intersect(shifts, restrictionWindows(layer.restrictions, layer.zone, from, to));
}
