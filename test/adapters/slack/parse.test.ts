// Pure Slack → neutral conversions: command text, mentions, envelopes, slots, modal answers,
// channel names and the environment.
import { describe, expect, it } from 'vitest';
import { slackChannelName, slugify } from '../../../src/adapters/slack/channel-name.js';
import { slackSettings } from '../../../src/adapters/slack/env.js';
import { truncatePlain } from '../../../src/adapters/slack/limits.js';
import { slackToPlain } from '../../../src/adapters/slack/mrkdwn.js';
import { actionIntent, clickedMessage, commandText, emojiName, isSlackEnvelope, messageCommand, viewValues, BlockActionsSchema, ViewSubmissionSchema } from '../../../src/adapters/slack/parse.js';
import { decodeSlot, encodeSlot, parseForm, parseModalMeta } from '../../../src/adapters/slack/slots.js';

describe('command text', () => {
  it('joins the slash command and its text, undoing Slack escaping', () => {
    expect(commandText('/incident', 'declare sev2 A &amp; B &lt;eu&gt;')).toBe('incident declare sev2 A & B <eu>');
    expect(commandText('/ops', '')).toBe('ops');
    expect(commandText('/ops', 'page <@U01BOB0001|bob> disk full')).toBe('ops page <@U01BOB0001|bob> disk full');
    expect(commandText('/status', 'subscribe <#C0OPS|ops> see <https://status.example.com/a?b=1&amp;c=2|status.example.com>')).toBe('status subscribe <#C0OPS|ops> see https://status.example.com/a?b=1&c=2');
  });

  it('reads the command after the bot mention', () => {
    expect(messageCommand('<@UBOT> incident list', 'UBOT')).toBe('incident list');
    expect(messageCommand('<@UBOT|switchboard>: whoami', 'UBOT')).toBe('whoami');
    expect(messageCommand('hey <@UBOT> oncall', 'UBOT')).toBe('oncall');
    expect(messageCommand('page <@U01BOB0001> db &amp; api', 'UBOT')).toBe('page <@U01BOB0001> db & api');
    expect(messageCommand('whoami', undefined)).toBe('whoami');
    expect(messageCommand('<@UBOT> change request "x" rollback:<https://wiki.example.com/r>', 'UBOT')).toBe('change request "x" rollback:https://wiki.example.com/r');
  });

  it('names emoji without skin tones', () => {
    expect(emojiName('pushpin')).toBe('pushpin');
    expect(emojiName('thumbsup::skin-tone-3')).toBe('thumbsup');
  });

  it('reads Slack message text back to plain text', () => {
    const names: Record<string, string> = { U01BOB0001: 'Bob Okafor' };
    expect(slackToPlain('ping <@U01BOB0001> and <@U9|sam> in <#C1|ops> <!here> <https://x.example|docs> <https://y.example> a &lt;b&gt; &amp;', (id) => names[id])).toBe(
      'ping @Bob Okafor and @sam in #ops @here docs (https://x.example) https://y.example a <b> &',
    );
    expect(slackToPlain('<@UNKNOWN>', () => undefined)).toBe('@UNKNOWN');
  });
});

