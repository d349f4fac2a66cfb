// The read-only view other skills get of changes (the contract in core/queries.ts): the
// briefing lists today's changes and waiting approvals, an incident its contributing changes.
import type { ChangeQueries, ChangeView } from '../../core/queries.js';
import type { Collection } from '../../core/ports.js';
import { freezesAt, type FreezeWindow } from './freeze.js';
import { changeFacts, requesterKey, windowsOverlap, type Change } from './model.js';

export function toView(c: Change): ChangeView {
  return {
    ...changeFacts(c),
    requestedBy: requesterKey(c.requestedBy),
    approvedBy: c.approvals.map((a) => a.personId),
    approvalsNeeded: c.approvalsNeeded,
  };
}

export const byStart = (a: Change, b: Change) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id, 'en', { numeric: true });

/** Rejected and cancelled changes never happened, so a window query leaves them out. */
const happening = (c: Change) => c.state !== 'rejected' && c.state !== 'cancelled';

export function changeQueries(col: Collection<Change>, freezes: () => FreezeWindow[]): ChangeQueries {
  return {
    get: (id) => {
      const c = col.get(id.toUpperCase());
      return c ? toView(c) : undefined;
    },
    inWindow: (from, to) =>
      col
        .filter((c) => happening(c) && windowsOverlap(new Date(c.start), new Date(c.end), from, to))
        .sort(byStart)
        .map(toView),
    pending: () => col.filter((c) => c.state === 'pending').sort(byStart).map(toView),
    freezesAt: (at) => freezesAt(freezes(), at).map((f) => ({ id: f.id, name: f.name, start: f.start, end: f.end, services: f.services })),
  };
}
