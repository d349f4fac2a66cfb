// `GET /oncall/<schedule>.ics`: the schedule as an iCalendar feed (ical-generator), one event
// per turn on call with overrides applied, for the turns that touch the span from a week ago to `days` ahead (default 60, at
// most 366). `?person=<id>` keeps only that person's turns.
import ical from 'ical-generator';
import type { HttpHandler, HttpResponse } from '../../core/ports.js';
import type { OnCall } from './services.js';

const DAY = 86_400_000;
const text = (status: number, body: string): HttpResponse => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body });

export function icsRoute(s: OnCall): HttpHandler {
  return (req) => {
    const rotation = s.roster.get(req.params.schedule ?? '');
    if (!rotation) return text(404, `no schedule "${String(req.params.schedule).slice(0, 60)}"; schedules: ${s.roster.ids().join(', ')}\n`);
    const days = req.query.days === undefined ? 60 : Number(req.query.days);
    if (!Number.isInteger(days) || days < 1 || days > 366) return text(400, 'days must be a whole number from 1 to 366\n');
    const person = req.query.person?.replace(/^@/, '');
    if (person !== undefined && !s.deps.people.get(person)) return text(400, `no person "${person.slice(0, 60)}"\n`);
    const now = s.deps.clock.now();
    const from = now.getTime() - 7 * DAY;
    const to = now.getTime() + days * DAY;
    // Whole turns: one that began before the window (or ends after it) is not cut at its edge.
    const shifts = s.roster
      .shifts(rotation.id, from - rotation.reachMs, to + rotation.reachMs)
      .filter((x) => x.end > from && x.start < to && (!person || x.personId === person));
    const cal = ical({ name: `On call: ${rotation.name}`, prodId: { company: 'Switchboard', product: 'oncall', language: 'EN' }, ttl: 3600 });
    for (const x of shifts) {
      const name = s.deps.people.nameOf(x.personId);
      cal.createEvent({
        id: `${rotation.id}-${new Date(x.start).toISOString()}-${x.personId}@switchboard`,
        start: new Date(x.start),
        end: new Date(x.end),
        stamp: now,
        summary: `On call: ${name}`,
        description: `${name} (@${x.personId}) is on call for ${rotation.name}.`,
        x: { 'X-SWITCHBOARD-PERSON': x.personId },
      });
    }
    return {
      status: 200,
      headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `inline; filename="${rotation.id}.ics"`, 'cache-control': 'max-age=300' },
      body: cal.toString(),
    };
  };
}
