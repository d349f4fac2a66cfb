// The incident skill's parts wired together, and the small look-ups the commands share:
// which incident a command means, which person a word names, what a person may see, and
// the postmortem with its inputs gathered from the other skills.
import type { FileAttachment, Reply } from '../../core/card.js';
import type { VendorConfig } from '../../core/config/index.js';
import { UserError } from '../../core/errors.js';
import type { Person } from '../../core/people.js';
import type { Collection } from '../../core/ports.js';
import type { ChangeView } from '../../core/queries.js';
import type { CommandContext, SkillDeps } from '../../core/skill.js';
import type { Actor, ChannelRef } from '../../core/types.js';
import { findVendor, vendorsOf } from '../vendor/index.js';
import { canSee } from './access.js';
import { Declarer } from './declare.js';
import { Lifecycle } from './lifecycle.js';
import type { Incident } from './model.js';
import { CONTRIBUTING_WINDOW_MS, postmortemMarkdown } from './postmortem.js';
import { Reminders } from './reminders.js';
import { SlaTimers } from './sla-timers.js';
import { IncidentSpaces } from './spaces.js';
import { incidentByChannel, incidentMetrics, openIncidents } from './views.js';

/** Change states that can have touched production. */
const CONTRIBUTING_STATES = new Set(['approved', 'in_progress', 'completed', 'failed']);

export class IncidentParts {
  readonly spaces: IncidentSpaces;
  readonly reminders: Reminders;
  readonly sla: SlaTimers;
  readonly declarer: Declarer;
  readonly lifecycle: Lifecycle;

  constructor(
    readonly deps: SkillDeps,
    readonly col: Collection<Incident>,
  ) {
    this.spaces = new IncidentSpaces(deps, (id) => col.get(id));
    this.reminders = new Reminders(deps, col, this.spaces);
    this.sla = new SlaTimers(deps, col, this.spaces);
    const observeResolved = incidentMetrics(deps, col);
    this.declarer = new Declarer(deps, col, this.spaces, async (inc) => {
      await this.reminders.schedule(inc);
      await this.sla.arm(inc);
    });
    this.lifecycle = new Lifecycle(deps, col, this.spaces, {
      rescheduled: (inc) => this.reminders.schedule(inc),
      resolved: async (inc) => {
        await this.reminders.cancel(inc.id);
        observeResolved(inc);
      },
      slaChanged: (inc) => this.sla.arm(inc),
    });
  }

  private isAdmin(actor: Actor): boolean {
    return this.deps.permissions.isAdmin(actor.personId);
  }

  /** The incident an id names, or the one whose channel this is; unknown and hidden look alike. */
  find(ctx: Pick<CommandContext, 'actor' | 'channel'>, rawId: string | undefined): Incident {
    if (rawId === undefined) {
      const here = incidentByChannel(this.col, ctx.channel);
      if (!here) throw new UserError('Which incident? Give its id (e.g. INC-7), or run this in the incident’s own channel.');
      return here;
    }
    const id = rawId.toUpperCase();
    const inc = this.col.get(id);
    if (!inc || !canSee(inc, ctx.actor, ctx.channel, this.isAdmin(ctx.actor))) {
      throw new UserError(`There is no incident ${id.slice(0, 20)}. \`incident list all\` shows the ones you can see.`);
    }
    return inc;
  }

  /** The incident whose channel a reaction happened in. */
  inChannel(channel: ChannelRef): Incident | undefined {
    return incidentByChannel(this.col, channel);
  }

  /** `me`, a mention or `@id` of a configured person. */
  person(ctx: CommandContext, raw: string): Person {
    if (raw.toLowerCase() === 'me') {
      if (!ctx.person) throw new UserError(`Your ${ctx.actor.platform} account is not linked to anyone in the config, so "me" names nobody. Name a person by @id.`);
      return ctx.person;
    }
    const p = this.deps.people.resolve(raw, ctx.actor.platform);
    if (!p) {
      const known = this.deps.people.all().map((x) => `@${x.id}`);
      throw new UserError(`No person "${raw.slice(0, 60)}" in the config (known: ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', …' : ''}).`);
    }
    return p;
  }

