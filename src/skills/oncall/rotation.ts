// Rotations in wall-clock time. Handoffs sit on a grid of local times — start date at the
// handoff time, then every shift length — read in the layer's zone (wall-clock.ts), so a 09:00
// handoff stays 09:00 across daylight-saving changes and a 12h shift hands off at 09:00 and
// 21:00 all year (the shift that spans a change is an hour shorter or longer). A local time
// that does not exist (spring forward) hands off when the clock jumps past it, moved forward by
// the gap; one that occurs twice (fall back) hands off at its first occurrence.
import { WEEKDAYS, type Weekday } from '../../core/time.js';
import { intersect, type Segment } from './segments.js';
import { dayOf, fromWall, toWall, wallDay, weekdayOf } from './wall-clock.js';

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

/** The handoff grid of one layer: instant of handoff k, and the shift index holding an instant. */
export class HandoffGrid {
  private readonly wallStart: number;
  private readonly cache = new Map<number, number>();

  constructor(private readonly layer: LayerSpec) {
    const [y, m, d] = layer.start.split('-').map(Number);
    this.wallStart = Date.UTC(y, m - 1, d) + layer.handoff * 60_000;
  }

  /** The instant of handoff k (k = 0 is the rotation's start). */
  at(k: number): number {
    let t = this.cache.get(k);
    if (t === undefined) {
      t = fromWall(this.wallStart + k * this.layer.shiftMs, this.layer.zone);
      if (this.cache.size > 4096) this.cache.clear();
      this.cache.set(k, t);
    }
    return t;
  }

  /** The k whose shift [at(k), at(k+1)) holds instant t (negative: before the rotation starts). */
  index(t: number): number {
    let k = Math.floor((toWall(t, this.layer.zone) - this.wallStart) / this.layer.shiftMs);
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
  for (let day = dayOf(toWall(from, zone)) - 1, last = dayOf(toWall(to, zone)); day <= last; day++) {
    const weekday = WEEKDAYS[weekdayOf(day)];
    for (const r of restrictions) {
      if (!r.days.includes(weekday)) continue;
      // A window whose end is not after its start runs into the next day (22:00–06:00; 00:00–00:00 is all day).
      const s = fromWall(wallDay(day) + r.from * 60_000, zone);
      const e = fromWall(wallDay(r.to > r.from ? day : day + 1) + r.to * 60_000, zone);
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
