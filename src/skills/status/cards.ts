// Neutral cards of the status skill: the `status` overview, one component's detail, and the
// subscriber notices (incident, outage, maintenance) that are edited in place.
import { actions, button, card, context, escapeMarkup, field, fields, linkButton, text, type Block, type Card, type OutMessage, type Tone } from '../../core/card.js';
import { quote } from '../../core/command.js';
import type { StatusIndicator } from '../../core/queries.js';
import { formatTime } from '../../core/time.js';
import { heartbeatNotice } from './heartbeat-cards.js';
import type { Notice, StatusIncident } from './model.js';
import type { StatusReader } from './reader.js';
import { decidingHold, STATUS_EMOJI, STATUS_LABEL } from './rules.js';
import { formatUptime, uptimeOver } from './uptime.js';

const TONE: Record<StatusIndicator, Tone> = { none: 'success', minor: 'warning', major: 'warning', critical: 'danger' };
const e = escapeMarkup;

const statusText = (s: keyof typeof STATUS_LABEL) => `${STATUS_EMOJI[s]} ${STATUS_LABEL[s]}`;

function incidentLine(i: StatusIncident, zone: string): string {
  const latest = i.updates[i.updates.length - 1];
  const when = formatTime(new Date(latest?.at ?? i.declaredAt), zone);
  return `**${i.id}** ${e(i.title)} · ${i.severity} · ${i.status}${latest ? ` — ${e(latest.text)} (${when})` : ''}`;
}

/** The answer to `status`: overall, every component by group, open incidents, maintenance. */
export function overviewCard(r: StatusReader): Card {
  const zone = r.catalog.zone;
  const blocks: Block[] = [];
  const groups = [...r.catalog.groups.map((g) => ({ id: g.id as string | undefined, name: g.name })), { id: undefined, name: 'Other' }];
  for (const g of groups) {
    const members = r.catalog.components.filter((c) => c.group === g.id);
    if (!members.length) continue;
    if (r.catalog.groups.length) blocks.push(text(`**${e(g.name)}**`));
    blocks.push(fields(members.map((c) => field(e(c.name), statusText(r.book.state(c.id).status)))));
  }
  if (!r.catalog.components.length) blocks.push(context('No components yet: add them under `status.components` in the config.'));
  const open = r.incidents.openPublic();
  if (open.length) blocks.push(text(`**Open incidents**\n${open.map((i) => incidentLine(i, zone)).join('\n')}`));
  const windows = r.maintenance.open();
  if (windows.length) {
    const lines = windows.map((m) => `**${m.id}** ${m.state === 'in_progress' ? 'in progress' : 'scheduled'} · ${e(r.maintenance.describe(m))} · ${e(m.componentIds.map((c) => r.catalog.name(c)).join(', '))} — ${e(m.message)}`);
    blocks.push(text(`**Maintenance**\n${lines.join('\n')}`));
  }
  const failing = r.runner.all().filter((m) => m.failing);
  if (failing.length) blocks.push(context(`Failing monitors: ${failing.map((m) => `${m.id} (${e(m.lastError ?? 'failing')})`).join('; ')}`));
  const jobs = r.heartbeats().filter((h) => h.failing);
  if (jobs.length) blocks.push(context(`Failing scheduled jobs: ${jobs.map((h) => `${e(h.name)} (${h.lastResult === 'fail' ? 'failed' : 'missed'})`).join('; ')} — \`status heartbeats\``));
  blocks.push(actions(linkButton('Status page', r.pageUrl())));
  return card(`${e(r.catalog.title)}: ${r.description()}`, blocks, TONE[r.overall()]);
}

