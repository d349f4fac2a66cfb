// Forms of the incident skill (Slack modals, Discord modals, Adaptive Card inputs). Each fills
// the command it stands for, so a submitted form runs exactly what typing would.
import type { Form } from '../../core/card.js';
import { SEVERITIES } from '../../core/config/index.js';
import { OPEN_STATUSES, ROLES, TEXT_MAX, TITLE_MAX, type Incident } from './model.js';
import type { SeverityTable } from './severities.js';

/** Static selects are capped at 100 options (Slack's limit). */
const MAX_OPTIONS = 100;

export function declareForm(severities: SeverityTable, services: Array<{ id: string; name: string }>): Form {
  return {
    title: 'Declare an incident',
    submitLabel: 'Declare',
    command: 'incident declare {severity} {title} service:{service} visibility:{visibility}',
    inputs: [
      { type: 'text', id: 'title', label: 'What is broken?', placeholder: 'Checkout fails for card payments', maxLength: TITLE_MAX },
      {
        type: 'select',
        id: 'severity',
        label: 'Severity',
        options: SEVERITIES.map((s) => ({ label: `${s} · ${severities[s].name} — ${severities[s].description}`.slice(0, 75), value: s })),
        initial: 'sev3',
      },
      { type: 'select', id: 'service', label: 'Service', optional: true, options: services.slice(0, MAX_OPTIONS).map((s) => ({ label: s.name, value: s.id })) },
      {
        type: 'select',
        id: 'visibility',
        label: 'Visibility',
        options: [
          { label: 'Public: announced to the team', value: 'public' },
          { label: 'Private: invited people only', value: 'private' },
        ],
        initial: 'public',
      },
    ],
  };
}

export function updateForm(inc: Incident): Form {
  return {
    title: `Update ${inc.id}`,
    submitLabel: 'Post update',
    command: `incident update ${inc.id} {status} {text}`,
    inputs: [
      { type: 'select', id: 'status', label: 'Status', options: OPEN_STATUSES.map((s) => ({ label: s, value: s })), initial: inc.status === 'resolved' ? undefined : inc.status },
      { type: 'text', id: 'text', label: 'What changed?', multiline: true, maxLength: TEXT_MAX },
    ],
  };
}

export function noteForm(inc: Incident): Form {
  return {
    title: `Note on ${inc.id}`,
    submitLabel: 'Add to timeline',
    command: `incident note ${inc.id} {text}`,
    inputs: [{ type: 'text', id: 'text', label: 'Note', multiline: true, maxLength: TEXT_MAX }],
  };
}

export function assignForm(inc: Incident, people: Array<{ id: string; name: string }>): Form {
  return {
    title: `Assign a role on ${inc.id}`,
    submitLabel: 'Assign',
    command: `incident assign ${inc.id} {role} {person}`,
    inputs: [
      { type: 'select', id: 'role', label: 'Role', options: ROLES.map((r) => ({ label: r, value: r })), initial: 'commander' },
      { type: 'select', id: 'person', label: 'Person', options: people.slice(0, MAX_OPTIONS).map((p) => ({ label: p.name, value: p.id })) },
    ],
  };
}

export function resolveForm(inc: Incident): Form {
  return {
    title: `Resolve ${inc.id}`,
    submitLabel: 'Resolve',
    command: `incident resolve ${inc.id} {summary}`,
    inputs: [{ type: 'text', id: 'summary', label: 'Summary: what happened and what fixed it', multiline: true, optional: true, maxLength: TEXT_MAX }],
  };
}
