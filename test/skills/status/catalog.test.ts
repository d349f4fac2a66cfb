// What the config gives the status skill: monitors (also from services' health_check), the
// component behind a service, and clear errors for bad monitor settings.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText } from '../../../src/core/config/index.js';
import { Catalog } from '../../../src/skills/status/catalog.js';
import { statusSection, withStatus } from './helpers.js';

const problems = (f: () => unknown): string[] => {
  try {
    f();
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe('status catalog', () => {
  it('reads monitors with their defaults; a path is a check of the bot itself', () => {
    const c = new Catalog(withStatus(statusSection('\n    - { id: self, component: switchboard, url: /healthz }\n    - { id: api-health, component: api, url: "https://api.example/health", expected_status: [200, 204], interval: 30s }')));
    expect(c.monitors).toEqual([
      { id: 'self', componentId: 'switchboard', url: '/healthz', method: 'GET', intervalMs: 60_000, timeoutMs: 10_000, expectedStatus: [200], bodyMatch: undefined, failuresBeforeChange: 3, successesBeforeRecovery: 1, failureStatus: 'major_outage', page: false },
      expect.objectContaining({ id: 'api-health', expectedStatus: [200, 204], intervalMs: 30_000 }),
    ]);
    expect(c.componentOfService('payments')).toBe('payments');
    expect(c.componentOfService('backups')).toBeUndefined();
    expect(c.isInternalService('backups')).toBe(true);
    expect(c.serviceOf('web')?.id).toBe('web');
  });

  it('turns a service’s health_check into a monitor of its component', () => {
    const text = `people: [{ id: alice, name: Alice }]
teams: [{ id: ops, name: Ops, members: [alice] }]
services:
  - { id: api, name: API, team: ops, status_component: api, health_check: { url: "http://127.0.0.1:9/health", interval: 2m } }
  - { id: batch, name: Batch, team: ops, health_check: { url: "http://127.0.0.1:9/batch" } }
status:
  components: [{ id: api, name: API }]
`;
    const c = new Catalog(parseConfigText(text, {}));
    expect(c.monitors).toMatchObject([{ id: 'api-health', componentId: 'api', intervalMs: 120_000, failuresBeforeChange: 3 }]);
    expect(c.warnings).toEqual(['services: batch has a health_check but no status_component; the check does not run']);
  });

  it('names the path of a bad monitor setting', () => {
    expect(problems(() => withStatus(statusSection('\n    - { id: m, component: api, url: "ftp://x" }')))).toEqual(['status.monitors[0].url: expected an http(s) URL or a path like /healthz, got "ftp://x"']);
    expect(problems(() => withStatus(statusSection('\n    - { id: m, component: apx, url: /healthz }')))).toEqual(['status.monitors[0].component: unknown status component "apx"']);
    expect(problems(() => withStatus(statusSection('\n    - { id: m, component: api, url: /healthz, failure_status: down }')))[0]).toMatch(/^status\.monitors\[0\]\.failure_status: expected one of operational, degraded_performance/);
  });
});
