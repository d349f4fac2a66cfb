// Which vendors stand behind which services (config `vendors`), and reading a service or
// vendor named in chat. Pure lookups over the config.
import type { Config, ServiceConfig, VendorConfig } from '../../core/config/index.js';
import { UserError } from '../../core/errors.js';

/** Vendors linked to a service, in config order. */
export function vendorsOf(config: Pick<Config, 'vendors'>, serviceId: string | undefined): VendorConfig[] {
  return serviceId ? config.vendors.filter((v) => v.services.includes(serviceId)) : [];
}

/** A vendor by id or (case-insensitive) name. */
export function findVendor(config: Pick<Config, 'vendors'>, raw: string): VendorConfig | undefined {
  const w = raw.trim().toLowerCase();
  return config.vendors.find((v) => v.id === w) ?? config.vendors.find((v) => v.name.toLowerCase() === w);
}

export type VendorQuery = { kind: 'vendor'; vendor: VendorConfig } | { kind: 'service'; service: ServiceConfig; vendors: VendorConfig[] };

/** `vendor <service|vendor>`: a vendor's id or name, else a service's id or name; anything else is refused with the lists. */
export function readVendorQuery(config: Pick<Config, 'vendors' | 'services'>, raw: string): VendorQuery {
  const vendor = findVendor(config, raw);
  if (vendor) return { kind: 'vendor', vendor };
  const w = raw.trim().toLowerCase();
  const service = config.services.find((s) => s.id === w) ?? config.services.find((s) => s.name.toLowerCase() === w);
  if (service) return { kind: 'service', service, vendors: vendorsOf(config, service.id) };
  const vendors = config.vendors.map((v) => v.id).join(', ') || 'none configured';
  const services = config.services.map((s) => s.id).join(', ') || 'none configured';
  throw new UserError(`No vendor or service "${raw.slice(0, 60)}". Vendors: ${vendors}. Services: ${services}.`);
}
