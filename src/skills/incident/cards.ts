// Neutral cards of the incident skill: the incident card (posted in the incident channel and
// kept current in place), the announcement, `show` and `list`. Buttons carry the command they
// run, so a click on any platform does what typing does.
import { actions, button, card, context, divider, escapeMarkup, field, fields, formButton, mention, select, text, type Block, type Card, type Tone } from '../../core/card.js';
import { SEVERITIES, type Severity } from '../../core/config/index.js';
import { formatDuration } from '../../core/time.js';
import { assignForm, noteForm, resolveForm, updateForm } from './forms.js';
import { entryText, entryWho, keyDurations, maybeDuration, shortTime } from './format.js';
import { SLA_KINDS, type Incident } from './model.js';
import type { SeverityTable } from './severities.js';
import { slaStatusText } from './sla.js';
import { timelineInOrder } from './transitions.js';

/** What cards need to know besides the incident. */
export interface CardContext {
  severities: SeverityTable;
  /** A service's display name. */
  serviceName: (id: string) => string;
  /** A person's display name (for plain text, where a mention would ping). */
  name: (personId: string) => string;
  /** People offered in the assign form. */
  people: Array<{ id: string; name: string }>;
  /** Zone the times are shown in. */
  zone: string;
  now: Date;
  /** Vendors behind a service (config `vendors`), for the "Escalate to vendor" button. */
  vendors?: (serviceId: string) => Array<{ id: string; name: string }>;
}

/** More vendors than this on one service get the command, not a button each. */
const VENDOR_BUTTONS = 2;

const TONES: Record<Severity, Tone> = { sev1: 'danger', sev2: 'warning', sev3: 'info', sev4: 'neutral' };
/** Timeline entries on the channel card; `show` and the postmortem have them all. */
const CARD_TIMELINE = 5;

export const incidentTone = (inc: Incident): Tone => (inc.status === 'resolved' ? 'success' : TONES[inc.severity]);

export function incidentTitle(inc: Incident): string {
  return `${inc.status === 'resolved' ? '✅' : '🔥'} ${inc.id} · ${escapeMarkup(inc.title)}${inc.private ? ' 🔒' : ''}`;
}

const role = (personId: string | undefined) => (personId ? mention(personId) : '_unassigned_');

function factFields(inc: Incident, cx: CardContext): Block {
  const d = keyDurations(inc, cx.now);
  const sev = cx.severities[inc.severity];
  return fields([
    field('Severity', `${inc.severity} · ${escapeMarkup(sev.name)}`),
    field('Status', `**${inc.status}**`),
    field('Service', inc.serviceId ? escapeMarkup(cx.serviceName(inc.serviceId)) : '—'),
    field(inc.status === 'resolved' ? 'Duration' : 'Open for', formatDuration(d.age)),
    field('Commander', role(inc.roles.commander)),
    field('Comms', role(inc.roles.comms)),
    field('Scribe', role(inc.roles.scribe)),
    field('Declared', `${shortTime(inc.declaredAt, cx.zone)} by ${escapeMarkup(inc.declaredBy.name)}`),
    ...slaFields(inc, cx),
  ]);
}

/** One field per response-SLA clock: the time left, met, or breached how long ago. */
function slaFields(inc: Incident, cx: CardContext) {
  return SLA_KINDS.flatMap((kind) => {
    const value = slaStatusText(inc, kind, cx.now, (at) => shortTime(at, cx.zone));
    return value ? [field(kind === 'ack' ? 'Acknowledge SLA' : 'Resolve SLA', value)] : [];
  });
}

function timelineLines(inc: Incident, cx: CardContext, last?: number): string {
  const all = timelineInOrder(inc);
  const shown = last === undefined ? all : all.slice(-last);
  const lines = shown.map((e) => `\`${shortTime(e.at, cx.zone)}\` ${escapeMarkup(entryText(e, cx.name))} — _${escapeMarkup(entryWho(e))}_`);
  if (shown.length < all.length) lines.unshift(`_…${all.length - shown.length} earlier (\`incident show ${inc.id}\`)_`);
  return lines.join('\n');
}

function latestUpdate(inc: Incident): string | undefined {
  const e = [...inc.timeline].reverse().find((x) => x.kind === 'status' || x.kind === 'resolved');
  return e ? `**Latest:** ${escapeMarkup(entryText(e, () => ''))}` : undefined;
}

