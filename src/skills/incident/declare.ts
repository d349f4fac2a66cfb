// Declaring an incident: check the input, store INC-n, open its spaces on every platform it
// belongs on, invite the declarer and the service's on-call, post the card and the
// announcement, start the update reminders, and tell the other skills (incident.declared).
import type { Severity } from '../../core/config/index.js';
import { PermissionError, UserError } from '../../core/errors.js';
import type { Collection } from '../../core/ports.js';
import type { SkillDeps } from '../../core/skill.js';
import { actorRef, type Actor, type ChannelRef, type MessageRef } from '../../core/types.js';
import { channelName, memberOf } from './access.js';
import type { Incident } from './model.js';
import { slaClocks, slaTargets } from './sla.js';
import type { IncidentSpaces } from './spaces.js';
import { declare } from './transitions.js';

export interface DeclareRequest {
  actor: Actor;
  /** Where the command was typed: the card goes here when no incident space could be opened. */
  channel: ChannelRef;
  now: Date;
  severity: Severity;
  title: string;
  serviceId?: string;
  private: boolean;
}

export interface Declared {
  incident: Incident;
  /** Whether a dedicated space exists (else the card was posted where it was declared). */
  ownSpace: boolean;
}

export class Declarer {
  constructor(
    private readonly deps: SkillDeps,
    private readonly col: Collection<Incident>,
    private readonly spaces: IncidentSpaces,
    private readonly after: (inc: Incident) => Promise<void>,
  ) {}

  /** The configured service, or a refusal that lists the known ones. */
  service(id: string | undefined): { id: string; team: string } | undefined {
    if (id === undefined) return undefined;
    const s = this.deps.config.services.find((x) => x.id === id.toLowerCase());
    if (!s) {
      const known = this.deps.config.services.map((x) => x.id).join(', ') || 'none are configured';
      throw new UserError(`Unknown service "${id.slice(0, 40)}". Services: ${known}.`);
    }
    return s;
  }

  async declare(req: DeclareRequest): Promise<Declared> {
    const { deps } = this;
    const person = req.actor.personId ? deps.people.get(req.actor.personId) : undefined;
    if (req.severity === 'sev1' && !deps.permissions.can(person, 'sev1')) {
      throw new PermissionError(`You can't declare a sev1: ${deps.permissions.explain('sev1')}. Declare it as sev2; someone who may can raise it.`);
    }
    const service = this.service(req.serviceId);
    const teamId = service?.team ?? deps.config.incidents.default_team;
    const responders = service ? (deps.queries.get('oncall')?.firstResponders(service.id, req.now) ?? []) : [];
    const by = actorRef(req.actor);
    const self = memberOf(req.actor);
    const prefix = deps.config.incidents.channel_prefix;
    const withSla = (inc: Incident): Incident => {
      const sla = slaClocks(inc.declaredAt, slaTargets(deps.config, inc.severity));
      return sla ? { ...inc, sla } : inc;
    };

    const created = await this.col.create('INC', (id) =>
      withSla(declare({
        id,
        title: req.title,
        severity: req.severity,
        serviceId: service?.id,
        teamId,
        private: req.private,
        channelName: channelName(prefix, Number(id.slice(4)), req.title),
        members: [...self.members, ...responders.filter((p) => deps.people.get(p))],
        accounts: self.accounts,
        by,
        now: req.now,
      })),
    );
    await deps.audit.record(req.actor, 'incident.declare', created.id, { severity: created.severity, service: created.serviceId, private: created.private });

    const opened = await this.spaces.open(created, req.actor);
    let inc = opened.channels.length ? await this.col.update(created.id, (i) => ({ ...i, channels: opened.channels })) : created;
    await this.spaces.invite(inc, [...self.members, ...responders], req.actor.personId ? undefined : req.actor);

    const cardMsg = this.spaces.card(inc);
    const cards: MessageRef[] = opened.channels.length ? await this.spaces.toIncident(inc, cardMsg) : await deps.chat.postAll([req.channel], cardMsg);
    const announcements = [...opened.roots, ...(await this.spaces.toAnnouncements(inc, this.spaces.announcement(inc)))];
    if (cards.length || announcements.length) inc = await this.col.update(inc.id, (i) => ({ ...i, cards, announcements }));

    await this.after(inc);
    await deps.events.emit('incident.declared', {
      id: inc.id,
      title: inc.title,
      severity: inc.severity,
      status: inc.status,
      serviceId: inc.serviceId,
      teamId: inc.teamId,
      private: inc.private,
      by,
      at: inc.declaredAt,
    });
    return { incident: inc, ownSpace: opened.channels.length > 0 };
  }
}
