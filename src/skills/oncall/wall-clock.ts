// Wall-clock time in an IANA zone, deterministically. luxon supplies the zone's UTC offsets
// (the tz database); turning a local time back into an instant is spelled out here because
// luxon resolves a local time that occurs twice by the offset in force *today* (so a rotation
// would change with the season it is computed in). The rule is Temporal's "compatible"
// disambiguation: a repeated local time (fall back) means its first occurrence; a skipped one
// (spring forward) moves forward by the gap (02:30 → 03:30).
// Offsets are memoised per zone in 12-hour buckets: a year of shifts asks for thousands.
import { IANAZone } from 'luxon';

const HOUR = 3_600_000;
/** Every real zone changes its offset at most once within 12 hours. */
const SPAN = 12 * HOUR;
/** So a bucket this long whose two ends agree has no change inside. */
const BUCKET = SPAN;
const MAX_CACHED = 200_000;

class ZoneOffsets {
  private readonly zone: IANAZone;
  /** bucket → offset in ms for the whole bucket, or NaN when it changes inside it. */
  private readonly buckets = new Map<number, number>();

  constructor(name: string) {
    this.zone = IANAZone.create(name);
  }

  private exact(t: number): number {
    return this.zone.offset(t) * 60_000;
  }

  /** The zone's offset from UTC at instant t, in ms. */
  at(t: number): number {
    const b = Math.floor(t / BUCKET);
    let o = this.buckets.get(b);
    if (o === undefined) {
      const a = this.exact(b * BUCKET);
      o = a === this.exact(b * BUCKET + BUCKET - 1) ? a : Number.NaN;
      if (this.buckets.size > MAX_CACHED) this.buckets.clear();
      this.buckets.set(b, o);
    }
    return Number.isNaN(o) ? this.exact(t) : o;
  }
}

const zones = new Map<string, ZoneOffsets>();
const offsets = (zone: string): ZoneOffsets => {
  let z = zones.get(zone);
  if (!z) zones.set(zone, (z = new ZoneOffsets(zone)));
  return z;
};

/** Local wall-clock ms (the local date-time read as if it were UTC) of an instant. */
export function toWall(t: number, zone: string): number {
  return t + offsets(zone).at(t);
}

/** The instant a local wall-clock time (ms, read as UTC) happens in a zone. */
export function fromWall(wall: number, zone: string): number {
  const z = offsets(zone);
  const before = z.at(wall - SPAN);
  const after = z.at(wall + SPAN);
  if (before === after) return wall - before;
  const early = wall - before;
  const late = wall - after;
  const earlyOk = z.at(early) === before;
  const lateOk = z.at(late) === after;
  if (earlyOk && lateOk) return Math.min(early, late); // repeated: the first occurrence
  if (earlyOk) return early;
  if (lateOk) return late;
  return early; // skipped: read with the offset before the gap, i.e. moved forward by it
}

const DAY = 86_400_000;

/** Wall-clock ms of local midnight of day number `d` (days since 1970-01-01 in local time). */
export const wallDay = (d: number): number => d * DAY;

/** The local day number holding wall-clock ms. */
export const dayOf = (wall: number): number => Math.floor(wall / DAY);

/** Weekday of a local day number: 0 = Monday … 6 = Sunday. */
export const weekdayOf = (d: number): number => (((d + 3) % 7) + 7) % 7;
