// The root schema of config/switchboard.yaml and its cross-reference checks: every id that
// points somewhere must exist, so a typo is a start-up error with its path, not a 3 a.m. surprise.
import { z } from 'zod';
import { changesSchema } from './changes.js';
import { discordSchema } from './discord.js';
import { escalationPolicySchema, incidentsSchema, scheduleSchema, serviceSchema } from './operations.js';
import { permissionsSchema, personSchema, teamSchema } from './org.js';
import { zoneSchema } from './primitives.js';
import { briefingSchema, standupSchema } from './rituals.js';
import { integrationsSchema, statusSchema } from './status.js';
import { vendorSchema } from './vendors.js';

const rootSchema = z
  .object({
    organisation: z.string().default('Switchboard'),
    timezone: zoneSchema.default('UTC'),
    people: z.array(personSchema).min(1, { error: 'expected at least one person' }),
    teams: z.array(teamSchema).default([]),
    services: z.array(serviceSchema).default([]),
    incidents: incidentsSchema,
    schedules: z.array(scheduleSchema).default([]),
    escalation_policies: z.array(escalationPolicySchema).default([]),
    changes: changesSchema.optional(),
    standups: z.array(standupSchema).default([]),
    briefings: z.array(briefingSchema).default([]),
    status: statusSchema.optional(),
    integrations: integrationsSchema,
    permissions: permissionsSchema,
    discord: discordSchema.optional(),
    vendors: z.array(vendorSchema).default([]),
  })
  .strict();

type Root = z.infer<typeof rootSchema>;
type Path = (string | number)[];

/** Every dangling or duplicate reference of an otherwise valid config, reported through `issue`. */
export function checkReferences(c: Root, issue: (path: Path, message: string) => void): void {
  const unique = (list: { id: string }[], path: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) issue([path, i, 'id'], `duplicate id "${x.id}"`);
      seen.add(x.id);
    });
    return seen;
  };
  const people = unique(c.people, 'people');
  const teams = unique(c.teams, 'teams');
  const services = unique(c.services, 'services');
  const schedules = unique(c.schedules, 'schedules');
  const policies = unique(c.escalation_policies, 'escalation_policies');
  const components = unique(c.status?.components ?? [], 'status.components');
  const groups = new Set((c.status?.groups ?? []).map((g) => g.id));
  const integrations = new Set([...c.integrations.pagerduty, ...c.integrations.opsgenie, ...c.integrations.webhooks].map((x) => x.id));
  const approverGroups = unique(c.changes?.approver_groups ?? [], 'changes.approver_groups');
  unique(c.standups, 'standups');
  unique(c.vendors, 'vendors');
  unique(c.briefings, 'briefings');

  const ref = (set: Set<string>, value: string | undefined, path: Path, what: string) => {
    if (value !== undefined && !set.has(value)) issue(path, `unknown ${what} "${value}"`);
  };
  for (const kind of ['slack', 'discord', 'teams'] as const) {
    const seen = new Map<string, string>();
    c.people.forEach((p, i) => {
      const v = p[kind];
      if (!v) return;
      if (seen.has(v)) issue(['people', i, kind], `${kind} id ${v} is already used by ${seen.get(v)}`);
      seen.set(v, p.id);
    });
  }
  c.teams.forEach((t, i) => t.members.forEach((m, j) => ref(people, m, ['teams', i, 'members', j], 'person')));
  c.services.forEach((s, i) => {
    ref(teams, s.team, ['services', i, 'team'], 'team');
    ref(policies, s.escalation_policy, ['services', i, 'escalation_policy'], 'escalation policy');
    if (c.status) ref(components, s.status_component, ['services', i, 'status_component'], 'status component');
    else if (s.status_component) issue(['services', i, 'status_component'], `unknown status component "${s.status_component}" (there is no status section)`);
  });
  ref(teams, c.incidents.default_team, ['incidents', 'default_team'], 'team');
  c.schedules.forEach((s, i) => {
    ref(teams, s.team, ['schedules', i, 'team'], 'team');
    s.layers.forEach((l, j) =>
      l.members.forEach((m, k) => ref(people, m, s.inline ? ['schedules', i, 'members', k] : ['schedules', i, 'layers', j, 'members', k], 'person')),
    );
  });
  c.escalation_policies.forEach((p, i) => {
    p.levels.forEach((l, j) =>
      l.targets.forEach((t, k) => ref(t.kind === 'schedule' ? schedules : people, t.id, ['escalation_policies', i, 'levels', j, 'targets', k], t.kind)),
    );
    p.integrations.forEach((x, j) => ref(integrations, x, ['escalation_policies', i, 'integrations', j], 'integration'));
  });
  if (c.changes) {
    c.changes.approver_groups.forEach((g, i) => g.members.forEach((m, j) => ref(people, m, ['changes', 'approver_groups', i, 'members', j], 'person')));
    for (const risk of ['low', 'medium', 'high', 'emergency'] as const) {
      const q = c.changes.approvals?.[risk];
      if (q) ref(approverGroups, q.group, ['changes', 'approvals', risk, 'group'], 'approver group');
    }
    c.changes.freeze_windows.forEach((f, i) => {
      if (f.end.replace(' ', 'T') <= f.start.replace(' ', 'T')) issue(['changes', 'freeze_windows', i, 'end'], `end ${f.end} is not after start ${f.start}`);
      f.services?.forEach((s, j) => ref(services, s, ['changes', 'freeze_windows', i, 'services', j], 'service'));
    });
    c.changes.templates.forEach((t, i) => ref(services, t.service, ['changes', 'templates', i, 'service'], 'service'));
  }
  c.standups.forEach((s, i) => ref(teams, s.team, ['standups', i, 'team'], 'team'));
  c.briefings.forEach((b, i) => b.teams.forEach((t, j) => ref(teams, t, ['briefings', i, 'teams', j], 'team')));
  c.status?.components.forEach((comp, i) => ref(groups, comp.group, ['status', 'components', i, 'group'], 'component group'));
  c.status?.monitors.forEach((m, i) => ref(components, m.component, ['status', 'monitors', i, 'component'], 'status component'));
  checkHeartbeats(c, components, services, issue);
  c.vendors.forEach((v, i) => v.services.forEach((s, j) => ref(services, s, ['vendors', i, 'services', j], 'service')));
  c.permissions.admins.forEach((a, i) => ref(people, a, ['permissions', 'admins', i], 'person'));
  for (const perm of ['changes', 'schedules', 'status', 'sev1'] as const) {
    c.permissions[perm]?.forEach((p, i) => {
      if (p.startsWith('team:')) ref(teams, p.slice(5), ['permissions', perm, i], 'team');
      else ref(people, p, ['permissions', perm, i], 'person');
    });
  }
}