function buttons(inc: Incident, cx: CardContext): Block {
  if (inc.status === 'resolved') {
    return actions(button('Postmortem', `incident postmortem ${inc.id}`, { style: 'primary' }), button('Show', `incident show ${inc.id}`));
  }
  const options = SEVERITIES.map((s) => ({ label: `${s} · ${cx.severities[s].name}`, value: s }));
  return actions(
    formButton('Update', updateForm(inc), 'primary'),
    formButton('Note', noteForm(inc)),
    button('Take command', `incident assign ${inc.id} commander me`),
    formButton('Assign', assignForm(inc, cx.people)),
    select('Severity', `incident severity ${inc.id} {value}`, options, inc.severity),
    formButton('Resolve', resolveForm(inc), 'danger'),
    ...vendorButtons(inc, cx),
  );
}

/** "Escalate to vendor" when the service has one (a button per vendor when it has two). */
function vendorButtons(inc: Incident, cx: CardContext) {
  const vendors = inc.serviceId && cx.vendors ? cx.vendors(inc.serviceId) : [];
  if (vendors.length === 1) return [button('Escalate to vendor', `incident vendor ${inc.id}`)];
  if (vendors.length <= VENDOR_BUTTONS) return vendors.map((v) => button(`Escalate to ${v.name}`.slice(0, 75), `incident vendor ${inc.id} ${v.id}`));
  return [];
}

/** The card in the incident channel: facts, latest update, recent timeline, buttons. */
export function incidentCard(inc: Incident, cx: CardContext): Card {
  const blocks: Block[] = [factFields(inc, cx)];
  const latest = latestUpdate(inc);
  if (latest) blocks.push(text(latest));
  blocks.push(context(timelineLines(inc, cx, CARD_TIMELINE)));
  blocks.push(buttons(inc, cx));
  return card(incidentTitle(inc), blocks, incidentTone(inc));
}

/** `incident show`: the card with key durations and the whole timeline. */
export function showCard(inc: Incident, cx: CardContext): Card {
  const d = keyDurations(inc, cx.now);
  const blocks: Block[] = [factFields(inc, cx)];
  blocks.push(
    fields([
      field('Time to acknowledge', maybeDuration(d.acknowledge)),
      field('Time to mitigate', maybeDuration(d.mitigate)),
      field('Time to resolve', maybeDuration(d.resolve)),
      field('Visibility', inc.private ? 'private' : 'public'),
    ]),
  );
  if (inc.summary) blocks.push(text(`**Summary:** ${escapeMarkup(inc.summary)}`));
  blocks.push(divider(), text(`**Timeline** (${cx.zone})`), context(timelineLines(inc, cx)));
  blocks.push(buttons(inc, cx));
  return card(incidentTitle(inc), blocks, incidentTone(inc));
}

/** The announcement in the team's incidents channel, kept current in place. */
export function announcementCard(inc: Incident, cx: CardContext, channelNames: string[]): Card {
  const sev = cx.severities[inc.severity];
  const blocks: Block[] = [
    fields([
      field('Severity', `${inc.severity} · ${escapeMarkup(sev.name)}`),
      field('Status', `**${inc.status}**`),
      field('Service', inc.serviceId ? escapeMarkup(cx.serviceName(inc.serviceId)) : '—'),
      field('Commander', role(inc.roles.commander)),
    ]),
  ];
  const latest = latestUpdate(inc);
  if (latest) blocks.push(text(latest));
  if (channelNames.length) blocks.push(context(`Join ${channelNames.map((n) => escapeMarkup(n)).join(', ')} · declared by ${escapeMarkup(inc.declaredBy.name)}`));
  blocks.push(actions(button('Show', `incident show ${inc.id}`)));
  return card(`${inc.status === 'resolved' ? '✅' : '🚨'} ${inc.id} · ${escapeMarkup(inc.title)}`, blocks, incidentTone(inc));
}

/** `incident list`: one line per incident; `total` counts those left off. */
export function listCard(incidents: Incident[], cx: CardContext, which: 'open' | 'all', total = incidents.length): Card {
  if (incidents.length === 0) return card(which === 'open' ? 'No open incidents' : 'No incidents yet', [context('Declare one with `incident declare <sev1-4> <title…>`.')], 'success');
  const lines = incidents.map((i) => {
    const d = keyDurations(i, cx.now);
    const who = i.roles.commander ? ` · ${escapeMarkup(cx.name(i.roles.commander))}` : '';
    return `**${i.id}** ${i.severity} · ${i.status} · ${escapeMarkup(i.title)}${i.private ? ' 🔒' : ''} · ${formatDuration(d.age)}${who}`;
  });
  if (total > incidents.length) lines.push(`_…and ${total - incidents.length} more_`);
  const title = which === 'open' ? `${total} open incident${total === 1 ? '' : 's'}` : `Incidents (${total})`;
  return card(title, [text(lines.join('\n')), context('`incident show <id>` for the details.')], incidents.some((i) => i.status !== 'resolved') ? 'warning' : 'neutral');
}