describe('envelopes', () => {
  it('accepts what Slack sends and nothing else', () => {
    expect(isSlackEnvelope({ command: '/ops', text: 'help', user_id: 'U1', channel_id: 'C1', response_url: 'https://hooks', trigger_id: 't' })).toBe(true);
    expect(isSlackEnvelope({ type: 'event_callback', event_id: 'Ev1', event: { type: 'app_mention' } })).toBe(true);
    expect(isSlackEnvelope({ type: 'block_actions', user: { id: 'U1' }, actions: [{ action_id: 'sb.cmd.0.0', type: 'button' }] })).toBe(true);
    expect(isSlackEnvelope({ type: 'view_submission', user: { id: 'U1' }, view: { id: 'V1', state: { values: {} } } })).toBe(true);
    expect(isSlackEnvelope({ type: 'view_closed', user: { id: 'U1' } })).toBe(true);
    for (const bad of [{}, null, 'x', [], { type: 'event_callback', event_id: 'Ev1' }, { type: 'block_actions', user: { id: 'U1' }, actions: [] }, { command: 'ops', user_id: 'U1', channel_id: 'C1' }, { type: 'view_submission', user: { id: 'U1' }, view: { id: 'V1' } }, { type: 'unknown' }]) {
      expect(isSlackEnvelope(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('slots', () => {
  it('round-trips values and references', () => {
    const overflow: Record<string, string> = {};
    expect(encodeSlot('c', 'page ack PAGE-1', 2000, overflow)).toBe('c:page ack PAGE-1');
    const ref = encodeSlot('v', 'x'.repeat(200), 150, overflow);
    expect(ref).toMatch(/^r:/);
    expect(decodeSlot(ref, (h) => overflow[h])).toEqual({ kind: 'v', data: 'x'.repeat(200) });
    expect(decodeSlot('r:missing', () => undefined)).toBeUndefined();
    expect(decodeSlot('untagged value', () => undefined)).toBeUndefined();
    expect(decodeSlot(undefined, () => undefined)).toBeUndefined();
  });

  it('validates forms and modal metadata on the way back in', () => {
    expect(parseForm('{"title":"T","command":"x {a}","inputs":[{"type":"text","id":"a","label":"A"}]}')).toMatchObject({ title: 'T' });
    expect(parseForm('{"title":"T"}')).toBeUndefined();
    expect(parseForm('not json')).toBeUndefined();
    expect(parseModalMeta('{"c":"x","ch":"C1"}')).toEqual({ c: 'x', ch: 'C1' });
    expect(parseModalMeta('{"ch":"C1"}')).toBeUndefined();
  });
});

describe('interactions', () => {
  const click = (action: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    BlockActionsSchema.parse({ type: 'block_actions', user: { id: 'U1' }, actions: [{ type: 'button', ...action }], ...extra });

  it('reads what a button or option asks for from the slot we wrote', () => {
    const none = () => undefined;
    expect(actionIntent(click({ action_id: 'sb.cmd.0.0', value: 'c:page ack PAGE-1' }).actions[0], none)).toEqual({ kind: 'command', command: 'page ack PAGE-1' });
    expect(actionIntent(click({ action_id: 'sb.sel.0.1', selected_option: { value: 'c:incident severity INC-1 sev1' } }).actions[0], none)).toEqual({ kind: 'command', command: 'incident severity INC-1 sev1' });
    expect(actionIntent(click({ action_id: 'sb.form.0.2', value: 'f:{"a":1}' }).actions[0], none)).toEqual({ kind: 'form', formJson: '{"a":1}' });
    expect(actionIntent(click({ action_id: 'sb.url.0.3' }).actions[0], none)).toEqual({ kind: 'none' });
    expect(actionIntent(click({ action_id: 'someone-elses', value: 'c:x' }).actions[0], none)).toEqual({ kind: 'none' });
    expect(actionIntent(click({ action_id: 'sb.cmd.0.0', value: 'f:{}' }).actions[0], none)).toEqual({ kind: 'none' });
    expect(actionIntent(click({ action_id: 'sb.cmd.0.0', value: 'rm -rf' }).actions[0], none)).toEqual({ kind: 'none' });
  });

  it('gives the clicked message for in-place updates, except ephemeral ones', () => {
    expect(clickedMessage(click({ action_id: 'a' }, { container: { type: 'message', message_ts: '1.2', channel_id: 'C1' }, message: { ts: '1.2', thread_ts: '1.0' } }))).toEqual({ platform: 'slack', channelId: 'C1', messageId: '1.2', threadId: '1.0' });
    expect(clickedMessage(click({ action_id: 'a' }, { container: { type: 'message', message_ts: '1.2', channel_id: 'C1', is_ephemeral: true } }))).toBeUndefined();
    expect(clickedMessage(click({ action_id: 'a' }, { container: { type: 'view', view_id: 'V1' } }))).toBeUndefined();
  });

  it('reads modal answers by input id', () => {
    const view = ViewSubmissionSchema.parse({
      type: 'view_submission',
      user: { id: 'U1' },
      view: {
        id: 'V1',
        state: {
          values: {
            title: { v: { type: 'plain_text_input', value: 'API down' } },
            severity: { v: { type: 'static_select', selected_option: { value: 'v:sev1' } } },
            forged: { v: { type: 'static_select', selected_option: { value: 'c:rm' } } },
            day: { v: { type: 'datepicker', selected_date: '2026-11-21' } },
            start: { v: { type: 'datetimepicker', selected_date_time: 1795269600 } },
            notes: { v: { type: 'plain_text_input', value: null } },
          },
        },
      },
    }).view;
    expect(viewValues(view, () => undefined)).toEqual({ title: 'API down', severity: 'sev1', forged: undefined, day: '2026-11-21', start: '2026-11-21T14:00:00Z', notes: undefined });
  });
});

describe('channel names', () => {
  it('lowercases, strips accents and keeps only [a-z0-9-_]', () => {
    expect(slugify('Zahlungsausfall für Kunden — Straße!')).toBe('zahlungsausfall-fur-kunden-strasse');
    expect(slackChannelName('inc-12-🔥 API_v2 DOWN!!!')).toBe('inc-12-api_v2-down');
    expect(slackChannelName('🔥🔥')).toBe('channel');
  });

  it('stays within 80 characters and always keeps the number', () => {
    const long = `inc-12345-${'database replication lag '.repeat(6)}`;
    const name = slackChannelName(long);
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name.startsWith('inc-12345-database')).toBe(true);
    expect(name.endsWith('-')).toBe(false);
    const taken = slackChannelName(long, 12);
    expect(taken.length).toBeLessThanOrEqual(80);
    expect(taken).toMatch(/^inc-12345-.*-12$/);
    expect(slackChannelName(`inc-${'9'.repeat(90)}`, 2)).toMatch(/^inc-9+-2$/);
    expect(slackChannelName(`inc-${'9'.repeat(90)}`, 2).length).toBe(80);
  });

  it('truncates plain text without splitting an emoji', () => {
    expect(truncatePlain('ab🔥cd', 4)).toBe('ab…');
    expect(truncatePlain('abc', 3)).toBe('abc');
  });
});

describe('environment', () => {
  it('chooses HTTP, Socket Mode (which wins), or nothing with a warning', () => {
    const warnings: string[] = [];
    const warn = (m: string) => warnings.push(m);
    expect(slackSettings({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }, warn)).toEqual({ mode: 'http', botToken: 'xoxb-1', signingSecret: 's', apiUrl: undefined });
    expect(slackSettings({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'http://127.0.0.1:9/api' }, warn)).toEqual({ mode: 'socket', botToken: 'xoxb-1', appToken: 'xapp-1', apiUrl: 'http://127.0.0.1:9/api/' });
    expect(slackSettings({}, warn)).toBeUndefined();
    expect(warnings).toEqual([]);
    expect(slackSettings({ SLACK_BOT_TOKEN: 'xoxb-1' }, warn)).toBeUndefined();
    expect(slackSettings({ SLACK_APP_TOKEN: 'xapp-1' }, warn)).toBeUndefined();
    expect(warnings).toHaveLength(2);
    expect(() => slackSettings({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'ftp://x' })).toThrow(/SLACK_API_URL must be an http\(s\) URL/);
  });
});
