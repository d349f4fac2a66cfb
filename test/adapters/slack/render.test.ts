// The Block Kit renderer: every block type, Slack's limits, and escaping of user text.
import { describe, expect, it } from 'vitest';
import { renderMessage, renderModal, fitBlocks } from '../../../src/adapters/slack/render.js';
import type { PeopleView } from '../../../src/adapters/slack/mrkdwn.js';
import { decodeSlot } from '../../../src/adapters/slack/slots.js';
import { actions, button, card, context, divider, escapeMarkup, field, fields, formButton, image, linkButton, mention, select, text, type Card, type Form } from '../../../src/core/card.js';

const people: PeopleView = {
  slackIdOf: (id) => ({ alice: 'U01ALICE01', bob: 'U01BOB0001' })[id],
  nameOf: (id) => ({ alice: 'Alice Martin', bob: 'Bob Okafor', zoe: 'Zoë <Admin>' })[id] ?? id,
};
/** Blocks as plain JSON (the union of Slack block types is too narrow to index in tests). */
type Loose = { text: string; blocks?: any[]; overflow: Record<string, string> };
const render = (c: Card, msgText?: string) => renderMessage({ card: c, text: msgText }, people) as Loose;
const all = (x: unknown) => JSON.stringify(x);

describe('renderMessage: blocks', () => {
  it('renders a text-only message as mrkdwn text without blocks', () => {
    const r: Loose = renderMessage({ text: '**Usage:** `page <target>` — see [docs](https://example.com/a?b=1&c=2) _now_' }, people);
    expect(r.blocks).toBeUndefined();
    expect(r.text).toBe('*Usage:* `page &lt;target&gt;` — see <https://example.com/a?b=1&amp;c=2|docs> _now_');
  });

  it('renders the title as a header, with a tone mark unless it starts with an emoji', () => {
    expect(render(card('Outage', [], 'danger')).blocks![0]).toEqual({ type: 'header', text: { type: 'plain_text', text: '🔴 Outage', emoji: true } });
    expect(render(card('Heads up', [], 'warning')).blocks![0]).toMatchObject({ text: { text: '🟠 Heads up' } });
    expect(render(card('🔥 INC-4', [], 'danger')).blocks![0]).toMatchObject({ text: { text: '🔥 INC-4' } });
    expect(render(card('Plain', [], 'info')).blocks![0]).toMatchObject({ text: { text: 'Plain' } });
  });

  it('renders text, context, divider and image blocks', () => {
    const r = render(card(undefined, [text('Status **identified**'), context('Updated by ' + mention('bob')), divider(), image('https://example.com/g.png', 'graph'), image('javascript:alert(1)', 'x')]));
    expect(r.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'Status *identified*' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Updated by <@U01BOB0001>' }] },
      { type: 'divider' },
      { type: 'image', image_url: 'https://example.com/g.png', alt_text: 'graph' },
    ]);
  });

  it('puts the message text before the card and always gives a plain fallback', () => {
    const r = render(card('INC-1', [fields([field('Commander', mention('alice'))])]), 'Declared by ' + mention('bob'));
    expect(r.blocks![0]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'Declared by <@U01BOB0001>' } });
    expect(r.blocks![1].type).toBe('header');
    expect(r.text).toBe('Declared by Bob Okafor\nINC-1\nCommander: Alice Martin');
  });

  it('sets short fields side by side, ten a section, and a long field on its own', () => {
    const many = Array.from({ length: 12 }, (_, i) => field(`F${i}`, `v${i}`));
    const r = render(card(undefined, [fields([...many.slice(0, 2), field('Summary', 'long text', false), ...many.slice(2)])]));
    expect(r.blocks!.map((b: any) => (b.fields ? b.fields.length : 'text'))).toEqual([2, 'text', 10]);
    expect(r.blocks![0]).toMatchObject({ fields: [{ type: 'mrkdwn', text: '*F0*\nv0' }, { type: 'mrkdwn', text: '*F1*\nv1' }] });
    expect(r.blocks![1]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*Summary*\nlong text' } });
    expect(render(card(undefined, [fields([field('Empty', '')])])).blocks![0]).toMatchObject({ fields: [{ text: '*Empty*\n—' }] });
  });

  it('renders buttons with their command, styles, confirm dialogs, forms and links', () => {
    const form: Form = { title: 'Reject', command: 'change reject CHG-3 {reason}', inputs: [{ type: 'text', id: 'reason', label: 'Why?' }] };
    const r = render(
      card(undefined, [
        actions(
          button('Acknowledge', 'page ack PAGE-7', { style: 'primary' }),
          button('Resolve', 'page resolve PAGE-7', { style: 'danger', confirm: { title: 'Resolve PAGE-7?', text: 'This stops **all** notifications.', confirm: 'Resolve', deny: 'Keep' } }),
          button('Show', 'page show PAGE-7', { style: 'default' }),
          formButton('Reject…', form),
          linkButton('Runbook', 'https://runbooks.example.com/api'),
        ),
      ]),
    );
    const [ack, resolve, show, reject, link] = r.blocks![0].elements;
    expect(ack).toEqual({ type: 'button', text: { type: 'plain_text', text: 'Acknowledge', emoji: true }, action_id: 'sb.cmd.0.0', value: 'c:page ack PAGE-7', style: 'primary' });
    expect(resolve.style).toBe('danger');
    expect(resolve.confirm).toEqual({
      title: { type: 'plain_text', text: 'Resolve PAGE-7?', emoji: true },
      text: { type: 'mrkdwn', text: 'This stops *all* notifications.' },
      confirm: { type: 'plain_text', text: 'Resolve', emoji: true },
      deny: { type: 'plain_text', text: 'Keep', emoji: true },
      style: 'danger',
    });
    expect(show.style).toBeUndefined();
    expect(reject.action_id).toBe('sb.form.0.3');
    expect(JSON.parse(decodeSlot(reject.value, () => undefined)!.data)).toEqual(form);
    expect(link).toEqual({ type: 'button', text: { type: 'plain_text', text: 'Runbook', emoji: true }, action_id: 'sb.url.0.4', url: 'https://runbooks.example.com/api' });
    expect(r.blocks![0].block_id).toBe('sb.a.0.0');
  });

  it('renders a select whose options carry the filled command and keeps the initial option', () => {
    const r = render(card(undefined, [actions(select('Severity', 'incident severity INC-4 {value}', ['sev1', 'sev2'].map((v) => ({ label: v.toUpperCase(), value: v })), 'sev2'))]));
    const s = r.blocks![0].elements[0];
    expect(s).toMatchObject({ type: 'static_select', action_id: 'sb.sel.0.0', placeholder: { text: 'Severity' } });
    expect(s.options.map((o: any) => o.value)).toEqual(['c:incident severity INC-4 sev1', 'c:incident severity INC-4 sev2']);
    expect(s.initial_option).toEqual(s.options[1]);
  });
});

