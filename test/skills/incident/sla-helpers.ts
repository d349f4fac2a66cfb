// The shipped config with response SLAs on: sev1 acknowledge 5m / resolve 4h, sev2 15m / 8h.
import { readFileSync } from 'node:fs';
import { parseConfigText, type Config } from '../../../src/core/config/index.js';

export function slaConfig(sla = '    sev1: { ack: 5m, resolve: 4h }\n    sev2: { ack: 15m, resolve: 8h }\n'): Config {
  const text = readFileSync('config/switchboard.yaml', 'utf8');
  const replaced = text.replace('\n  sla: {}\n', `\n  sla:\n${sla}`);
  if (replaced === text) throw new Error('incidents.sla not found in config/switchboard.yaml');
  return parseConfigText(replaced, {});
}
