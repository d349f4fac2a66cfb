// The OutboundNotifier port over the integrations of the config: each id maps to a
// PagerDuty, Opsgenie or webhook target; an integration whose key resolved to an empty
// string is off. Final failures are logged with the integration id and reason only.
import type { IntegrationsConfig } from '../../core/config/index.js';
import type { Clock, Logger, OutboundAlert, OutboundAttempt, OutboundNotifier, OutboundResult } from '../../core/ports.js';
import { opsgenieRequest } from './opsgenie.js';
import { pagerDutyRequest } from './pagerduty.js';
import type { OutboundRequest } from './request.js';
import { DEFAULT_RETRY, sendWithRetry, type RetryDeps, type RetryPolicy } from './retry.js';
import { webhookRequest } from './webhook.js';

type Kind = OutboundAttempt['kind'];

interface Target {
  kind: Kind;
  build(alert: OutboundAlert, at: Date): OutboundRequest;
}

export interface NotifierOptions {
  clock: Clock;
  log: Logger;
  retry?: Partial<RetryPolicy>;
  retryDeps?: RetryDeps;
}

export class AxiosOutboundNotifier implements OutboundNotifier {
  private readonly targets = new Map<string, Target>();
  private readonly policy: RetryPolicy;

  constructor(
    integrations: IntegrationsConfig,
    private readonly opts: NotifierOptions,
  ) {
    this.policy = { ...DEFAULT_RETRY, ...opts.retry };
    for (const x of integrations.pagerduty) if (x.routing_key) this.targets.set(x.id, { kind: 'pagerduty', build: (a, at) => pagerDutyRequest(x, a, at) });
    for (const x of integrations.opsgenie) if (x.api_key) this.targets.set(x.id, { kind: 'opsgenie', build: (a) => opsgenieRequest(x, a) });
    for (const x of integrations.webhooks) if (x.secret) this.targets.set(x.id, { kind: 'webhook', build: (a, at) => webhookRequest(x, a, at) });
  }

  available(): string[] {
    return [...this.targets.keys()];
  }

  async send(integrationId: string, alert: OutboundAlert, onAttempt?: (a: OutboundAttempt) => void | Promise<void>): Promise<OutboundResult> {
    const target = this.targets.get(integrationId);
    if (!target) return { integration: integrationId, ok: false, attempts: 0 };
    const req = target.build(alert, this.opts.clock.now());
    const last = await sendWithRetry(
      req,
      this.policy,
      async (o) => {
        try {
          await onAttempt?.({ integration: integrationId, kind: target.kind, ...o });
        } catch (e) {
          this.opts.log.warn({ integration: integrationId, err: { message: (e as Error).message } }, 'outbound attempt report failed');
        }
      },
      { now: () => this.opts.clock.now(), ...this.opts.retryDeps },
    );
    if (!last.ok) this.opts.log.warn({ integration: integrationId, kind: target.kind, page: alert.id, action: alert.action, attempts: last.attempt, reason: last.error }, 'outbound delivery failed');
    return { integration: integrationId, ok: last.ok, attempts: last.attempt };
  }
}
