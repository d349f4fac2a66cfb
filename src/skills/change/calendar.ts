// GET /changes.ics: the change calendar (ical-generator), so planned changes and freeze windows
// show up in the team's calendar next to everything else. Pending changes are tentative;
// rejected and cancelled ones stay in the feed as cancelled so subscribed calendars drop them.
import ical, { ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import type { FreezeWindow } from './freeze.js';
import type { Change } from './model.js';

/** How far back the feed reaches (a calendar needs recent history, not years of it). */
export const FEED_HISTORY_MS = 90 * 86_400_000;

const STATUS: Record<Change['state'], ICalEventStatus> = {
  pending: ICalEventStatus.TENTATIVE,
  approved: ICalEventStatus.CONFIRMED,
  in_progress: ICalEventStatus.CONFIRMED,
  completed: ICalEventStatus.CONFIRMED,
  failed: ICalEventStatus.CONFIRMED,
  rejected: ICalEventStatus.CANCELLED,
  cancelled: ICalEventStatus.CANCELLED,
};

export interface CalendarOptions {
  organisation: string;
  now: Date;
}

function description(c: Change): string {
  return [
    `State: ${c.state.replace('_', ' ')}`,
    `Risk: ${c.risk}`,
    `Type: ${c.type}${c.incidentId ? ` (${c.incidentId})` : ''}${c.templateId ? ` (template ${c.templateId})` : ''}`,
    c.serviceId ? `Service: ${c.serviceId}` : undefined,
    `Requested by: ${c.requestedBy.name}`,
    `Approvals: ${c.approvals.map((a) => a.personId).join(', ') || 'none'} (${c.approvals.length} of ${c.approvalsNeeded})`,
    c.rollback ? `Rollback: ${c.rollback}` : undefined,
    c.reason ? `Reason: ${c.reason}` : undefined,
  ]
    .filter((l): l is string => l !== undefined)
    .join('\n');
}

export function changeCalendar(changes: readonly Change[], freezes: readonly FreezeWindow[], opts: CalendarOptions): string {
  const cal = ical({ name: `${opts.organisation} changes`, prodId: { company: 'Switchboard', product: 'changes', language: 'EN' }, ttl: 900 });
  const since = opts.now.getTime() - FEED_HISTORY_MS;
  for (const c of changes) {
    if (Date.parse(c.end) < since) continue;
    cal.createEvent({
      id: `${c.id.toLowerCase()}@switchboard`,
      start: new Date(c.start),
      end: new Date(c.end),
      stamp: opts.now,
      lastModified: new Date(c.updatedAt),
      sequence: c.history.length,
      summary: `${c.id} ${c.title} [${c.risk}, ${c.state.replace('_', ' ')}]`,
      description: description(c),
      status: STATUS[c.state],
      categories: [{ name: `risk-${c.risk}` }, { name: c.type }],
    });
  }
  for (const f of freezes) {
    if (f.end.getTime() < since) continue;
    cal.createEvent({
      id: `freeze-${f.id}@switchboard`,
      start: f.start,
      end: f.end,
      stamp: opts.now,
      summary: `Change freeze: ${f.name}`,
      description: `Normal changes are blocked${f.services ? ` on ${f.services.join(', ')}` : ''}; emergency changes need a linked incident.`,
      transparency: ICalEventTransparency.TRANSPARENT,
      categories: [{ name: 'freeze' }],
    });
  }
  return cal.toString();
}
