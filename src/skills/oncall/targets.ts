// What `page <schedule|service|person>` (and the page events) point at, turned into the
// escalation policy the page follows: a service's policy, a named policy, or — for a schedule
// or a person — a direct policy that renotifies every 15 minutes, twice.
import type { Config, EscalationPolicyConfig } from '../../core/config/index.js';
import { UserError } from '../../core/errors.js';
import type { Directory } from '../../core/people.js';
import type { PlatformId } from '../../core/types.js';
import type { PolicySnapshot, Target } from './model.js';

export const DIRECT_AFTER_MS = 15 * 60_000;
export const DIRECT_REPEAT = 2;

export interface ResolvedTarget {
  /** `service:api`, `schedule:platform-primary`, `person:bob`, `policy:platform-default`. */
  label: string;
  policy: PolicySnapshot;
  serviceId?: string;
  /** The team whose channel hears about it. */
  teamId?: string;
}

export function snapshot(p: EscalationPolicyConfig): PolicySnapshot {
  return { id: p.id, name: p.name ?? p.id, levels: p.levels.map((l) => ({ targets: l.targets, afterMs: l.after })), repeat: p.repeat, integrations: p.integrations };
}

function direct(config: Config, target: Target, name: string): PolicySnapshot {
  // A schedule paged directly reaches the integrations of every policy that pages it.
  const integrations =
    target.kind === 'schedule'
      ? [...new Set(config.escalation_policies.filter((p) => p.levels.some((l) => l.targets.some((t) => t.kind === 'schedule' && t.id === target.id))).flatMap((p) => p.integrations))]
      : [];
  return { name, levels: [{ targets: [target], afterMs: DIRECT_AFTER_MS }], repeat: DIRECT_REPEAT, integrations };
}

/** The policy a service pages; UserError when it has none. */
export function serviceTarget(config: Config, serviceId: string): ResolvedTarget {
  const service = config.services.find((s) => s.id === serviceId);
  if (!service) throw new UserError(`There is no service "${serviceId}". Services: ${config.services.map((s) => s.id).join(', ') || 'none'}.`);
  const policy = config.escalation_policies.find((p) => p.id === service.escalation_policy);
  if (!policy) throw new UserError(`Service ${service.id} has no escalation policy; page its schedule or a person instead.`);
  return { label: `service:${service.id}`, policy: snapshot(policy), serviceId: service.id, teamId: service.team };
}

export function policyTarget(config: Config, policyId: string): ResolvedTarget {
  const policy = config.escalation_policies.find((p) => p.id === policyId);
  if (!policy) throw new UserError(`There is no escalation policy "${policyId}".`);
  const service = config.services.find((s) => s.escalation_policy === policyId);
  return { label: `policy:${policy.id}`, policy: snapshot(policy), teamId: service?.team };
}

export function scheduleTarget(config: Config, scheduleId: string): ResolvedTarget {
  const schedule = config.schedules.find((s) => s.id === scheduleId);
  if (!schedule) throw new UserError(`There is no schedule "${scheduleId}". Schedules: ${config.schedules.map((s) => s.id).join(', ') || 'none'}.`);
  return { label: `schedule:${schedule.id}`, policy: direct(config, { kind: 'schedule', id: schedule.id }, `schedule ${schedule.name}`), teamId: schedule.team };
}

export function personTarget(config: Config, people: Directory, personId: string): ResolvedTarget {
  const person = people.get(personId);
  if (!person) throw new UserError(`There is no person "${personId}".`);
  return { label: `person:${person.id}`, policy: direct(config, { kind: 'person', id: person.id }, `person ${person.name}`), teamId: people.teamsOf(person.id)[0] };
}

/** Reads `<schedule|service|person>` as typed: `api`, `service:api`, `@bob`, `<@U123>`, `policy:x`. */
export function resolvePageTarget(word: string, config: Config, people: Directory, platform: PlatformId): ResolvedTarget {
  const prefixed = /^(service|schedule|person|policy):(.+)$/i.exec(word);
  if (prefixed) {
    const kind = prefixed[1].toLowerCase();
    const id = prefixed[2].toLowerCase();
    if (kind === 'service') return serviceTarget(config, id);
    if (kind === 'schedule') return scheduleTarget(config, id);
    if (kind === 'policy') return policyTarget(config, id);
    const p = people.resolve(prefixed[2], platform);
    if (!p) throw new UserError(`There is no person "${prefixed[2].slice(0, 60)}".`);
    return personTarget(config, people, p.id);
  }
  const id = word.toLowerCase();
  const isMention = word.startsWith('@') || word.startsWith('<');
  const matches = isMention
    ? []
    : (
        [
          ['service', config.services.some((s) => s.id === id)],
          ['schedule', config.schedules.some((s) => s.id === id)],
        ] as const
      ).filter(([, hit]) => hit);
  if (matches.length > 1) throw new UserError(`"${id}" is both a service and a schedule; write service:${id} or schedule:${id}.`);
  if (matches[0]?.[0] === 'service') return serviceTarget(config, id);
  if (matches[0]?.[0] === 'schedule') return scheduleTarget(config, id);
  const person = people.resolve(word, platform);
  if (person) return personTarget(config, people, person.id);
  if (!isMention && config.escalation_policies.some((p) => p.id === id)) return policyTarget(config, id);
  throw new UserError(
    `"${word.slice(0, 60)}" is not a schedule, service or person. Schedules: ${config.schedules.map((s) => s.id).join(', ') || 'none'}; services: ${config.services.map((s) => s.id).join(', ') || 'none'}; people as @id.`,
  );
}
