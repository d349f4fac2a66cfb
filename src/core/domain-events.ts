// The domain events skills exchange through the EventBus: the contract between skills, so
// none imports another's internals. Payloads are plain data (ids, ISO times), emitted after
// the change is stored. A skill that is not configured simply never emits or listens.
import type { ComponentStatus, Risk, Severity } from './config/index.js';
import type { ActorRef } from './types.js';

export type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';

export interface IncidentEvent {
  id: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  serviceId?: string;
  teamId?: string;
  private: boolean;
  by: ActorRef;
  /** ISO time of the change. */
  at: string;
}

export type PageStatus = 'triggered' | 'acknowledged' | 'resolved';

export interface PageEvent {
  id: string;
  summary: string;
  severity: 1 | 2 | 3 | 4;
  status: PageStatus;
  incidentId?: string;
  serviceId?: string;
  by?: ActorRef;
  at: string;
}

export type ChangeState = 'pending' | 'approved' | 'rejected' | 'in_progress' | 'completed' | 'failed' | 'cancelled';

export interface ChangeEvent {
  id: string;
  title: string;
  risk: Risk;
  type: 'normal' | 'standard' | 'emergency';
  state: ChangeState;
  serviceId?: string;
  incidentId?: string;
  /** Planned window, ISO. */
  start: string;
  end: string;
  by: ActorRef;
  at: string;
}

export type ComponentChangeReason = 'manual' | 'incident' | 'monitor' | 'maintenance' | 'heartbeat';

export interface DomainEvents {
  'incident.declared': IncidentEvent;
  /** A status update (investigating/identified/monitoring) with its text. */
  'incident.updated': IncidentEvent & { text: string };
  'incident.severity_changed': IncidentEvent & { from: Severity };
  'incident.resolved': IncidentEvent & { summary?: string };

  'page.triggered': PageEvent;
  'page.acknowledged': PageEvent;
  'page.resolved': PageEvent;
  /**
   * Anything may ask the on-call skill to page: a failing monitor, a missed heartbeat.
   * Exactly one of serviceId / policyId / scheduleId / personId names the target.
   * `dedupKey` makes repeats of the same problem one page.
   */
  'page.requested': {
    serviceId?: string;
    policyId?: string;
    scheduleId?: string;
    personId?: string;
    summary: string;
    severity: 1 | 2 | 3 | 4;
    source: string;
    dedupKey?: string;
    incidentId?: string;
    at: string;
  };

  'change.requested': ChangeEvent;
  'change.approved': ChangeEvent;
  'change.rejected': ChangeEvent;
  'change.started': ChangeEvent;
  'change.completed': ChangeEvent;
  'change.failed': ChangeEvent;
  'change.cancelled': ChangeEvent;

  'status.component_changed': {
    componentId: string;
    from: ComponentStatus;
    to: ComponentStatus;
    reason: ComponentChangeReason;
    message?: string;
    incidentId?: string;
    by?: ActorRef;
    at: string;
  };
  'monitor.failed': { monitorId: string; componentId: string; error: string; at: string };
  'monitor.recovered': { monitorId: string; componentId: string; at: string };
}
