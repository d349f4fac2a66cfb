// Which replies can travel inside a slash command's ack (pure: rendering only). The HTTP side —
// the ack carrying the answer, or an empty ack and response_url — is in http-endpoint.test.ts.
import { describe, expect, it } from 'vitest';
import type { SlackChat } from '../../../src/adapters/slack/chat-port.js';
import type { PeopleView } from '../../../src/adapters/slack/mrkdwn.js';
import { ReplySender } from '../../../src/adapters/slack/replies.js';
import { actions, button, card, mention, text, type Form } from '../../../src/core/card.js';
import { silentLogger } from '../../../src/infra/logger.js';

const view: PeopleView = { slackIdOf: (id) => (id === 'bob' ? 'U01BOB0001' : undefined), nameOf: (id) => id };
const replies = new ReplySender({ view } as unknown as SlackChat, {} as never, silentLogger);
const form: Form = { title: 'Note', command: 'incident note INC-1 {text}', inputs: [{ type: 'text', id: 'text', label: 'Note' }] };

describe('answers inside the ack', () => {
  it('carries a text or a card, ephemeral or in the channel, rendered as Slack would show it', () => {
    expect(replies.inline({ text: '**3** open <incidents>', ephemeral: true })).toEqual({ response_type: 'ephemeral', text: '*3* open &lt;incidents&gt;' });
    const shown = replies.inline({ card: card('Who', [text(`${mention('bob')} is on call`)]) }) as { response_type: string; text: string; blocks: unknown[] };
    expect(shown.response_type).toBe('in_channel');
    expect(JSON.stringify(shown.blocks)).toContain('<@U01BOB0001> is on call');
    expect(shown.text).toContain('is on call');
  });

  it('leaves out what needs more than one HTTP body: a form (a modal), a file, nothing to say', () => {
    expect(replies.inline({ form, ephemeral: true })).toBeUndefined();
    expect(replies.inline({ text: 'Postmortem posted', file: { filename: 'x.md', title: 'X', content: '# X' } })).toBeUndefined();
    expect(replies.inline({})).toBeUndefined();
  });

  it('leaves out a card whose buttons need slots stored first (durable before visible)', () => {
    const long = `incident note INC-1 ${'x'.repeat(2100)}`;
    expect(replies.inline({ card: card('Short', [actions(button('Go', 'incident list'))]) })).toBeDefined();
    expect(replies.inline({ card: card('Long', [actions(button('Go', long))]) })).toBeUndefined();
  });
});