/** `status <component>`: its status, what holds it, its monitors and 90-day uptime. */
export function componentCard(r: StatusReader, id: string): Card {
  const c = r.catalog.component(id)!;
  const s = r.book.state(id);
  const figures = r.figures(id);
  const holds = s.holds.map((h) => `${statusText(h.status)} — ${h.source}${h.message ? `: ${e(h.message)}` : ''} (since ${formatTime(new Date(h.since), r.catalog.zone)})`);
  const monitors = r.runner
    .all()
    .filter((m) => m.componentId === id)
    .map((m) => `${m.id}: ${m.failing ? `failing since ${formatTime(new Date(m.since!), r.catalog.zone)} — ${e(m.lastError ?? '')}` : m.lastCheckAt ? `up (last check ${formatTime(new Date(m.lastCheckAt), r.catalog.zone, false)}, ${m.lastMs} ms)` : 'not checked yet'}`);
  const blocks: Block[] = [
    fields([
      field('Status', statusText(s.status)),
      field('Since', formatTime(new Date(s.updatedAt), r.catalog.zone)),
      field('Uptime (90 days)', formatUptime(uptimeOver(figures))),
      field('Group', e(r.catalog.groupName(c.group) ?? '—')),
    ]),
  ];
  if (holds.length) blocks.push(text(`**Held by**\n${holds.join('\n')}`));
  if (monitors.length) blocks.push(text(`**Monitors**\n${monitors.join('\n')}`));
  blocks.push(actions(linkButton('Status page', r.pageUrl())));
  return card(`${e(c.name)}: ${STATUS_LABEL[s.status]}`, blocks, s.status === 'operational' ? 'success' : s.status === 'under_maintenance' ? 'info' : s.status === 'major_outage' ? 'danger' : 'warning');
}

function timeline(n: Notice, zone: string): Block {
  return text(n.lines.map((l) => `\`${formatTime(new Date(l.at), zone, false)}\` ${e(l.text)}`).join('\n'));
}

/** A subscriber notice as it stands now; the same message is edited as it evolves. */
export function noticeMessage(r: StatusReader, n: Notice): OutMessage {
  const zone = r.catalog.zone;
  const page = linkButton('Status page', r.pageUrl());
  if (n.kind === 'heartbeat') return heartbeatNotice(r, n);
  const affected = n.componentIds.map((c) => field(e(r.catalog.name(c)), statusText(r.book.state(c).status)));
  if (n.kind === 'incident') {
    const i = r.incidents.get(n.subject);
    const title = `${i?.status === 'resolved' ? '✅' : '🚨'} ${n.subject}: ${e(i?.title ?? '')}`;
    const c = card(title, [fields([field('Status', i?.status ?? '—'), field('Severity', i?.severity ?? '—'), ...affected]), timeline(n, zone), actions(page)], i?.status === 'resolved' ? 'success' : 'danger');
    return { card: c, text: `${n.subject} ${i?.status ?? ''}: ${i?.title ?? ''}` };
  }
  if (n.kind === 'maintenance') {
    const m = r.maintenance.col.get(n.subject);
    const state = m?.state.replace('_', ' ') ?? '—';
    const c = card(`🔧 Maintenance ${n.subject}: ${e(m?.message ?? '')}`, [fields([field('State', state), field('Window', m ? e(r.maintenance.describe(m)) : '—'), ...affected]), timeline(n, zone), actions(page)], n.open ? 'info' : 'success');
    return { card: c, text: `Maintenance ${n.subject} ${state}: ${m?.message ?? ''}` };
  }
  const id = n.subject;
  const s = r.book.state(id);
  const name = r.catalog.name(id);
  const buttons = [page];
  const incidentOpen = s.holds.some((h) => h.source.startsWith('incident:'));
  if (n.open && s.status !== 'operational' && !incidentOpen) {
    const service = r.catalog.serviceOf(id);
    const sev = s.status === 'major_outage' ? 'sev2' : 'sev3';
    const title = `${name}: ${STATUS_LABEL[s.status]}${decidingHold(s)?.message ? ` — ${decidingHold(s)!.message}` : ''}`.replace(/[\r\n]+/g, ' ').slice(0, 150);
    buttons.unshift(button('Declare incident', `incident declare ${sev} ${quote(title)}${service ? ` service:${service.id}` : ''}`, { style: 'danger' }));
  }
  const head = n.open ? STATUS_EMOJI[s.status] : '✅';
  const c = card(`${head} ${e(name)}: ${n.open ? STATUS_LABEL[s.status] : 'recovered'}`, [timeline(n, zone), actions(...buttons)], n.open ? (s.status === 'major_outage' ? 'danger' : 'warning') : 'success');
  return { card: c, text: `${name}: ${STATUS_LABEL[s.status]}` };
}
