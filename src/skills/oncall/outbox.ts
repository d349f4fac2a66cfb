// The page's outbound deliveries (PagerDuty, Opsgenie, webhooks) as a durable outbox: each
// action is queued on the page record in the same write as the change that caused it, then
// sent in the background, in order per page (a trigger always before its acknowledge), with
// each attempt written to the page's timeline. Deliveries still pending after a crash are
// sent again on start; the receivers de-duplicate by the page id (dedup_key / alias).
import type { Collection, Logger, OutboundAlert, OutboundAttempt, OutboundNotifier } from '../../core/ports.js';
import type { Clock } from '../../core/clock.js';
import { KeyedLock } from './keyed-lock.js';
import { note, who, type Delivery, type Page } from './model.js';

export interface OutboxDeps {
  pages: Collection<Page>;
  outbound: OutboundNotifier;
  clock: Clock;
  log: Logger;
}

function alertOf(p: Page, action: Delivery['action']): OutboundAlert {
  const details: Record<string, string> = { target: p.target, policy: p.policy.name };
  if (p.incidentId) details.incident = p.incidentId;
  if (p.serviceId) details.service = p.serviceId;
  if (action === 'acknowledge' && p.acknowledgedBy) details.by = who(p.acknowledgedBy);
  if (action === 'resolve' && p.resolvedBy) details.by = who(p.resolvedBy);
  return { id: p.id, action, summary: p.summary, severity: p.severity, source: p.serviceId ?? p.source, details };
}

function attemptText(d: Delivery, a: OutboundAttempt): string {
  const head = `${a.kind} ${a.integration}: ${d.action} attempt ${a.attempt}`;
  if (a.ok) return `${head} delivered (HTTP ${a.status}, ${a.ms} ms).`;
  return `${head} failed (${a.error ?? 'unknown error'})${a.retryInMs !== undefined ? `; retrying in ${(a.retryInMs / 1000).toFixed(1)} s` : '; giving up'}.`;
}

export class Outbox {
  private readonly lock = new KeyedLock();

  constructor(private readonly deps: OutboxDeps) {}

  /** Sends the page's pending deliveries in the background (in order); never rejects. */
  flush(pageId: string): Promise<void> {
    return this.lock.run(pageId, () => this.drain(pageId)).catch((e) => this.deps.log.error({ err: e, page: pageId }, 'outbound deliveries failed'));
  }

  /** Resumes every page's pending deliveries (after a restart). */
  resume(): void {
    for (const p of this.deps.pages.filter((x) => x.deliveries.some((d) => d.status === 'pending'))) void this.flush(p.id);
  }

  /** Resolves once every queued delivery has finished (tests, benchmarks). */
  idle(): Promise<void> {
    return this.lock.idle();
  }

  private async drain(pageId: string): Promise<void> {
    for (;;) {
      const page = this.deps.pages.get(pageId);
      const index = page?.deliveries.findIndex((d) => d.status === 'pending') ?? -1;
      if (!page || index < 0) return;
      const d = page.deliveries[index];
      let attempts = 0;
      const result = await this.deps.outbound.send(d.integration, alertOf(page, d.action), async (a) => {
        attempts = a.attempt;
        await this.deps.pages.update(pageId, (p) => note(p, this.deps.clock.now(), 'outbound', attemptText(d, a)));
      });
      await this.deps.pages.update(pageId, (p) => {
        const deliveries = p.deliveries.map((x, i) => (i === index ? { ...x, status: result.ok ? ('sent' as const) : ('failed' as const), attempts } : x));
        const q = { ...p, deliveries };
        return result.attempts === 0 ? note(q, this.deps.clock.now(), 'outbound', `${d.integration}: not configured or switched off; ${d.action} not sent.`) : q;
      });
    }
  }
}
