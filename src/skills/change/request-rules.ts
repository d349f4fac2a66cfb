// The rules of a new change request, as one pure function: the input and what it needs to
// know (config, freezes, the linked incident, other open changes) in; a valid new record and
// its warnings out, or a UserError that says what to fix. Nothing is stored when it throws.
import type { ChangesConfig, Risk } from '../../core/config/index.js';
import { UserError } from '../../core/errors.js';
import type { IncidentView } from '../../core/queries.js';
import { formatDuration, formatTime } from '../../core/time.js';
import type { ActorRef } from '../../core/types.js';
import { describeFreeze, freezesOverlapping, type FreezeWindow } from './freeze.js';
import { isOpen, windowsOverlap, withHistory, type Change, type ChangeType } from './model.js';
import { eligibleApprovers, policyOf, quorumFor } from './policy.js';

/** How far in the past a window may start (a typed `now` is a few seconds old when handled). */
export const START_GRACE_MS = 5 * 60_000;

export interface RequestInput {
  title?: string;
  risk?: Risk;
  type?: ChangeType;
  start: Date;
  end: Date;
  serviceId?: string;
  incidentId?: string;
  templateId?: string;
  rollback?: string;
}

export interface RequestContext {
  now: Date;
  by: ActorRef;
  /** The requester's zone, for the times in messages. */
  zone: string;
  cfg: ChangesConfig;
  services: readonly { id: string; name: string }[];
  freezes: readonly FreezeWindow[];
  /** The linked incident; 'unavailable' when no incident skill is running to ask. */
  incident?: IncidentView | 'unavailable';
  /** Every known change (only open ones on the same service count as overlapping). */
  others: readonly Change[];
}

export type NewChange = Omit<Change, 'id'>;

const list = (xs: readonly string[]) => xs.join(', ') || 'none';

function template(input: RequestInput, cfg: ChangesConfig): ChangesConfig['templates'][number] | undefined {
  const type = input.type ?? (input.templateId ? 'standard' : 'normal');
  const names = cfg.templates.map((t) => t.id);
  if (type !== 'standard') {
    if (input.templateId) throw new UserError(`template: is only for standard changes (type:standard); this one is type:${type}.`);
    return undefined;
  }
  if (!input.templateId) throw new UserError(`A standard change follows a pre-approved template: add template:<id> (templates: ${list(names)}).`);
  const t = cfg.templates.find((x) => x.id === input.templateId?.toLowerCase());
  if (!t) throw new UserError(`There is no standard change template "${input.templateId}" (templates: ${list(names)}).`);
  return t;
}

function checkWindow(input: RequestInput, type: ChangeType, ctx: RequestContext): void {
  const at = (d: Date) => formatTime(d, ctx.zone);
  if (input.end.getTime() <= input.start.getTime()) {
    throw new UserError(`The window ends (${at(input.end)}) before it starts (${at(input.start)}): end: must be after start:.`);
  }
  if (input.end.getTime() <= ctx.now.getTime()) {
    throw new UserError(`That window is in the past: it ended ${at(input.end)} (now is ${at(ctx.now)}). Pick a window that ends in the future.`);
  }
  if (type !== 'emergency' && input.start.getTime() < ctx.now.getTime() - START_GRACE_MS) {
    throw new UserError(`The window starts in the past (${at(input.start)}, now is ${at(ctx.now)}). Use start:now or a later time.`);
  }
}

function checkIncident(input: RequestInput, type: ChangeType, ctx: RequestContext): void {
  if (type === 'emergency' && !input.incidentId) {
    throw new UserError('An emergency change needs a linked open incident: add incident:INC-<n> (declare one with `incident declare`).');
  }
  if (!input.incidentId) return;
  const inc = ctx.incident;
  if (inc === 'unavailable') {
    if (type === 'emergency') throw new UserError(`Incidents are not available in this Switchboard, so ${input.incidentId} cannot be checked and an emergency change cannot be linked.`);
    return;
  }
  if (!inc) throw new UserError(`There is no incident ${input.incidentId}.`);
  if (type === 'emergency' && inc.status === 'resolved') {
    throw new UserError(`${inc.id} is resolved; an emergency change needs an open incident. Request a normal change instead.`);
  }
}

