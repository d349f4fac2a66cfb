// What the config says the status page has: groups, components in config order, the
// monitors (status.monitors plus each service's `health_check` shorthand), the heartbeats of
// scheduled jobs, and which service stands behind a component (for "Declare incident" and paging).
import { createHash } from 'node:crypto';
import type { ComponentStatus, Config, HeartbeatConfig, MonitorConfig, ServiceConfig } from '../../core/config/index.js';
import { UserError } from '../../core/errors.js';

export interface CatalogComponent {
  id: string;
  name: string;
  group?: string;
  description?: string;
  position: number;
}

export interface CatalogMonitor {
  id: string;
  componentId: string;
  url: string;
  method: 'GET' | 'HEAD' | 'POST';
  intervalMs: number;
  timeoutMs: number;
  expectedStatus: number[];
  bodyMatch?: string;
  failuresBeforeChange: number;
  successesBeforeRecovery: number;
  failureStatus: ComponentStatus;
  page: boolean;
}

export interface CatalogHeartbeat {
  id: string;
  name: string;
  /** SHA-256 of the token: the skill keeps no token, only what it compares against. */
  tokenDigest: Buffer;
  cron: string;
  timezone: string;
  graceMs: number;
  componentId?: string;
  /** The service paged (`page: true`): the one named, else the one that moves the component. */
  serviceId?: string;
  failureStatus: ComponentStatus;
  page: boolean;
}

export const digestToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

const fromMonitorConfig = (m: MonitorConfig): CatalogMonitor => ({
  id: m.id,
  componentId: m.component,
  url: m.url,
  method: m.method,
  intervalMs: m.interval,
  timeoutMs: m.timeout,
  expectedStatus: Array.isArray(m.expected_status) ? m.expected_status : [m.expected_status],
  bodyMatch: m.body_match,
  failuresBeforeChange: m.failures_before_change,
  successesBeforeRecovery: m.successes_before_recovery,
  failureStatus: m.failure_status,
  page: m.page,
});

export class Catalog {
  readonly title: string;
  readonly zone: string;
  readonly groups: { id: string; name: string }[];
  readonly components: CatalogComponent[];
  readonly monitors: CatalogMonitor[];
  readonly heartbeats: CatalogHeartbeat[];
  /** Problems found while reading the shorthand (logged at start). */
  readonly warnings: string[] = [];
  private readonly byId: Map<string, CatalogComponent>;

  constructor(private readonly config: Config) {
    const status = config.status;
    this.title = status?.title ?? `${config.organisation} status`;
    this.zone = config.timezone;
    this.groups = status?.groups ?? [];
    this.components = (status?.components ?? []).map((c, position) => ({ id: c.id, name: c.name, group: c.group, description: c.description, position }));
    this.byId = new Map(this.components.map((c) => [c.id, c]));
    const monitors = (status?.monitors ?? []).map(fromMonitorConfig);
    for (const s of config.services) {
      if (!s.health_check) continue;
      const id = `${s.id}-health`;
      if (!s.status_component) this.warnings.push(`services: ${s.id} has a health_check but no status_component; the check does not run`);
      else if (monitors.some((m) => m.id === id)) this.warnings.push(`services: ${s.id}'s health_check is named ${id}, which status.monitors already uses; the shorthand is skipped`);
      else
        monitors.push({
          id,
          componentId: s.status_component,
          url: s.health_check.url,
          method: 'GET',
          intervalMs: s.health_check.interval,
          timeoutMs: s.health_check.timeout,
          expectedStatus: [s.health_check.expected_status],
          failuresBeforeChange: 3,
          successesBeforeRecovery: 1,
          failureStatus: 'major_outage',
          page: false,
        });
    }
    this.monitors = monitors;
    this.heartbeats = (status?.heartbeats ?? []).map((h) => this.fromHeartbeatConfig(h));
  }

  private fromHeartbeatConfig(h: HeartbeatConfig): CatalogHeartbeat {
    return {
      id: h.id,
      name: h.name ?? h.id,
      tokenDigest: digestToken(h.token),
      cron: h.schedule,
      timezone: h.timezone ?? this.zone,
      graceMs: h.grace,
      componentId: h.component,
      serviceId: h.service ?? (h.component ? this.serviceOf(h.component)?.id : undefined),
      failureStatus: h.failure_status,
      page: h.page,
    };
  }

  heartbeat(id: string): CatalogHeartbeat | undefined {
    return this.heartbeats.find((h) => h.id === id);
  }

  serviceName(serviceId: string): string {
    return this.config.services.find((s) => s.id === serviceId)?.name ?? serviceId;
  }

  component(id: string): CatalogComponent | undefined {
    return this.byId.get(id);
  }

  monitor(id: string): CatalogMonitor | undefined {
    return this.monitors.find((m) => m.id === id);
  }

  name(componentId: string): string {
    return this.byId.get(componentId)?.name ?? componentId;
  }

  groupName(groupId: string | undefined): string | undefined {
    return groupId ? this.groups.find((g) => g.id === groupId)?.name : undefined;
  }

  /** The component a service moves, if it names one that exists. */
  componentOfService(serviceId: string | undefined): string | undefined {
    const c = this.config.services.find((s) => s.id === serviceId)?.status_component;
    return c && this.byId.has(c) ? c : undefined;
  }

  /** The first service that moves this component. */
  serviceOf(componentId: string): ServiceConfig | undefined {
    return this.config.services.find((s) => s.status_component === componentId);
  }

  /** Whether a service exists but moves no component (its incidents stay off the public page). */
  isInternalService(serviceId: string | undefined): boolean {
    return serviceId !== undefined && this.componentOfService(serviceId) === undefined;
  }

  /** Reads a component id typed in chat; unknown ones are refused with the known list. */
  require(raw: string): CatalogComponent {
    const id = raw.trim().toLowerCase();
    const c = this.byId.get(id) ?? this.components.find((x) => x.name.toLowerCase() === id);
    if (c) return c;
    if (this.components.length === 0) throw new UserError('There are no status components: add them under `status.components` in the config.');
    throw new UserError(`Unknown component "${raw.slice(0, 60)}". Components: ${this.components.map((x) => x.id).join(', ')}.`);
  }

  /** Reads `api`, `api,web` or `api web`: every component named, each at most once. */
  requireList(raw: string): CatalogComponent[] {
    const words = raw
      .split(/[\s,]+/)
      .map((w) => w.trim())
      .filter(Boolean);
    const out: CatalogComponent[] = [];
    for (const w of words) {
      const c = this.require(w);
      if (!out.includes(c)) out.push(c);
    }
    return out;
  }
}
