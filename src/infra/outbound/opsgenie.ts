// Opsgenie Alert API v2: create an alert with `alias` = the page id, then acknowledge and
// close it by that alias (`identifierType=alias`). Auth is `Authorization: GenieKey <key>`.
import type { OutboundAlert } from '../../core/ports.js';
import { clip, USER_AGENT, type OutboundRequest } from './request.js';

export interface OpsgenieTarget {
  api_key: string;
  /** Base URL: https://api.opsgenie.com (or api.eu.opsgenie.com). */
  url: string;
}

const PRIORITY = { 1: 'P1', 2: 'P2', 3: 'P3', 4: 'P4' } as const;

export function opsgenieBody(alert: OutboundAlert): Record<string, unknown> {
  const note = alert.details?.by ? `${alert.action === 'acknowledge' ? 'Acknowledged' : 'Resolved'} in Switchboard by ${alert.details.by}` : undefined;
  if (alert.action !== 'trigger') return { source: 'Switchboard', user: 'Switchboard', ...(note ? { note } : {}) };
  return {
    message: clip(alert.summary, 130),
    alias: alert.id,
    description: clip(`${alert.summary}${alert.url ? `\n\n${alert.url}` : ''}`, 15_000),
    priority: PRIORITY[alert.severity],
    source: clip(alert.source, 100),
    tags: ['switchboard'],
    details: { page: alert.id, ...alert.details },
  };
}

export function opsgenieRequest(target: OpsgenieTarget, alert: OutboundAlert): OutboundRequest {
  const base = `${target.url.replace(/\/+$/, '')}/v2/alerts`;
  const alias = encodeURIComponent(alert.id);
  const url =
    alert.action === 'trigger' ? base : `${base}/${alias}/${alert.action === 'acknowledge' ? 'acknowledge' : 'close'}?identifierType=alias`;
  return {
    url,
    headers: { 'content-type': 'application/json', 'user-agent': USER_AGENT, authorization: `GenieKey ${target.api_key}` },
    body: JSON.stringify(opsgenieBody(alert)),
  };
}
