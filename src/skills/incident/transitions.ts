// The incident state machine as pure functions: each takes the current record and returns
// the next one, or throws a UserError a person can act on. No I/O, no clock: `now` comes in.
//
//   investigating ⇄ identified ⇄ monitoring  (any open status to any other, or the same one
//   with new text) → resolved (final). Severity, roles and pins change while open; notes and
//   pins are also taken after resolution, for the postmortem.
import type { Severity } from '../../core/config/index.js';
import { UserError } from '../../core/errors.js';
import { formatDuration } from '../../core/time.js';
import type { ActorRef } from '../../core/types.js';
import { OPEN_STATUSES, ROLES, TEXT_MAX, TITLE_MAX, type Incident, type OpenStatus, type Role, type TimelineEntry } from './model.js';

/** Who changes an incident, and when. */
export interface Change {
  by: ActorRef;
  now: Date;
}

const iso = (d: Date) => d.toISOString();
const ago = (from: string, now: Date) => formatDuration(now.getTime() - Date.parse(from));

function append(inc: Incident, e: Omit<TimelineEntry, 'id'>): TimelineEntry[] {
  return [...inc.timeline, { id: `T${inc.timeline.length + 1}`, ...e }];
}

function refuseResolved(inc: Incident, now: Date, what: string): void {
  if (inc.status === 'resolved') throw new UserError(`${inc.id} was resolved ${ago(inc.resolvedAt ?? inc.declaredAt, now)} ago; ${what}`);
}

/** A title as typed: trimmed, not empty, one line of at most TITLE_MAX characters. */
export function checkTitle(raw: string): string {
  const t = raw.trim().replace(/\s+/g, ' ');
  if (!t) throw new UserError('The title is empty; say in a few words what is broken.');
  if (t.length > TITLE_MAX) {
    throw new UserError(`The title is ${t.length.toLocaleString('en')} characters long; keep it to ${TITLE_MAX} (a one-line summary; details go in \`incident note\`).`);
  }
  return t;
}

/** Note, update and summary text: at most TEXT_MAX characters. */
export function checkText(raw: string, what: string): string {
  const t = raw.trim();
  if (t.length > TEXT_MAX) throw new UserError(`The ${what} is ${t.length.toLocaleString('en')} characters long; the limit is ${TEXT_MAX.toLocaleString('en')}.`);
  return t;
}

/** An open status as typed; `resolved` points at the resolve command. */
export function parseOpenStatus(raw: string, id: string): OpenStatus {
  const s = raw.trim().toLowerCase();
  if (s === 'resolved') throw new UserError(`To resolve ${id}, use \`incident resolve ${id} [summary…]\`.`);
  const found = OPEN_STATUSES.find((x) => x === s);
  if (!found) throw new UserError(`Unknown status "${raw.slice(0, 40)}". Use ${OPEN_STATUSES.join(', ')} (or \`incident resolve\`).`);
  return found;
}

export function parseRole(raw: string): Role {
  const r = ROLES.find((x) => x === raw.trim().toLowerCase());
  if (!r) throw new UserError(`Unknown role "${raw.slice(0, 40)}". Roles: ${ROLES.join(', ')}.`);
  return r;
}

export interface DeclareInput extends Change {
  id: string;
  title: string;
  severity: Severity;
  serviceId?: string;
  teamId?: string;
  private: boolean;
  channelName: string;
  /** Person ids with access from the start (the declarer). */
  members: string[];
  /** Unknown platform accounts with access (`slack:U123`). */
  accounts: string[];
}

export function declare(input: DeclareInput): Incident {
  const at = iso(input.now);
  const title = checkTitle(input.title);
  const base: Incident = {
    id: input.id,
    number: Number(input.id.slice(4)),
    title,
    severity: input.severity,
    status: 'investigating',
    serviceId: input.serviceId,
    teamId: input.teamId,
    private: input.private,
    declaredBy: input.by,
    declaredAt: at,
    lastUpdateAt: at,
    roles: {},
    members: [...new Set(input.members)],
    accounts: [...new Set(input.accounts)],
    channelName: input.channelName,
    channels: [],
    cards: [],
    announcements: [],
    severityHistory: [{ severity: input.severity, at, by: input.by }],
    timeline: [],
  };
  return { ...base, timeline: append(base, { at, kind: 'declared', text: `Declared ${input.severity}: ${title}`, by: input.by, status: 'investigating', severity: input.severity }) };
}

/** A status update; moving back from monitoring clears the mitigation time. */
export function updateStatus(inc: Incident, status: OpenStatus, text: string, c: Change): Incident {
  refuseResolved(inc, c.now, `it takes no more status updates. Notes still go on its timeline: \`incident note ${inc.id} <text…>\`.`);
  const body = checkText(text, 'update');
  if (!body) throw new UserError(`Say what changed: \`incident update ${inc.id} ${status} <text…>\`.`);
  const at = iso(c.now);
  return {
    ...inc,
    status,
    lastUpdateAt: at,
    mitigatedAt: status === 'monitoring' ? (inc.status === 'monitoring' ? inc.mitigatedAt : at) : undefined,
    timeline: append(inc, { at, kind: 'status', text: body, by: c.by, status }),
  };
}

