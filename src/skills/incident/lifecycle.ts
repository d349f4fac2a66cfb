// The use cases after declaration: status updates, severity, roles, notes, pins, page
// acknowledgements and resolution. Each runs its pure transition inside the store's update
// (no lost updates; a refusal stores nothing), records the audit entry, and only then
// refreshes the card, posts where it should, and emits the domain event.
import { escapeMarkup, mention, type OutMessage } from '../../core/card.js';
import type { Severity, VendorConfig } from '../../core/config/index.js';
import type { IncidentEvent } from '../../core/domain-events.js';
import { PermissionError } from '../../core/errors.js';
import type { Collection } from '../../core/ports.js';
import type { SkillDeps } from '../../core/skill.js';
import { actorRef, type Actor, type ActorRef } from '../../core/types.js';
import { escalationCard } from '../vendor/index.js';
import type { Incident, OpenStatus, Role } from './model.js';
import { severityRank } from './severities.js';
import { slaClocks, slaTargets } from './sla.js';
import type { IncidentSpaces } from './spaces.js';
import * as t from './transitions.js';

/** The common payload of the incident.* events. */
export function eventOf(inc: Incident, by: ActorRef, at: string): IncidentEvent {
  return { id: inc.id, title: inc.title, severity: inc.severity, status: inc.status, serviceId: inc.serviceId, teamId: inc.teamId, private: inc.private, by, at };
}

export interface LifecycleHooks {
  /** After an update or severity change: reschedule the reminder. */
  rescheduled(inc: Incident): Promise<void>;
  /** After resolution: cancel the reminder, record time to resolve. */
  resolved(inc: Incident): Promise<void>;
  /** After anything that may meet or move a response-SLA clock (update, severity, commander, page ack, resolve). */
  slaChanged(inc: Incident): Promise<void>;
}

export class Lifecycle {
  constructor(
    private readonly deps: SkillDeps,
    private readonly col: Collection<Incident>,
    private readonly spaces: IncidentSpaces,
    private readonly hooks: LifecycleHooks,
  ) {}

  /** Stores a transition, audits it and refreshes the card in place. */
  private async apply(actor: Actor, id: string, action: string, fn: (cur: Incident) => Incident, details?: Record<string, unknown>): Promise<Incident> {
    const next = await this.col.update(id, fn);
    await this.deps.audit.record(actor, action, id, details);
    await this.spaces.refresh(id);
    return next;
  }

  private change(actor: Actor, now: Date): t.Change {
    return { by: actorRef(actor), now };
  }

  async update(actor: Actor, now: Date, id: string, status: OpenStatus, text: string): Promise<Incident> {
    const inc = await this.apply(actor, id, 'incident.update', (cur) => t.updateStatus(cur, status, text, this.change(actor, now)), { status });
    const body = inc.timeline[inc.timeline.length - 1].text;
    const msg: OutMessage = { text: `📣 **${inc.id}** is **${status}**: ${escapeMarkup(body)} — _${escapeMarkup(actor.name)}_` };
    await this.spaces.toIncident(inc, msg);
    await this.spaces.toAnnouncements(inc, msg);
    await this.hooks.rescheduled(inc);
    await this.hooks.slaChanged(inc);
    await this.deps.events.emit('incident.updated', { ...eventOf(inc, actorRef(actor), inc.lastUpdateAt), text: body });
    return inc;
  }