describe('renderMessage: limits', () => {
  it('splits long text into sections of at most 3000 characters and truncates an endless line cleanly', () => {
    const lines = Array.from({ length: 80 }, (_, i) => `line ${i} ${'x'.repeat(90)}`).join('\n');
    const r = render(card(undefined, [text(lines)]));
    expect(r.blocks!.length).toBeGreaterThan(2);
    for (const b of r.blocks!) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    expect(r.blocks!.map((b: any) => b.text.text).join('\n')).toBe(lines);
    const endless = render(card(undefined, [text(`${'word '.repeat(700)}& more`)])).blocks![0].text.text;
    expect(endless.length).toBeLessThanOrEqual(3000);
    expect(endless.endsWith('…')).toBe(true);
  });

  it('never cuts an entity or a mention in half', () => {
    const body = 'a'.repeat(2990) + '&&&' + mention('alice').repeat(3);
    const t = render(card(undefined, [context(body)])).blocks![0].elements[0].text;
    expect(t.length).toBeLessThanOrEqual(3000);
    expect(t).toMatch(/(&amp;)*…$/);
    expect(t).not.toMatch(/&am?…$|&…$|<@[A-Z0-9]*…$/);
  });

  it('keeps at most 50 blocks, says what was left out and keeps the buttons', () => {
    const blocks = [...Array.from({ length: 60 }, (_, i) => text(`row ${i}`)), actions(button('Ack', 'page ack PAGE-1'))];
    const r = render(card('Long', blocks));
    expect(r.blocks).toHaveLength(50);
    expect(r.blocks![48]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '… 13 more blocks not shown (Slack shows at most 50).' }] });
    expect(r.blocks![49].type).toBe('actions');
    expect(fitBlocks([{ type: 'divider' }], 50)).toEqual([{ type: 'divider' }]);
  });

  it('truncates labels (75), header (150), options (75) and caps options (100) and elements per block (25)', () => {
    const opts = Array.from({ length: 120 }, (_, i) => ({ label: `Option ${i} ${'o'.repeat(80)}`, value: `v${i}` }));
    const buttons = Array.from({ length: 30 }, (_, i) => button(`B${i} ${'b'.repeat(80)}`, `cmd ${i}`));
    const r = render(card('T'.repeat(200), [actions(...buttons, select('Pick '.repeat(40), 'x {value}', opts))]));
    expect(r.blocks![0].text.text).toHaveLength(150);
    expect(r.blocks![0].text.text.endsWith('…')).toBe(true);
    const [first, second] = r.blocks!.slice(1);
    expect(first.elements).toHaveLength(25);
    expect(second.elements).toHaveLength(6);
    for (const b of [...first.elements, ...second.elements.slice(0, 5)]) expect(b.text.text.length).toBeLessThanOrEqual(75);
    const sel = second.elements[5];
    expect(sel.options).toHaveLength(100);
    expect(sel.options[0].text.text.length).toBe(75);
    expect(sel.placeholder.text.length).toBeLessThanOrEqual(150);
  });

  it('moves values that do not fit their slot to the overflow map', () => {
    const longCommand = `incident note INC-1 ${'n'.repeat(2100)}`;
    const r = render(card(undefined, [actions(button('Note', longCommand), select('Pick', `incident assign INC-1 commander {value}`, [{ label: 'x', value: 'y'.repeat(200) }]))]));
    const [b, s] = r.blocks![0].elements;
    expect(b.value).toMatch(/^r:[0-9a-f]{32}$/);
    expect(s.options[0].value).toMatch(/^r:[0-9a-f]{32}$/);
    const lookup = (h: string) => r.overflow[h];
    expect(decodeSlot(b.value, lookup)).toEqual({ kind: 'c', data: longCommand });
    expect(decodeSlot(s.options[0].value, lookup)!.data).toBe(`incident assign INC-1 commander ${'y'.repeat(200)}`);
  });

  it('truncates confirm dialogs to Slack limits', () => {
    const r = render(card(undefined, [actions(button('Go', 'x', { confirm: { title: 't'.repeat(120), text: 'w '.repeat(200), confirm: 'c'.repeat(40), deny: 'd'.repeat(40) } }))]));
    const c = r.blocks![0].elements[0].confirm;
    expect(c.title.text.length).toBeLessThanOrEqual(100);
    expect(c.text.text.length).toBeLessThanOrEqual(300);
    expect(c.confirm.text.length).toBeLessThanOrEqual(30);
    expect(c.deny.text.length).toBeLessThanOrEqual(30);
  });

  it('keeps the fallback text within 4000 characters', () => {
    const r = render(card('Big', [text('z '.repeat(5000))]));
    expect(r.text.length).toBeLessThanOrEqual(4000);
    expect(r.text.endsWith('…')).toBe(true);
  });
});

