// Freeze windows: the config writes them as local date-times in the window's zone (else the
// org's), so "2026-12-18T18:00 Europe/Berlin" stays 18:00 there across daylight saving.
import type { FreezeWindowConfig } from '../../core/config/index.js';
import { DateTime, formatTime } from '../../core/time.js';
import { windowsOverlap } from './model.js';

export interface FreezeWindow {
  id: string;
  name: string;
  start: Date;
  end: Date;
  /** The zone its times are written in (for showing them). */
  zone: string;
  /** Services it covers; all when undefined. */
  services?: string[];
}

/** The config's freeze windows as instants. */
export function freezeWindows(list: readonly FreezeWindowConfig[], orgZone: string): FreezeWindow[] {
  return list.map((f) => {
    const zone = f.timezone ?? orgZone;
    const at = (s: string) => DateTime.fromISO(s.replace(' ', 'T'), { zone }).toJSDate();
    return { id: f.id, name: f.name, start: at(f.start), end: at(f.end), zone, services: f.services };
  });
}

/** Whether a freeze covers a service (a change without a service is covered only by org-wide freezes). */
function covers(f: FreezeWindow, serviceId: string | undefined): boolean {
  return !f.services || (serviceId !== undefined && f.services.includes(serviceId));
}

/** The freezes a change window on a service runs into. */
export function freezesOverlapping(freezes: readonly FreezeWindow[], start: Date, end: Date, serviceId: string | undefined): FreezeWindow[] {
  return freezes.filter((f) => covers(f, serviceId) && windowsOverlap(start, end, f.start, f.end));
}

/** The freezes in force at an instant. */
export function freezesAt(freezes: readonly FreezeWindow[], at: Date): FreezeWindow[] {
  return freezes.filter((f) => f.start.getTime() <= at.getTime() && at.getTime() < f.end.getTime());
}

/** `"Year-end freeze" (Fri 18 Dec 18:00 GMT+1 – Mon 4 Jan 08:00 GMT+1, Europe/Berlin)` */
export function describeFreeze(f: FreezeWindow): string {
  return `"${f.name}" (${formatTime(f.start, f.zone)} – ${formatTime(f.end, f.zone)}, ${f.zone}${f.services ? `; services ${f.services.join(', ')}` : ''})`;
}
