// Neutral cards of pages: the card in channels and DMs (Acknowledge / Resolve / Escalate run
// the same commands as typing them), the list, and the full timeline.
import { actions, button, card, context, escapeMarkup, field, fields, mention, text, type Card, type OutMessage } from '../../core/card.js';
import { formatDuration, formatTime } from '../../core/time.js';
import { lastStep, position, stepLabel } from './escalation.js';
import { who, type Notification, type Page } from './model.js';

const TONE = { triggered: 'danger', acknowledged: 'warning', resolved: 'success' } as const;
const ICON = { triggered: '🚨', acknowledged: '👀', resolved: '✅' } as const;

const title = (p: Page) => `${ICON[p.status]} ${p.id} · sev${p.severity} · ${escapeMarkup(p.summary.slice(0, 200))}`;

function statusText(p: Page, zone: string): string {
  if (p.status === 'resolved') return `Resolved by ${who(p.resolvedBy)} · ${formatTime(new Date(p.resolvedAt!), zone)}`;
  if (p.status === 'acknowledged') return `Acknowledged by ${who(p.acknowledgedBy)} · ${formatTime(new Date(p.acknowledgedAt!), zone)}`;
  if (p.exhausted) return 'Triggered · nobody acknowledged, escalation stopped';
  return 'Triggered';
}

function levelText(p: Page, now: Date): string {
  if (p.step < 0) return 'not notified yet';
  const at = stepLabel(p.policy, p.step);
  if (p.status !== 'triggered' || !p.nextStepAt) return at;
  const after = p.step >= lastStep(p.policy) ? 'stops' : `goes to level ${position(p.policy, p.step + 1).level + 1}`;
  return `${at} · ${after} in ${formatDuration(Math.max(0, Date.parse(p.nextStepAt) - now.getTime()))}`;
}

function pageActions(p: Page) {
  if (p.status === 'resolved') return [];
  const buttons = [];
  if (p.status === 'triggered') buttons.push(button('Acknowledge', `page ack ${p.id}`, { style: 'primary' }));
  buttons.push(button('Resolve', `page resolve ${p.id}`));
  if (p.status === 'triggered' && p.step < lastStep(p.policy)) buttons.push(button('Escalate', `page escalate ${p.id}`, { style: 'danger' }));
  return [actions(...buttons)];
}

/** The page's card (channels, replies); `forWhom` adds why that person was paged (DMs). */
export function pageCard(p: Page, zone: string, now: Date, forWhom?: Notification): Card {
  const blocks = [];
  if (forWhom && p.status === 'triggered') {
    blocks.push(text(`${mention(forWhom.personId)}, you are paged by **${escapeMarkup(p.policy.name)}** (${stepLabel(p.policy, forWhom.step)}, via ${forWhom.via.replace(':', ' ')}).`));
  }
  blocks.push(
    fields([
      field('Status', statusText(p, zone)),
      field('Paged', `${escapeMarkup(p.target)} · ${escapeMarkup(p.policy.name)}`),
      field('Escalation', levelText(p, now)),
      field('Opened', `${formatTime(new Date(p.createdAt), zone)}${p.createdBy ? ` by ${who(p.createdBy)}` : ` (${escapeMarkup(p.source)})`}`),
      ...(p.incidentId ? [field('Incident', p.incidentId)] : []),
    ]),
  );
  const last = p.timeline[p.timeline.length - 1];
  if (last) blocks.push(context(`${formatTime(new Date(last.at), zone, false)} ${escapeMarkup(last.text)}`));
  blocks.push(...pageActions(p));
  return card(title(p), blocks, TONE[p.status]);
}

export function pageMessage(p: Page, zone: string, now: Date, forWhom?: Notification): OutMessage {
  const fallback = `${ICON[p.status]} ${p.id} (sev${p.severity}, ${p.status}): ${p.summary.slice(0, 200)}`;
  return { text: fallback, card: pageCard(p, zone, now, forWhom) };
}

export function pageListCard(list: Page[], zone: string, now: Date, what: string): Card {
  if (list.length === 0) return card(`No ${what ? `${what} ` : ''}pages`, [context('Open one with `page <schedule|service|person> <message…>`.')]);
  const lines = list.slice(0, 25).map((p) => {
    const age = formatDuration(now.getTime() - Date.parse(p.createdAt));
    const owner = p.status === 'acknowledged' ? ` · ack ${who(p.acknowledgedBy)}` : p.step >= 0 ? ` · ${stepLabel(p.policy, p.step)}` : '';
    return `${ICON[p.status]} **${p.id}** · sev${p.severity} · ${p.status}${owner} · ${escapeMarkup(p.summary.slice(0, 80))} · ${escapeMarkup(p.target)} · ${age} ago`;
  });
  if (list.length > 25) lines.push(`…and ${list.length - 25} more`);
  return card(`${list.length} ${what ? `${what} ` : ''}page${list.length === 1 ? '' : 's'}`, [text(lines.join('\n')), context(`Times in ${zone}. \`page show <id>\` for a timeline.`)]);
}

export function pageTimelineCard(p: Page, zone: string, now: Date): Card {
  const base = pageCard(p, zone, now);
  const lines = p.timeline.slice(-40).map((e) => `\`${formatTime(new Date(e.at), zone)}\` ${escapeMarkup(e.text)}`);
  if (p.timeline.length > 40) lines.unshift(`…${p.timeline.length - 40} earlier entries`);
  return { ...base, blocks: [...base.blocks.filter((b) => b.type !== 'context' && b.type !== 'actions'), text(`**Timeline**\n${lines.join('\n')}`), ...base.blocks.filter((b) => b.type === 'actions')] };
}