describe('renderMessage: escaping', () => {
  const hostile = '<!channel> <!here> <@U01BOB0001> <#C123|general> <https://evil.example|click> @here @channel @everyone a&b';

  it('never lets user text produce a broadcast, a mention or a link', () => {
    const r = render(card(escapeMarkup(hostile), [text(escapeMarkup(hostile)), fields([field(escapeMarkup(hostile), escapeMarkup(hostile))]), context(escapeMarkup(hostile))]), escapeMarkup(hostile));
    const mrkdwn = [r.text, ...r.blocks!.flatMap((b: any) => [b.text?.type === 'mrkdwn' ? b.text.text : '', ...(b.fields ?? []).map((f: any) => f.text), ...(b.elements ?? []).map((e: any) => e.text)])].join('\n');
    expect(mrkdwn).not.toMatch(/<!|<@|<#|<http/);
    expect(mrkdwn).toContain('&lt;!channel&gt;');
    expect(mrkdwn).toContain('@\u2060here');
    expect(mrkdwn).toContain('@\u2060everyone');
    expect(mrkdwn).not.toMatch(/@(here|channel|everyone)/);
    expect(mrkdwn).toContain('a&amp;b');
  });

  it('turns only intentional mentions into Slack mentions; people without a Slack id by name', () => {
    const r = renderMessage({ text: `${mention('alice')} and ${mention('zoe')} and ${mention('ghost')}` }, people);
    expect(r.text).toBe('<@U01ALICE01> and Zoë &lt;Admin&gt; and ghost');
  });

  it('keeps plain_text objects literal (they cannot mention anyone)', () => {
    const r = render(card('<!channel> & co', [actions(button('<!here>', 'x'))]));
    expect(r.blocks![0].text).toEqual({ type: 'plain_text', text: '<!channel> & co', emoji: true });
    expect(r.blocks![1].elements[0].text.text).toBe('<!here>');
  });

  it('makes links safe: the URL cannot close the token, the label cannot split it', () => {
    const r = renderMessage({ text: '[a|b>c](https://x.example/p?q=<1>|2)' }, people);
    expect(r.text).toBe('<https://x.example/p?q=%3C1%3E%7C2|a¦b&gt;c>');
  });
});

describe('renderModal', () => {
  const form: Form = {
    title: 'Declare an incident with a long title',
    submitLabel: 'Declare',
    command: 'incident declare {severity} {title} service:{service}',
    inputs: [
      { type: 'select', id: 'severity', label: 'Severity', options: [{ label: 'SEV1', value: 'sev1' }, { label: 'SEV2', value: 'sev2' }], initial: 'sev2' },
      { type: 'text', id: 'title', label: 'Title', placeholder: 'What is broken?', maxLength: 200, initial: 'API' },
      { type: 'text', id: 'notes', label: 'Notes', multiline: true, optional: true },
      { type: 'date', id: 'day', label: 'Day', initial: '2026-11-21' },
      { type: 'datetime', id: 'start', label: 'Start', initial: '2026-11-21T14:00:00Z', optional: true },
      { type: 'select', id: 'service', label: 'Service', options: [], optional: true },
    ],
  };

  it('renders every input type with its initial value and the origin in private_metadata', () => {
    const { view, overflow } = renderModal(form, { c: form.command, ch: 'C01INCIDENT', th: '1.2' }, people);
    expect(view.title).toEqual({ type: 'plain_text', text: 'Declare an incident wit…', emoji: true });
    expect(view.title.text).toHaveLength(24);
    expect(view.submit!.text).toBe('Declare');
    expect(view.callback_id).toBe('sb.form');
    expect(JSON.parse(decodeSlot(view.private_metadata, (hsh) => overflow[hsh])!.data)).toEqual({ c: form.command, ch: 'C01INCIDENT', th: '1.2' });
    const [sev, title, notes, day, start, service] = view.blocks as any[];
    expect(sev).toMatchObject({ type: 'input', block_id: 'severity', optional: false, element: { type: 'static_select', action_id: 'v' } });
    expect(sev.element.options.map((o: any) => o.value)).toEqual(['v:sev1', 'v:sev2']);
    expect(sev.element.initial_option.value).toBe('v:sev2');
    expect(title.element).toEqual({ type: 'plain_text_input', action_id: 'v', multiline: false, max_length: 200, initial_value: 'API', placeholder: { type: 'plain_text', text: 'What is broken?', emoji: true } });
    expect(notes).toMatchObject({ optional: true, element: { multiline: true, max_length: 3000 } });
    expect(day.element).toEqual({ type: 'datepicker', action_id: 'v', initial_date: '2026-11-21' });
    expect(start.element).toEqual({ type: 'datetimepicker', action_id: 'v', initial_date_time: Date.parse('2026-11-21T14:00:00Z') / 1000 });
    expect(service.element.type).toBe('plain_text_input'); // a select without options is a text input
  });

  it('moves metadata over 3000 characters to the overflow map', () => {
    const big = { ...form, command: `x ${'{a} '.repeat(1000)}` };
    const { view, overflow } = renderModal(big, { c: big.command, ch: 'C1' }, people);
    expect(view.private_metadata).toMatch(/^r:/);
    expect(JSON.parse(decodeSlot(view.private_metadata, (hsh) => overflow[hsh])!.data).c).toBe(big.command);
  });

  it('is valid JSON for Slack even with hostile labels', () => {
    const { view } = renderModal({ title: '<!channel>', command: 'x {a}', inputs: [{ type: 'text', id: 'a', label: '<@U1> & "quotes"' }] }, { c: 'x {a}' }, people);
    expect(all(view)).toContain('"<@U1> & \\"quotes\\""');
  });
});
