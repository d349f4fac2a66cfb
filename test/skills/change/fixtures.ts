// Shared fixtures for the change rule tests: the example config's `changes` section, actors on
// several platforms, and a helper that builds a valid change through the real request rules.
import type { IncidentView } from '../../../src/core/queries.js';
import type { ActorRef } from '../../../src/core/types.js';
import { freezeWindows } from '../../../src/skills/change/freeze.js';
import type { Change } from '../../../src/skills/change/model.js';
import { policyOf } from '../../../src/skills/change/policy.js';
import { buildRequest, type RequestContext, type RequestInput } from '../../../src/skills/change/request-rules.js';
import { exampleConfig } from '../../helpers/config.js';

export const config = exampleConfig();
export const cfg = config.changes!;
export const freezes = freezeWindows(cfg.freeze_windows, config.timezone);
export const NOW = new Date('2026-11-21T09:00:00Z');

/** A person acting from a platform account (the same person on two platforms compares equal by personId). */
export const on = (platform: ActorRef['platform'], personId: string | undefined, userId = personId ?? 'U0STRANGER'): ActorRef => ({
  platform,
  userId,
  personId,
  name: personId ?? userId,
});

export const hours = (h: number, from = NOW) => new Date(from.getTime() + h * 3_600_000);

export const openIncident: IncidentView = {
  id: 'INC-7',
  title: 'Payments failing',
  severity: 'sev2',
  status: 'identified',
  private: false,
  declaredAt: NOW.toISOString(),
  channels: [],
  members: [],
};

export function requestCtx(over: Partial<RequestContext> = {}): RequestContext {
  return { now: NOW, by: on('slack', 'erin', 'U01ERIN001'), zone: 'Europe/Berlin', cfg, services: config.services, freezes, others: [], ...over };
}

let seq = 0;
/** A change built by the request rules, with an id as the store would give it. */
export function makeChange(input: Partial<RequestInput> = {}, ctx: Partial<RequestContext> = {}): Change {
  const { change } = buildRequest({ title: 'Upgrade Postgres', risk: 'high', start: hours(2), end: hours(4), serviceId: 'api', ...input }, requestCtx(ctx));
  return { id: `CHG-${++seq}`, ...change };
}

export const decisionCtx = (c: Change, now = NOW) => ({ policy: policyOf(cfg, c.approverGroup, c.approvalsNeeded), now, freezes, zone: 'Europe/Berlin' });
