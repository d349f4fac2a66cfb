// PagerDuty Events API v2 (`POST /v2/enqueue`): trigger, acknowledge and resolve one alert,
// correlated by `dedup_key` = the page id. https://developer.pagerduty.com/docs/events-api-v2
import type { OutboundAlert } from '../../core/ports.js';
import { clip, USER_AGENT, type OutboundRequest } from './request.js';

export interface PagerDutyTarget {
  routing_key: string;
  url: string;
}

const SEVERITY = { 1: 'critical', 2: 'error', 3: 'warning', 4: 'info' } as const;

/** The Events v2 body; `payload` is sent with triggers only, as the API expects. */
export function pagerDutyBody(target: PagerDutyTarget, alert: OutboundAlert, at: Date): Record<string, unknown> {
  const base = { routing_key: target.routing_key, event_action: alert.action, dedup_key: alert.id };
  if (alert.action !== 'trigger') return base;
  return {
    ...base,
    payload: {
      summary: clip(alert.summary, 1024),
      severity: SEVERITY[alert.severity],
      source: clip(alert.source, 255),
      timestamp: at.toISOString(),
      custom_details: { page: alert.id, ...alert.details },
    },
    client: 'Switchboard',
    ...(alert.url ? { client_url: alert.url, links: [{ href: alert.url, text: `Switchboard ${alert.id}` }] } : {}),
  };
}

export function pagerDutyRequest(target: PagerDutyTarget, alert: OutboundAlert, at: Date): OutboundRequest {
  return {
    url: target.url,
    headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT },
    body: JSON.stringify(pagerDutyBody(target, alert, at)),
  };
}
