// Neutral cards of vendors: the contact card (`vendor …`), the list, and the contact details
// posted into an incident channel on escalation. Config text is shown literally (escaped).
import { actions, card, context, escapeMarkup, field, fields, linkButton, text, type Block, type Card, type Field } from '../../core/card.js';
import type { Config, VendorConfig } from '../../core/config/index.js';
import { formatDuration, formatTime } from '../../core/time.js';

const e = escapeMarkup;

/** `response within 30m · resolve within 8h — P1 by phone only`, or their own words. */
export function vendorSlaText(v: VendorConfig): string | undefined {
  if (!v.sla) return undefined;
  const parts = [v.sla.response !== undefined ? `response within ${formatDuration(v.sla.response)}` : '', v.sla.resolve !== undefined ? `resolve within ${formatDuration(v.sla.resolve)}` : ''].filter(Boolean);
  const notes = v.sla.notes ? e(v.sla.notes) : '';
  return [parts.join(' · '), notes].filter(Boolean).join(' — ') || undefined;
}

/** The ways to reach them, one field each. */
export function contactFields(v: VendorConfig): Field[] {
  const out: Field[] = [];
  if (v.support_url) out.push(field('Support', `[${e(v.support_url.replace(/^https?:\/\//, ''))}](${v.support_url})`));
  if (v.phone) out.push(field('Phone', e(v.phone)));
  if (v.email) out.push(field('Email', e(v.email)));
  if (v.contract_id) out.push(field('Contract', `\`${v.contract_id.replace(/`/g, "'")}\``));
  if (v.support_hours) out.push(field('Support hours', e(v.support_hours)));
  const sla = vendorSlaText(v);
  if (sla) out.push(field('Their SLA', sla, false));
  return out;
}

function supportButton(v: VendorConfig): Block[] {
  return v.support_url ? [actions(linkButton('Open a support case', v.support_url))] : [];
}

/** `vendor <vendor>`: the contact card with the services it stands behind. */
export function vendorCard(v: VendorConfig, config: Pick<Config, 'services'>): Card {
  const services = v.services.map((id) => e(config.services.find((s) => s.id === id)?.name ?? id));
  const blocks: Block[] = [fields([...contactFields(v), field('Services', services.join(', ') || '—', false)])];
  if (v.notes) blocks.push(context(e(v.notes)));
  blocks.push(...supportButton(v));
  return card(`📇 ${e(v.name)} (\`${v.id}\`)`, blocks, 'info');
}

/** `vendor <service>` with several vendors: one section each. */
export function serviceVendorsCard(serviceName: string, vendors: VendorConfig[]): Card {
  const blocks: Block[] = vendors.flatMap((v) => [text(`**${e(v.name)}** (\`${v.id}\`)`), fields(contactFields(v)), ...(v.notes ? [context(e(v.notes))] : [])]);
  return card(`📇 Vendors of ${e(serviceName)}`, blocks, 'info');
}

/** `vendor`: every vendor in one line. */
export function vendorListCard(config: Pick<Config, 'vendors' | 'services'>): Card {
  if (config.vendors.length === 0) return card('No vendors yet', [context('Add them under `vendors` in the config: name, support_url, phone, contract_id, support_hours, sla, services.')], 'neutral');
  const name = (id: string) => config.services.find((s) => s.id === id)?.name ?? id;
  const lines = config.vendors.map((v) => `**${e(v.name)}** (\`${v.id}\`) · ${e(v.services.map(name).join(', ') || 'no services')}${v.phone ? ` · ${e(v.phone)}` : ''}`);
  return card(`Vendors (${config.vendors.length})`, [text(lines.join('\n')), context('`vendor <service|vendor>` shows the contact card.')], 'info');
}

/** What goes into the incident channel on escalation: who to call, what to quote, when they owe an answer. */
export function escalationCard(v: VendorConfig, opts: { incidentId: string; by: string; at: Date; zone: string }): Card {
  const due = v.sla?.response !== undefined ? ` Their first response is due by **${formatTime(new Date(opts.at.getTime() + v.sla.response), opts.zone, false)}**.` : '';
  const quote = v.contract_id ? ` Quote contract \`${v.contract_id.replace(/`/g, "'")}\` and ${opts.incidentId}.` : ` Quote ${opts.incidentId}.`;
  const blocks: Block[] = [text(`${e(opts.by)} escalated ${opts.incidentId} to **${e(v.name)}**.${quote}${due}`), fields(contactFields(v))];
  if (v.notes) blocks.push(context(e(v.notes)));
  blocks.push(...supportButton(v));
  return card(`📞 ${opts.incidentId} escalated to ${e(v.name)}`, blocks, 'warning');
}
