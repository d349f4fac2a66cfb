// Times and durations as people type them (SPEC §2), read in the speaker's zone with luxon.
import { DateTime, Duration, IANAZone } from 'luxon';

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const DURATION_RE = /^(?:(\d{1,6})w)?(?:(\d{1,6})d)?(?:(\d{1,6})h)?(?:(\d{1,6})m)?(?:(\d{1,6})s)?$/;

/** `30m`, `4h`, `2d`, `1w`, `1h30m`, `45s` → milliseconds; undefined when not a duration. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (!t) return undefined;
  const m = DURATION_RE.exec(t);
  if (!m || m.slice(1).every((x) => x === undefined)) return undefined;
  const [w, d, h, min, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const ms = w * UNIT_MS.w + d * UNIT_MS.d + h * UNIT_MS.h + min * UNIT_MS.m + s * UNIT_MS.s;
  return ms > 0 ? ms : undefined;
}

/** Milliseconds → a short human duration: `45s`, `12m`, `3h 05m`, `2d 4h`. */
export function formatDuration(ms: number): string {
  const neg = ms < 0;
  let rest = Math.round(Math.abs(ms) / 1000);
  const d = Math.floor(rest / 86_400);
  rest -= d * 86_400;
  const h = Math.floor(rest / 3_600);
  rest -= h * 3_600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  let out: string;
  if (d > 0) out = h > 0 ? `${d}d ${h}h` : `${d}d`;
  else if (h > 0) out = `${h}h ${String(m).padStart(2, '0')}m`;
  else if (m > 0) out = `${m}m`;
  else out = `${s}s`;
  return neg ? `-${out}` : out;
}

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

const HHMM_RE = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** `09:00` → { hour: 9, minute: 0 }. */
export function parseHHMM(text: string): { hour: number; minute: number } | undefined {
  const m = HHMM_RE.exec(text.trim());
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : undefined;
}

export const TIME_HELP = 'an ISO time (2026-11-21T14:00), now, +2h, today 14:00, tomorrow 09:00 or 14:00';

/**
 * Reads a time as people type it, in `zone` when no offset is given:
 * `now`, `+2h` / `+30m` / `-1d`, `today 14:00`, `tomorrow 09:00`, `14:00` (today),
 * `2026-11-21T14:00`, `2026-11-21 14:00`, `2026-11-21` (midnight), or ISO with an offset / `Z`.
 * Returns undefined when the text is not a time.
 */
export function parseTime(text: string, zone: string, now: Date): Date | undefined {
  const t = text.trim().replace(/\s+/g, ' ').toLowerCase();
  if (!t) return undefined;
  const base = DateTime.fromJSDate(now, { zone });
  if (t === 'now') return now;
  const rel = /^([+-])(\S+)$/.exec(t);
  if (rel) {
    const ms = parseDuration(rel[2]);
    if (ms === undefined) return undefined;
    return new Date(now.getTime() + (rel[1] === '+' ? ms : -ms));
  }
  const day = /^(today|tomorrow|yesterday)(?: (\S+))?$/.exec(t);
  if (day) {
    const hm = day[2] === undefined ? { hour: 0, minute: 0 } : parseHHMM(day[2]);
    if (!hm) return undefined;
    const offset = day[1] === 'tomorrow' ? 1 : day[1] === 'yesterday' ? -1 : 0;
    return base.plus({ days: offset }).set({ hour: hm.hour, minute: hm.minute, second: 0, millisecond: 0 }).toJSDate();
  }
  const hmOnly = parseHHMM(t);
  if (hmOnly) return base.set({ hour: hmOnly.hour, minute: hmOnly.minute, second: 0, millisecond: 0 }).toJSDate();
  if (!/^\d{4}-\d{2}-\d{2}/.test(t)) return undefined;
  const iso = text.trim().replace(' ', 'T');
  const hasOffset = /(?:z|[+-]\d{2}:?\d{2})$/i.test(iso) && iso.includes('T');
  const dt = hasOffset ? DateTime.fromISO(iso, { setZone: true }) : DateTime.fromISO(iso, { zone });
  return dt.isValid ? dt.toJSDate() : undefined;
}

/** A date-time in a zone, for messages: `Sat 21 Nov 14:00 CET`. */
export function formatTime(d: Date, zone: string, withDate = true): string {
  const dt = DateTime.fromJSDate(d, { zone });
  return withDate ? dt.toFormat('ccc d LLL HH:mm ZZZZ') : dt.toFormat('HH:mm ZZZZ');
}

/** ISO 8601 with the zone's offset, minutes precision: `2026-11-21T14:00+01:00`. */
export function formatIsoLocal(d: Date, zone: string): string {
  return DateTime.fromJSDate(d, { zone }).toISO({ suppressSeconds: true, suppressMilliseconds: true }) ?? d.toISOString();
}

/** Whole-day key (YYYY-MM-DD) of an instant in a zone. */
export function dayKey(d: Date, zone: string): string {
  return DateTime.fromJSDate(d, { zone }).toISODate() ?? d.toISOString().slice(0, 10);
}

/** Month key (YYYY-MM) of an instant in UTC, for archive partitions. */
export function monthKey(d: Date | string): string {
  return (typeof d === 'string' ? d : d.toISOString()).slice(0, 7);
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The weekday of an instant in a zone. */
export function weekdayOf(d: Date, zone: string): Weekday {
  return WEEKDAYS[DateTime.fromJSDate(d, { zone }).weekday - 1];
}

export { DateTime, Duration };
