// The postmortem as Markdown: summary, impact, key times and durations, severity history,
// roles, the whole timeline in the team's zone, contributing changes and an action-item
// placeholder. Pure: the service gathers the inputs, the HTTP route and chat serve the text.
import type { ChangeView } from '../../core/queries.js';
import { formatDuration } from '../../core/time.js';
import { entryText, entryWho, fullTime, keyDurations, maybeDuration } from './format.js';
import { ROLES, SLA_KINDS, type Incident } from './model.js';
import type { SeverityTable } from './severities.js';
import { doneAt, SLA_WORDS, slaOutcome } from './sla.js';
import { acknowledgedAt, timelineInOrder } from './transitions.js';

export interface PostmortemInput {
  severities: SeverityTable;
  serviceName: (id: string) => string;
  name: (personId: string) => string;
  teamName?: string;
  /** The team's zone: every time in the document is in it. */
  zone: string;
  now: Date;
  /** Changes on the incident's service in the 24 h before it; undefined when the change skill is not running. */
  changes?: ChangeView[];
}

/** How far back a change counts as contributing. */
export const CONTRIBUTING_WINDOW_MS = 24 * 3_600_000;

/** One table cell: no pipes or line breaks from user text. */
const cell = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*[\r\n]+\s*/g, ' ');

function keyTimes(inc: Incident, p: PostmortemInput): string[] {
  const d = keyDurations(inc, p.now);
  const row = (what: string, at: string | undefined, since: number | undefined) => `| ${what} | ${at ? fullTime(at, p.zone) : '—'} | ${maybeDuration(since)} |`;
  return [
    '| | time | after declaration |',
    '|---|---|---|',
    row('Declared', inc.declaredAt, 0),
    row('Acknowledged', acknowledgedAt(inc), d.acknowledge),
    row('Mitigated', inc.mitigatedAt, d.mitigate),
    row('Resolved', inc.resolvedAt, d.resolve),
    '',
    `- **Time to acknowledge:** ${maybeDuration(d.acknowledge, 'not acknowledged')}`,
    `- **Time to mitigate:** ${maybeDuration(d.mitigate, 'not mitigated yet')}`,
    `- **Time to resolve:** ${maybeDuration(d.resolve, 'not resolved yet')}`,
  ];
}

/** Each response-SLA clock: target, due, when it was done, met or breached. */
function responseSla(inc: Incident, p: PostmortemInput): string[] {
  const rows = SLA_KINDS.flatMap((kind) => {
    const clock = inc.sla?.[kind];
    const outcome = slaOutcome(inc, kind, p.now);
    if (!clock || !outcome) return [];
    const done = doneAt(inc, kind);
    const target = formatDuration(Date.parse(clock.dueAt) - Date.parse(inc.declaredAt));
    const actual = done ? `${fullTime(done, p.zone)} (${formatDuration(Date.parse(done) - Date.parse(inc.declaredAt))})` : `not ${SLA_WORDS[kind].verb}`;
    const result = outcome === 'met' ? '✅ met' : outcome === 'breached' ? '❌ breached' : '⏱ running';
    return [`| Time to ${SLA_WORDS[kind].noun} | ${target} | ${fullTime(clock.dueAt, p.zone)} | ${actual} | ${result} |`];
  });
  if (rows.length === 0) return [`_No response SLA is configured for ${inc.severity}._`];
  return ['| target | within | due | done | result |', '|---|---|---|---|---|', ...rows];
}

function contributing(inc: Incident, p: PostmortemInput): string[] {
  if (!inc.serviceId) return ['_No service was named for this incident, so no changes are linked._'];
  if (p.changes === undefined) return ['_Change history is not available (the change skill is not running)._'];
  if (p.changes.length === 0) return [`_No changes on ${cell(p.serviceName(inc.serviceId))} in the 24 hours before the incident._`];
  return [
    '| change | title | risk | state | window |',
    '|---|---|---|---|---|',
    ...p.changes.map((c) => `| ${c.id} | ${cell(c.title)} | ${c.risk} | ${c.state} | ${fullTime(c.start, p.zone)} – ${fullTime(c.end, p.zone)} |`),
  ];
}

export function postmortemMarkdown(inc: Incident, p: PostmortemInput): string {
  const sev = p.severities[inc.severity];
  const d = keyDurations(inc, p.now);
  const service = inc.serviceId ? `${p.serviceName(inc.serviceId)} (\`${inc.serviceId}\`)` : 'not named';
  const out: string[] = [
    `# Postmortem: ${inc.id} — ${inc.title}`,
    '',
    inc.status === 'resolved' ? `_Generated ${fullTime(p.now.toISOString(), p.zone)}._` : `> **Draft:** ${inc.id} is still ${inc.status}; times and timeline are as of ${fullTime(p.now.toISOString(), p.zone)}.`,
    '',
    `- **Severity:** ${inc.severity} (${sev.name})`,
    `- **Status:** ${inc.status}`,
    `- **Service:** ${service}`,
    ...(p.teamName ? [`- **Team:** ${p.teamName}`] : []),
    `- **Declared:** ${fullTime(inc.declaredAt, p.zone)} by ${inc.declaredBy.name} (${inc.declaredBy.platform})`,
    `- **Visibility:** ${inc.private ? 'private' : 'public'}`,
    '',
    '## Summary',
    '',
    inc.summary ?? '_No summary was given at resolution. Describe what happened, why, and what fixed it._',
    '',
    '## Impact',
    '',
    `- ${sev.name} (${inc.severity}): ${sev.description || 'no description configured'}`,
    `- Affected service: ${service}`,
    `- Duration: ${formatDuration(d.age)}${inc.status === 'resolved' ? '' : ' so far'}`,
    '- Customers affected: _to be filled in_',
    '',
    '## Key times',
    '',
    ...keyTimes(inc, p),
    '',
    '## Response SLA',
    '',
    ...responseSla(inc, p),
    '',
    '## Severity history',
    '',
    ...inc.severityHistory.map((s, i) => `- ${fullTime(s.at, p.zone)} — ${i === 0 ? 'declared as' : 'changed to'} ${s.severity} (${p.severities[s.severity].name})${s.by ? ` by ${s.by.name}` : ''}`),
    '',
    '## Roles',
    '',
    ...ROLES.map((r) => `- **${r}:** ${inc.roles[r] ? p.name(inc.roles[r]!) : 'unassigned'}`),
    '',
    `## Timeline (${p.zone})`,
    '',
    '| time | who | what |',
    '|---|---|---|',
    ...timelineInOrder(inc).map((e) => `| ${fullTime(e.at, p.zone)} | ${cell(entryWho(e))} | ${cell(entryText(e, p.name))} |`),
    '',
    '## Contributing changes',
    '',
    ...contributing(inc, p),
    '',
    '## Action items',
    '',
    '- [ ] _Action item — owner — due date_',
    '- [ ] _Action item — owner — due date_',
    '',
  ];
  return out.join('\n');
}
