// A generic JSON webhook: the page event as JSON, signed like GitHub's webhooks with
// `X-Switchboard-Signature: sha256=<hex HMAC-SHA256 of the raw body with the shared secret>`.
// The receiver recomputes the HMAC over the exact bytes and compares in constant time.
import { createHmac, randomUUID } from 'node:crypto';
import type { OutboundAlert } from '../../core/ports.js';
import { USER_AGENT, type OutboundRequest } from './request.js';

export interface WebhookTarget {
  url: string;
  secret: string;
}

const EVENT = { trigger: 'page.triggered', acknowledge: 'page.acknowledged', resolve: 'page.resolved' } as const;

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

export function webhookRequest(target: WebhookTarget, alert: OutboundAlert, at: Date, delivery: string = randomUUID()): OutboundRequest {
  const body = JSON.stringify({
    event: EVENT[alert.action],
    delivery,
    sent_at: at.toISOString(),
    page: { id: alert.id, summary: alert.summary, severity: alert.severity, source: alert.source, url: alert.url, details: alert.details ?? {} },
  });
  return {
    url: target.url,
    headers: {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'x-switchboard-event': EVENT[alert.action],
      'x-switchboard-delivery': delivery,
      'x-switchboard-signature': signBody(target.secret, body),
    },
    body,
  };
}
