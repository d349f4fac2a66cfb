// Slack's side of the Events API for tests: payloads shaped like Slack's, signed the way
// Slack signs them (v0 HMAC-SHA256 of `v0:<ts>:<body>`), posted to POST /slack/events.
// Clicks and modal submissions are built from what the fake recorded, so a test presses
// the button the user would actually see.
import { createHmac } from 'node:crypto';
import type { FakeMessage } from './fake-slack-api.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export function signature(body: string, secret: string, ts: number): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
}

export function signedHeaders(body: string, contentType: string, opts: { secret?: string; ts?: number } = {}): Record<string, string> {
  const ts = opts.ts ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': signature(body, opts.secret ?? SIGNING_SECRET, ts),
  };
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

let seq = 0;
const next = (p: string) => `${p}${Date.now().toString(36)}${++seq}`;

export interface CommandInput {
  command: string;
  text?: string;
  user?: string;
  userName?: string;
  channel?: string;
  responseUrl: string;
  triggerId?: string;
}

/** Slack escapes `&`, `<`, `>` in the text it sends, except inside its own `<@U…>` tokens. */
export function slackEscape(text: string): string {
  return text.split(/(<[@#!][^<>]*>)/).map((part, i) => (i % 2 ? part : part.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'))).join('');
}

export function slashCommandBody(c: CommandInput): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0NORTH',
    team_domain: 'northwind',
    channel_id: c.channel ?? 'C01PLATFORM',
    channel_name: 'platform',
    user_id: c.user ?? 'U01ALICE01',
    user_name: c.userName ?? 'alice',
    command: c.command,
    text: slackEscape(c.text ?? ''),
    api_app_id: 'A0SWITCH',
    is_enterprise_install: 'false',
    response_url: c.responseUrl,
    trigger_id: c.triggerId ?? next('trig.'),
  }).toString();
}

export function eventBody(event: Record<string, unknown>, eventId = next('Ev')): string {
  return JSON.stringify({ token: 'x', team_id: 'T0NORTH', api_app_id: 'A0SWITCH', type: 'event_callback', event_id: eventId, event_time: Math.floor(Date.now() / 1000), event, authorizations: [{ team_id: 'T0NORTH', user_id: 'UBOT00001', is_bot: true }] });
}

export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Finds a button or select on a posted message by its visible text. */
export function findElement(m: Pick<FakeMessage, 'blocks'>, label: string): any {
  for (const b of m.blocks ?? []) {
    if (b.type !== 'actions') continue;
    for (const e of b.elements) if (e.text?.text === label || e.placeholder?.text === label) return e;
  }
  throw new Error(`no button or select "${label}" on the message`);
}

/** A block_actions payload for clicking `label` on `m` (or choosing `option` in that select). */
export function clickPayload(m: FakeMessage, label: string, opts: { user?: string; responseUrl?: string; option?: string; triggerId?: string } = {}): Record<string, unknown> {
  const el = findElement(m, label);
  const chosen = opts.option === undefined ? undefined : el.options.find((o: any) => o.text.text === opts.option);
  if (opts.option !== undefined && !chosen) throw new Error(`no option "${opts.option}" in "${label}"`);
  const user = opts.user ?? 'U01ALICE01';
  return {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), team_id: 'T0NORTH' },
    api_app_id: 'A0SWITCH',
    token: 'x',
    container: { type: 'message', message_ts: m.ts, channel_id: m.channel, is_ephemeral: false },
    trigger_id: opts.triggerId ?? next('trig.'),
    team: { id: 'T0NORTH', domain: 'northwind' },
    channel: { id: m.channel, name: 'x' },
    message: { type: 'message', ts: m.ts, text: m.text, blocks: m.blocks },
    response_url: opts.responseUrl,
    actions: [
      chosen
        ? { type: 'static_select', action_id: el.action_id, block_id: 'b', selected_option: chosen, action_ts: String(Date.now() / 1000) }
        : { type: 'button', action_id: el.action_id, block_id: 'b', value: el.value, text: el.text, action_ts: String(Date.now() / 1000) },
    ],
  };
}

/** A view_submission of a modal the fake received, answering inputs by label or block id. */
export function submitPayload(view: any, answers: Record<string, string>, opts: { user?: string; triggerId?: string } = {}): Record<string, unknown> {
  const values: Record<string, Record<string, unknown>> = {};
  for (const b of view.blocks) {
    if (b.type !== 'input') continue;
    const answer = answers[b.block_id] ?? answers[b.label.text];
    const el = b.element;
    let state: Record<string, unknown>;
    if (el.type === 'static_select') {
      const opt = el.options.find((o: any) => o.text.text === answer || o.value === answer);
      state = { type: el.type, selected_option: answer === undefined ? null : opt };
    } else if (el.type === 'datepicker') state = { type: el.type, selected_date: answer ?? null };
    else if (el.type === 'datetimepicker') state = { type: el.type, selected_date_time: answer === undefined ? null : Math.floor(Date.parse(answer) / 1000) };
    else state = { type: el.type, value: answer ?? null };
    values[b.block_id] = { [el.action_id]: state };
  }
  const user = opts.user ?? 'U01ALICE01';
  return {
    type: 'view_submission',
    team: { id: 'T0NORTH' },
    user: { id: user, username: user.toLowerCase() },
    api_app_id: 'A0SWITCH',
    token: 'x',
    trigger_id: opts.triggerId ?? next('trig.'),
    view: { ...view, id: view.id ?? next('V'), hash: next('h'), state: { values } },
  };
}

/** Posts signed Slack requests to one app. */
export class SlackRequests {
  constructor(
    readonly endpoint: string,
    private readonly secret = SIGNING_SECRET,
  ) {}

  async post(body: string, contentType: string, extra: Record<string, string> = {}, opts: { ts?: number; secret?: string } = {}): Promise<Response> {
    return fetch(this.endpoint, { method: 'POST', body, headers: { ...signedHeaders(body, contentType, { secret: opts.secret ?? this.secret, ts: opts.ts }), ...extra } });
  }

  command(c: CommandInput): Promise<Response> {
    return this.post(slashCommandBody(c), FORM);
  }

  event(event: Record<string, unknown>, opts: { eventId?: string; retryNum?: number } = {}): Promise<Response> {
    const extra: Record<string, string> = opts.retryNum ? { 'x-slack-retry-num': String(opts.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {};
    return this.post(eventBody(event, opts.eventId), JSON_TYPE, extra);
  }

  interaction(payload: Record<string, unknown>): Promise<Response> {
    return this.post(interactionBody(payload), FORM);
  }
}