  async severity(actor: Actor, now: Date, id: string, severity: Severity): Promise<Incident> {
    const person = actor.personId ? this.deps.people.get(actor.personId) : undefined;
    if (severity === 'sev1' && !this.deps.permissions.can(person, 'sev1')) {
      throw new PermissionError(`You can't raise an incident to sev1: ${this.deps.permissions.explain('sev1')}.`);
    }
    const from = this.col.get(id)?.severity;
    // The SLA clocks follow the new severity's targets, still from declaration; a breach stays.
    const withSla = (cur: Incident): Incident => {
      const next = t.changeSeverity(cur, severity, this.change(actor, now));
      const sla = slaClocks(cur.declaredAt, slaTargets(this.deps.config, severity), cur.sla);
      return sla ? { ...next, sla } : { ...next, sla: undefined };
    };
    const inc = await this.apply(actor, id, 'incident.severity', withSla, { from, to: severity });
    const entry = inc.timeline[inc.timeline.length - 1];
    const up = entry.from !== undefined && severityRank(severity) < severityRank(entry.from);
    const msg: OutMessage = { text: `${up ? '⏫' : '⏬'} **${inc.id}** severity ${entry.from} → **${severity}** (${escapeMarkup(this.spaces.severities[severity].name)}) — _${escapeMarkup(actor.name)}_` };
    await this.spaces.toIncident(inc, msg);
    await this.spaces.toAnnouncements(inc, msg);
    await this.hooks.rescheduled(inc);
    await this.hooks.slaChanged(inc);
    await this.deps.events.emit('incident.severity_changed', { ...eventOf(inc, actorRef(actor), entry.at), from: entry.from ?? severity });
    return inc;
  }

  async assign(actor: Actor, now: Date, id: string, role: Role, person: { id: string; name: string }): Promise<Incident> {
    const inc = await this.apply(actor, id, 'incident.assign', (cur) => t.assignRole(cur, role, person, this.change(actor, now)), { role, person: person.id });
    await this.spaces.invite(inc, [person.id]);
    await this.spaces.toIncident(inc, { text: `👤 ${mention(person.id)} is now **${role}** of ${inc.id} — _assigned by ${escapeMarkup(actor.name)}_` });
    await this.hooks.slaChanged(inc);
    return inc;
  }

  async note(actor: Actor, now: Date, id: string, text: string): Promise<Incident> {
    return this.apply(actor, id, 'incident.note', (cur) => t.addNote(cur, text, this.change(actor, now)));
  }

  async pin(actor: Actor, now: Date, id: string, msg: t.PinnedMessage): Promise<Incident> {
    return this.apply(actor, id, 'incident.pin', (cur) => t.pinMessage(cur, msg, this.change(actor, now)), { message: msg.key });
  }

  /** Escalation to a vendor: on the timeline first, then their contact details in the incident channel. */
  async escalateToVendor(actor: Actor, now: Date, id: string, vendor: VendorConfig): Promise<Incident> {
    const inc = await this.apply(actor, id, 'incident.vendor', (cur) => t.escalateToVendor(cur, { id: vendor.id, name: vendor.name, contractId: vendor.contract_id }, this.change(actor, now)), {
      vendor: vendor.id,
    });
    await this.spaces.toIncident(inc, { card: escalationCard(vendor, { incidentId: inc.id, by: actor.name, at: now, zone: this.spaces.teamZone(inc) }), text: `${inc.id} escalated to ${vendor.name}` });
    return inc;
  }

  async resolve(actor: Actor, now: Date, id: string, summary: string | undefined): Promise<Incident> {
    const inc = await this.apply(actor, id, 'incident.resolve', (cur) => t.resolve(cur, summary, this.change(actor, now)));
    const tail = inc.summary ? `: ${escapeMarkup(inc.summary)}` : '';
    const msg: OutMessage = { text: `✅ **${inc.id}** is **resolved**${tail} — _${escapeMarkup(actor.name)}_` };
    await this.spaces.toIncident(inc, msg);
    await this.spaces.toAnnouncements(inc, msg);
    await this.hooks.resolved(inc);
    await this.hooks.slaChanged(inc);
    await this.deps.events.emit('incident.resolved', { ...eventOf(inc, actorRef(actor), inc.resolvedAt ?? now.toISOString()), summary: inc.summary });
    return inc;
  }

  /** The on-call skill's `page.acknowledged`: time to acknowledge, once per page. */
  async pageAcknowledged(incidentId: string, page: { id: string; at: Date; by?: ActorRef }): Promise<void> {
    const cur = this.col.get(incidentId);
    if (!cur || cur.timeline.some((e) => e.ref === `page:${page.id}`)) return;
    const inc = await this.col.update(incidentId, (i) => t.acknowledgePage(i, page));
    await this.spaces.refresh(incidentId);
    await this.hooks.slaChanged(inc);
  }
}