/** Heartbeats: unique ids and tokens, known component and service, and someone to page when `page: true`. */
function checkHeartbeats(c: Root, components: Set<string>, services: Set<string>, issue: (path: Path, message: string) => void): void {
  const list = c.status?.heartbeats ?? [];
  const ids = new Set<string>();
  const tokens = new Map<string, number>();
  list.forEach((h, i) => {
    const at = (...rest: (string | number)[]): Path => ['status', 'heartbeats', i, ...rest];
    if (ids.has(h.id)) issue(at('id'), `duplicate id "${h.id}"`);
    ids.add(h.id);
    // Never echo a token: name the other heartbeat instead.
    const twin = tokens.get(h.token);
    if (twin !== undefined) issue(at('token'), `the same token as status.heartbeats[${twin}] (${list[twin].id}); give each job its own secret`);
    else tokens.set(h.token, i);
    if (h.component !== undefined && !components.has(h.component)) issue(at('component'), `unknown status component "${h.component}"`);
    if (h.service !== undefined && !services.has(h.service)) issue(at('service'), `unknown service "${h.service}"`);
    if (!h.page) return;
    const service = h.service !== undefined ? c.services.find((s) => s.id === h.service) : c.services.find((s) => h.component !== undefined && s.status_component === h.component);
    if (!service) {
      if (h.service === undefined) issue(at('page'), 'page: true needs a service to page: add service: <id> (or link a component that a service moves)');
    } else if (!service.escalation_policy) issue(at('page'), `page: true, but service "${service.id}" has no escalation_policy to page`);
  });
}

/** Cross-references run only on a config whose every field already parsed. */
export const configSchema = rootSchema.check((ctx) => {
  if (ctx.issues.length > 0) return;
  checkReferences(ctx.value, (path, message) => ctx.issues.push({ code: 'custom', path, message, input: undefined }));
});
export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
