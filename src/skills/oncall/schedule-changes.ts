// Overrides and swaps: stored records on top of the rotations. An override puts a person on
// call for a span; a swap asks someone to take your shifts in a span and, once they accept,
// becomes an override that replaces you only where you were on call.
import type { Collection } from '../../core/ports.js';
import type { Person } from '../../core/people.js';
import type { SkillDeps } from '../../core/skill.js';
import { UserError } from '../../core/errors.js';
import { formatTime } from '../../core/time.js';
import { actorRef, type Actor } from '../../core/types.js';
import type { HandoffAnnouncer } from './handoffs.js';
import type { Override, Swap } from './model.js';
import type { Roster } from './roster.js';
import type { Segment } from './segments.js';
import { swapDecidedMessage, swapRequestMessage } from './swap-cards.js';

const MAX_SPAN_MS = 366 * 86_400_000;

type Deps = Pick<SkillDeps, 'chat' | 'clock' | 'people' | 'audit'>;

/** A span people can act on: ends after it starts, not already over, at most a year long. */
export function checkSpan(start: Date, end: Date, now: Date, zone: string): void {
  if (end <= start) throw new UserError(`The end (${formatTime(end, zone)}) must be after the start (${formatTime(start, zone)}).`);
  if (end <= now) throw new UserError(`That span ended at ${formatTime(end, zone)}; it is already over.`);
  if (end.getTime() - start.getTime() > MAX_SPAN_MS) throw new UserError('That span is longer than a year; use shorter overrides.');
}

export class ScheduleChanges {
  constructor(
    private readonly deps: Deps,
    private readonly roster: Roster,
    private readonly overrides: Collection<Override>,
    private readonly swaps: Collection<Swap>,
    private readonly handoffs: HandoffAnnouncer,
  ) {}

  private schedule(id: string) {
    const r = this.roster.get(id.toLowerCase());
    if (!r) throw new UserError(`There is no schedule "${id.slice(0, 60)}". Schedules: ${this.roster.ids().join(', ') || 'none'}.`);
    return r;
  }

  async override(scheduleId: string, person: Person, start: Date, end: Date, actor: Actor, zone: string): Promise<Override> {
    const rotation = this.schedule(scheduleId);
    const now = this.deps.clock.now();
    checkSpan(start, end, now, zone);
    const o = await this.overrides.create('OVR', (id) => ({
      id,
      scheduleId: rotation.id,
      personId: person.id,
      start: start.toISOString(),
      end: end.toISOString(),
      createdAt: now.toISOString(),
      createdBy: actorRef(actor),
    }));
    await this.deps.audit.record(actor, 'oncall.override', o.id, { schedule: rotation.id, person: person.id, start: o.start, end: o.end });
    await this.handoffs.arm(rotation.id);
    return o;
  }

  async removeOverride(id: string, actor: Actor): Promise<Override> {
    const o = this.overrides.get(id.toUpperCase());
    if (!o || o.removedAt) throw new UserError(`There is no active override ${id.toUpperCase()}.`);
    const now = this.deps.clock.now().toISOString();
    const removed = await this.overrides.update(o.id, (x) => {
      if (x.removedAt) throw new UserError(`${x.id} was already removed.`);
      return { ...x, removedAt: now, removedBy: actorRef(actor) };
    });
    await this.deps.audit.record(actor, 'oncall.override.remove', o.id, { schedule: o.scheduleId });
    await this.handoffs.arm(o.scheduleId);
    return removed;
  }

  /** The requester's own shifts in the span (what a swap would hand over). */
  shiftsOf(scheduleId: string, personId: string, start: Date, end: Date): Segment[] {
    return this.roster.shifts(scheduleId, start, end).filter((s) => s.personId === personId);
  }

  async requestSwap(scheduleId: string, requester: Person, target: Person, start: Date, end: Date, zone: string): Promise<{ swap: Swap; shifts: Segment[] }> {
    const rotation = this.schedule(scheduleId);
    const now = this.deps.clock.now();
    checkSpan(start, end, now, zone);
    if (requester.id === target.id) throw new UserError('You cannot swap with yourself; name the person who should take your shifts.');
    const shifts = this.shiftsOf(rotation.id, requester.id, start, end);
    if (shifts.length === 0) {
      throw new UserError(`You (@${requester.id}) are not on call in ${rotation.name} between ${formatTime(start, zone)} and ${formatTime(end, zone)}; there is nothing to swap.`);
    }
    const swap = await this.swaps.create('SWP', (id) => ({
      id,
      scheduleId: rotation.id,
      requester: requester.id,
      target: target.id,
      start: start.toISOString(),
      end: end.toISOString(),
      status: 'pending',
      createdAt: now.toISOString(),
      refs: [],
    }));
    const refs = await this.deps.chat.dmPerson(target.id, swapRequestMessage(swap, rotation.name, shifts, this.deps.people.zoneOf(target)));
    const stored = refs.length ? await this.swaps.update(swap.id, (s) => ({ ...s, refs: [...s.refs, ...refs] })) : swap;
    return { swap: stored, shifts };
  }

  /** Accept or decline; only the person asked may decide, once. */
  async decideSwap(id: string, actor: Actor, person: Person | undefined, accept: boolean): Promise<Swap> {
    const swap = this.swaps.get(id.toUpperCase());
    if (!swap) throw new UserError(`There is no swap request ${id.toUpperCase()}.`);
    if (!person || person.id !== swap.target) throw new UserError(`Only @${swap.target} can ${accept ? 'accept' : 'decline'} ${swap.id}.`);
    if (swap.status !== 'pending') throw new UserError(`${swap.id} was already ${swap.status}.`);
    const now = this.deps.clock.now();
    if (accept && Date.parse(swap.end) <= now.getTime()) throw new UserError(`${swap.id} covered a span that is already over; ask for a new swap.`);
    let overrideId: string | undefined;
    if (accept) {
      // Idempotent across a crash between the two writes: reuse the swap's override if it exists.
      const existing = this.overrides.filter((o) => o.swapId === swap.id)[0];
      overrideId =
        existing?.id ??
        (
          await this.overrides.create('OVR', (oid) => ({
            id: oid,
            scheduleId: swap.scheduleId,
            personId: swap.target,
            replaces: swap.requester,
            swapId: swap.id,
            start: swap.start,
            end: swap.end,
            createdAt: now.toISOString(),
            createdBy: actorRef(actor),
          }))
        ).id;
    }
    const decided = await this.swaps.update(swap.id, (s) => {
      if (s.status !== 'pending') throw new UserError(`${s.id} was already ${s.status}.`);
      return { ...s, status: accept ? 'accepted' : 'declined', decidedAt: now.toISOString(), overrideId };
    });
    await this.deps.audit.record(actor, accept ? 'oncall.swap.accept' : 'oncall.swap.decline', swap.id, { schedule: swap.scheduleId, override: overrideId });
    const name = this.roster.get(swap.scheduleId)?.name ?? swap.scheduleId;
    await this.deps.chat.update(decided.refs, swapDecidedMessage(decided, name, this.deps.people.zoneOf(person)));
    const requester = this.deps.people.get(swap.requester);
    await this.deps.chat.dmPerson(swap.requester, swapDecidedMessage(decided, name, this.deps.people.zoneOf(requester)));
    if (accept) await this.handoffs.arm(swap.scheduleId);
    return decided;
  }
}