export function changeSeverity(inc: Incident, severity: Severity, c: Change): Incident {
  refuseResolved(inc, c.now, 'its severity can no longer change.');
  if (inc.severity === severity) throw new UserError(`${inc.id} is already ${severity}.`);
  const at = iso(c.now);
  return {
    ...inc,
    severity,
    severityHistory: [...inc.severityHistory, { severity, at, by: c.by }],
    timeline: append(inc, { at, kind: 'severity', text: `Severity ${inc.severity} → ${severity}`, by: c.by, severity, from: inc.severity }),
  };
}

export function assignRole(inc: Incident, role: Role, person: { id: string; name: string }, c: Change): Incident {
  refuseResolved(inc, c.now, 'its roles can no longer change.');
  if (inc.roles[role] === person.id) throw new UserError(`${person.name} is already the ${role} of ${inc.id}.`);
  const at = iso(c.now);
  return {
    ...inc,
    roles: { ...inc.roles, [role]: person.id },
    members: inc.members.includes(person.id) ? inc.members : [...inc.members, person.id],
    timeline: append(inc, { at, kind: 'role', text: `${person.name} is ${role}`, by: c.by, role, person: person.id }),
  };
}

export function addNote(inc: Incident, text: string, c: Change): Incident {
  const body = checkText(text, 'note');
  if (!body) throw new UserError(`The note is empty: \`incident note ${inc.id} <text…>\`.`);
  return { ...inc, timeline: append(inc, { at: iso(c.now), kind: 'note', text: body, by: c.by }) };
}

export interface PinnedMessage {
  /** messageKey() of the message: one pin per message. */
  key: string;
  text: string;
  author: { name: string; userId?: string; personId?: string };
  /** When the message was written: its place on the timeline. */
  at: Date;
}

export function pinMessage(inc: Incident, msg: PinnedMessage, c: Change): Incident {
  if (inc.timeline.some((e) => e.kind === 'pinned' && e.ref === msg.key)) throw new UserError(`That message is already on ${inc.id}'s timeline.`);
  const flat = msg.text.trim();
  const text = flat.length > TEXT_MAX ? `${flat.slice(0, TEXT_MAX - 1)}…` : flat;
  if (!text) throw new UserError('That message has no text to put on the timeline.');
  return { ...inc, timeline: append(inc, { at: iso(msg.at), kind: 'pinned', text, by: c.by, author: msg.author, ref: msg.key }) };
}

/** A page of this incident was acknowledged (the on-call skill's event); once per page. */
export function acknowledgePage(inc: Incident, page: { id: string; at: Date; by?: ActorRef }): Incident {
  const ref = `page:${page.id}`;
  if (inc.timeline.some((e) => e.ref === ref)) return inc;
  const at = iso(page.at);
  const who = page.by ? ` by ${page.by.name}` : '';
  return {
    ...inc,
    acknowledgedAt: inc.acknowledgedAt && inc.acknowledgedAt <= at ? inc.acknowledgedAt : at,
    timeline: append(inc, { at, kind: 'acknowledged', text: `${page.id} acknowledged${who}`, by: page.by, ref }),
  };
}

/** A second escalation to the same vendor this soon is a double click, not news. */
export const VENDOR_REPEAT_MS = 5 * 60_000;

/** Escalation to a vendor's support: a timeline entry (refused when resolved, or repeated within minutes). */
export function escalateToVendor(inc: Incident, vendor: { id: string; name: string; contractId?: string }, c: Change): Incident {
  refuseResolved(inc, c.now, 'escalate a new problem in a new incident.');
  const ref = `vendor:${vendor.id}`;
  const last = [...inc.timeline].reverse().find((e) => e.ref === ref);
  if (last && c.now.getTime() - Date.parse(last.at) < VENDOR_REPEAT_MS) {
    throw new UserError(`${inc.id} was escalated to ${vendor.name} ${ago(last.at, c.now)} ago${last.by ? ` by ${last.by.name}` : ''}; their contact is in the incident channel.`);
  }
  const text = `Escalated to ${vendor.name}${vendor.contractId ? ` (contract ${vendor.contractId})` : ''}`;
  return { ...inc, timeline: append(inc, { at: iso(c.now), kind: 'vendor', text, by: c.by, ref }) };
}

export function resolve(inc: Incident, summary: string | undefined, c: Change): Incident {
  if (inc.status === 'resolved') {
    const by = [...inc.timeline].reverse().find((e) => e.kind === 'resolved')?.by?.name;
    throw new UserError(`${inc.id} is already resolved (${ago(inc.resolvedAt ?? inc.declaredAt, c.now)} ago${by ? ` by ${by}` : ''}).`);
  }
  const text = summary === undefined ? undefined : checkText(summary, 'summary') || undefined;
  const at = iso(c.now);
  return {
    ...inc,
    status: 'resolved',
    resolvedAt: at,
    mitigatedAt: inc.mitigatedAt ?? at,
    lastUpdateAt: at,
    summary: text,
    timeline: append(inc, { at, kind: 'resolved', text: text ?? 'Resolved', by: c.by, status: 'resolved' }),
  };
}

/**
 * When someone took the incident on: the first acknowledged page; without one, the first
 * status update or commander assignment (incidents that paged nobody still have a TTA).
 */
export function acknowledgedAt(inc: Incident): string | undefined {
  if (inc.acknowledgedAt) return inc.acknowledgedAt;
  return inc.timeline.find((e) => e.kind === 'status' || (e.kind === 'role' && e.role === 'commander'))?.at;
}

/** The timeline in time order (pinned messages sit where they were written). */
export function timelineInOrder(inc: Incident): TimelineEntry[] {
  return [...inc.timeline].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : Number(a.id.slice(1)) - Number(b.id.slice(1))));
}