/** Validates a request and builds the new change (state pending, or approved at once). */
export function buildRequest(input: RequestInput, ctx: RequestContext): { change: NewChange; warnings: string[] } {
  const tpl = template(input, ctx.cfg);
  const type: ChangeType = tpl ? 'standard' : (input.type ?? 'normal');
  if (tpl && input.risk && input.risk !== tpl.risk) throw new UserError(`Template ${tpl.id} is a ${tpl.risk}-risk standard change; leave out risk: or request a normal change.`);
  if (tpl?.service && input.serviceId && input.serviceId !== tpl.service) throw new UserError(`Template ${tpl.id} is for service ${tpl.service}, not ${input.serviceId}.`);
  const title = (input.title ?? tpl?.title ?? '').trim();
  if (!title) throw new UserError('Missing <title…>: what the change does.');
  const risk = tpl?.risk ?? input.risk;
  if (!risk) throw new UserError('Missing risk: (low, medium or high).');
  const serviceId = (tpl?.service ?? input.serviceId)?.toLowerCase();
  if (serviceId !== undefined && !ctx.services.some((s) => s.id === serviceId)) {
    throw new UserError(`Unknown service "${serviceId}". Services: ${list(ctx.services.map((s) => s.id))}.`);
  }
  checkWindow(input, type, ctx);
  checkIncident(input, type, ctx);
  if (type === 'normal') {
    const frozen = freezesOverlapping(ctx.freezes, input.start, input.end, serviceId);
    if (frozen.length) {
      throw new UserError(
        `The window runs into the freeze window ${frozen.map(describeFreeze).join(' and ')}: normal changes are blocked then. Pick a window outside it, or for an urgent fix use type:emergency incident:INC-<n>.`,
      );
    }
  }

  const quorum = quorumFor(ctx.cfg, risk, type);
  const policy = policyOf(ctx.cfg, quorum.group, quorum.count);
  const eligible = eligibleApprovers(policy, ctx.by.personId);
  if (eligible.length < quorum.count) {
    throw new UserError(
      `A ${risk}-risk change needs ${quorum.count} approval(s) from ${policy.groupName} (${list(policy.members)}), but only ${eligible.length} of them can approve a change you requested. Ask another member to request it, or an admin to adjust the group.`,
    );
  }

  const overlaps = serviceId
    ? ctx.others.filter((o) => o.serviceId === serviceId && isOpen(o.state) && windowsOverlap(input.start, input.end, new Date(o.start), new Date(o.end)))
    : [];
  const warnings = overlaps.map(
    (o) => `Overlaps ${o.id} on ${serviceId} (${o.title}, ${formatTime(new Date(o.start), ctx.zone)} – ${formatTime(new Date(o.end), ctx.zone)}, ${o.state.replace('_', ' ')}).`,
  );
  if (risk === 'high' && !input.rollback && !tpl?.rollback) warnings.push('A high-risk change without a rollback plan: add one with rollback:"…" in a new request if you can.');

  const iso = ctx.now.toISOString();
  let change: NewChange = {
    title,
    risk,
    type,
    state: type === 'normal' ? 'pending' : 'approved',
    serviceId,
    incidentId: input.incidentId?.toUpperCase(),
    templateId: tpl?.id,
    rollback: input.rollback ?? tpl?.rollback,
    start: input.start.toISOString(),
    end: input.end.toISOString(),
    requestedBy: ctx.by,
    approverGroup: quorum.group,
    approvalsNeeded: quorum.count,
    approvals: [],
    review: type === 'emergency' ? { state: 'pending' } : undefined,
    overlaps: overlaps.map((o) => o.id),
    messages: [],
    history: [],
    createdAt: iso,
    updatedAt: iso,
  };
  change = withHistory(change, ctx.now, ctx.by, 'requested', `${type}, ${risk} risk, window ${formatDuration(input.end.getTime() - input.start.getTime())}`);
  if (type === 'standard') change = withHistory(change, ctx.now, ctx.by, 'approved', `pre-approved standard change (template ${tpl?.id})`);
  if (type === 'emergency') change = withHistory(change, ctx.now, ctx.by, 'approved', `emergency change for ${change.incidentId}; reviewed after by ${policy.groupName}`);
  return { change, warnings };
}