  /** Incidents this actor may see: open ones most severe first, or all newest first. */
  visible(ctx: Pick<CommandContext, 'actor' | 'channel'>, which: 'open' | 'all'): Incident[] {
    const list = which === 'open' ? openIncidents(this.col) : [...this.col.all()].sort((a, b) => b.number - a.number);
    return list.filter((i) => canSee(i, ctx.actor, ctx.channel, this.isAdmin(ctx.actor)));
  }

  /** The vendor an escalation means: the one named, else the service's only one. */
  vendorFor(inc: Incident, raw: string | undefined): VendorConfig {
    const { config } = this.deps;
    const linked = vendorsOf(config, inc.serviceId);
    if (raw !== undefined) {
      const v = findVendor(config, raw);
      if (!v) throw new UserError(`No vendor "${raw.slice(0, 60)}". ${config.vendors.length ? `Vendors: ${config.vendors.map((x) => x.id).join(', ')}.` : 'None are configured (`vendors` in the config).'}`);
      return v;
    }
    if (linked.length === 1) return linked[0];
    if (linked.length > 1) throw new UserError(`${inc.id}'s service has ${linked.length} vendors; name one: ${linked.map((v) => v.id).join(', ')}.`);
    const service = inc.serviceId ? `its service ${inc.serviceId}` : 'it names no service';
    throw new UserError(`No vendor is linked to ${inc.id} (${service}). Name one${config.vendors.length ? `: ${config.vendors.map((v) => v.id).join(', ')}` : ' (none are configured)'}.`);
  }

  /** Changes on the incident's service in the 24 h before it; undefined without the change skill. */
  private contributingChanges(inc: Incident): ChangeView[] | undefined {
    const changes = this.deps.queries.get('changes');
    if (!changes || !inc.serviceId) return changes ? [] : undefined;
    const at = Date.parse(inc.declaredAt);
    return changes
      .inWindow(new Date(at - CONTRIBUTING_WINDOW_MS), new Date(at))
      .filter((c) => c.serviceId === inc.serviceId && CONTRIBUTING_STATES.has(c.state))
      .sort((a, b) => a.start.localeCompare(b.start));
  }

  markdown(inc: Incident): string {
    const cx = this.spaces.cardContext(this.spaces.teamZone(inc));
    const team = this.deps.config.teams.find((t) => t.id === inc.teamId);
    return postmortemMarkdown(inc, { ...cx, teamName: team?.name, changes: this.contributingChanges(inc) });
  }

  postmortemUrl(inc: Incident): string {
    return `${this.deps.publicUrl}/incidents/${inc.id}/postmortem.md`;
  }

  /** Posts the postmortem file in the incident's channels; answers with where to find it. */
  async postmortem(ctx: CommandContext, inc: Incident): Promise<Reply> {
    const file: FileAttachment = { filename: `${inc.id}-postmortem.md`, title: `Postmortem ${inc.id}: ${inc.title}`, content: this.markdown(inc), mimeType: 'text/markdown' };
    await Promise.all(
      inc.channels.map(async (ch) => {
        const port = this.deps.chat.port(ch.platform);
        await port?.uploadFile(ch, file).catch((e) => this.deps.log.warn({ err: { message: (e as Error).message }, incident: inc.id }, 'postmortem upload failed'));
      }),
    );
    const link = inc.private ? 'It is private, so it is not served over HTTP.' : `Also at ${this.postmortemUrl(inc)}`;
    // Without an incident channel, the file comes with the answer instead.
    if (!inc.channels.length) return { text: `📄 Postmortem of ${inc.id}. ${link}`, file };
    return { ephemeral: true, text: `📄 Postmortem of ${inc.id} posted in its channel. ${link}` };
  }
}
