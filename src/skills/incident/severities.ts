// Severity names, descriptions and update intervals: config `incidents.severities`, with
// DEFAULT_SEVERITIES for anything the config leaves out. Pure lookups and parsing.
import { DEFAULT_SEVERITIES, SEVERITIES, type Config, type Severity } from '../../core/config/index.js';
import { UserError } from '../../core/errors.js';

export interface SeverityInfo {
  id: Severity;
  name: string;
  description: string;
  /** Remind the incident channel after this long without an update; undefined: never. */
  updateIntervalMs?: number;
}

export type SeverityTable = Record<Severity, SeverityInfo>;

export function severityTable(config: { incidents: Pick<Config['incidents'], 'severities'> & Partial<Config['incidents']> }): SeverityTable {
  const out = {} as SeverityTable;
  for (const id of SEVERITIES) {
    const dflt = DEFAULT_SEVERITIES[id];
    const conf = config.incidents.severities[id];
    const interval = conf?.update_interval ?? dflt.update_interval;
    out[id] = {
      id,
      name: conf?.name ?? dflt.name,
      description: conf?.description || dflt.description,
      updateIntervalMs: interval === 'none' ? undefined : interval,
    };
  }
  return out;
}

/** sev1 is the most severe: lower rank first. */
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/** `sev2 (Major)`. */
export const severityLabel = (table: SeverityTable, s: Severity): string => `${s} (${table[s].name})`;

/** Reads `sev2`, `SEV2`, `2` or a configured name (`major`); refuses anything else with the list. */
export function parseSeverity(raw: string, table: SeverityTable): Severity {
  const t = raw.trim().toLowerCase();
  const direct = SEVERITIES.find((s) => s === t || s === `sev${t}`);
  if (direct) return direct;
  const byName = SEVERITIES.find((s) => table[s].name.toLowerCase() === t);
  if (byName) return byName;
  const list = SEVERITIES.map((s) => `${s} ${table[s].name}`).join(', ');
  throw new UserError(`Unknown severity "${raw.slice(0, 40)}". Severities: ${list}.`);
}
