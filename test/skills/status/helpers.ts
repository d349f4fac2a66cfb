// Helpers of the status tests: the example config with its status section replaced, a local
// HTTP server on 127.0.0.1 that fails on demand, and a recorder of domain events.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfigText, type Config } from '../../../src/core/config/index.js';
import type { DomainEvents } from '../../../src/core/domain-events.js';
import type { EventBus } from '../../../src/core/events.js';

/** The shipped config with `status:` replaced by this YAML (indented as a top-level key). */
export function withStatus(statusYaml: string, env: NodeJS.ProcessEnv = {}): Config {
  const text = readFileSync('config/switchboard.yaml', 'utf8');
  const replaced = text.replace(/\nstatus:\n[\s\S]*?\n(?=# -{10,}\n# Outbound)/, `\n${statusYaml.trim()}\n\n`);
  if (replaced === text) throw new Error('status section not found in config/switchboard.yaml');
  return parseConfigText(replaced, env);
}

/** Components api, web, payments (customer) and switchboard (internal), and the given monitors. */
export function statusSection(monitorsYaml = '[]', extra = ''): string {
  return `status:
  title: Northwind status
  groups:
    - { id: customer, name: Customer-facing }
    - { id: internal, name: Internal }
  components:
    - { id: api, name: Public API, group: customer }
    - { id: web, name: Web shop, group: customer }
    - { id: payments, name: Payments, group: customer }
    - { id: switchboard, name: Switchboard bot, group: internal }
  monitors: ${monitorsYaml}
${extra}`;
}

export type Mode = 'ok' | 'fail' | 'slow' | 'wrong-body';

/** An HTTP server on 127.0.0.1 whose /health answers as `mode` says. */
export class FlakyServer {
  mode: Mode = 'ok';
  hits = 0;
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((_req, res) => {
      this.hits++;
      if (this.mode === 'fail') {
        res.statusCode = 503;
        res.end('down');
      } else if (this.mode === 'slow') {
        setTimeout(() => res.end('healthy'), 1500);
      } else res.end(this.mode === 'wrong-body' ? 'degraded' : 'healthy');
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/health`;
    return this;
  }

  async stop(): Promise<void> {
    const s = this.server;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
}

/** Records the payloads of some domain events. */
export function record<K extends keyof DomainEvents>(events: EventBus, ...names: K[]): { [P in K]: DomainEvents[P][] } {
  const out = Object.fromEntries(names.map((n) => [n, []])) as unknown as { [P in K]: DomainEvents[P][] };
  for (const n of names) events.on(n, (p) => void out[n].push(p));
  return out;
}
