// The vendor skill: `vendor [service|vendor]` shows who stands behind a service and how to
// reach their support (config `vendors`). The incident skill escalates to a vendor with the
// same lookups and cards, reached through this index.
import { escapeMarkup } from '../../core/card.js';
import type { Skill, SkillDeps } from '../../core/skill.js';
import { serviceVendorsCard, vendorCard, vendorListCard } from './cards.js';
import { readVendorQuery } from './directory.js';

export { escalationCard, vendorSlaText } from './cards.js';
export { findVendor, vendorsOf } from './directory.js';

export function createVendorSkill(deps: Pick<SkillDeps, 'config'>): Skill {
  const { config } = deps;
  return {
    id: 'vendor',
    description: 'vendor contacts behind services: support, phone, contract, hours, their SLA',
    commands: [
      {
        command: 'vendor',
        summary: 'Shows the vendor card of a vendor, or of the vendors behind a service (none: lists them all).',
        usage: 'vendor [service|vendor]',
        examples: ['vendor payments', 'vendor acme-pay', 'vendor'],
        args: [{ name: 'name', kind: 'text', required: false, description: 'a service or vendor, by id or name' }],
        async run(_ctx, args) {
          const raw = args.optStr('name');
          if (!raw) return { ephemeral: true, card: vendorListCard(config) };
          const q = readVendorQuery(config, raw);
          if (q.kind === 'vendor') return { card: vendorCard(q.vendor, config) };
          if (q.vendors.length === 0) {
            const known = config.vendors.map((v) => v.id).join(', ');
            return { ephemeral: true, text: `No vendor is linked to ${escapeMarkup(q.service.name)} (\`vendors[].services\` in the config).${known ? ` Vendors: ${known}.` : ''}` };
          }
          return { card: q.vendors.length === 1 ? vendorCard(q.vendors[0], config) : serviceVendorsCard(q.service.name, q.vendors) };
        },
      },
    ],
  };
}
