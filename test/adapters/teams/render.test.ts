// The Adaptive Card renderer: card shape (schema 1.5), buttons that carry their command, forms as
// inputs, escaping of everything a person typed, mentions with their entities, and the size limit.
import { isActionSet, isAdaptiveCard, isChoiceSetInput, isContainer, isDateInput, isExecuteAction, isFactSet, isImage, isOpenUrlAction, isRichTextBlock, isShowCardAction, isTextBlock, isTextInput, isTimeInput } from '@microsoft/teams.cards';
import { describe, expect, it } from 'vitest';
import { actions, button, card, context, divider, escapeMarkup, field, fields, formButton, image, linkButton, mention, select, text, type Form } from '../../../src/core/card.js';
import { readAction } from '../../../src/adapters/teams/action-data.js';
import { byteSize, MESSAGE_LIMIT_BYTES } from '../../../src/adapters/teams/fit.js';
import { escapeTeamsMarkdown, type MarkdownContext } from '../../../src/adapters/teams/markdown.js';
import { CARD_CONTENT_TYPE, renderCard, renderForm, renderMessage } from '../../../src/adapters/teams/render.js';

const people: Record<string, { name: string; teams?: string }> = {
  bob: { name: 'Bob Okafor', teams: '29:1bob' },
  carol: { name: 'Carol Nguyen' },
};
const ctx: MarkdownContext = {
  mentionOf: (id) => (people[id]?.teams ? { id: people[id].teams!, name: people[id].name } : undefined),
  nameOf: (id) => people[id]?.name ?? id,
};

/** Every element and action of a card, depth first (containers, action sets, show-cards). */
function walk(node: any, out: any[] = []): any[] {
  if (!node || typeof node !== 'object') return out;
  if (Array.isArray(node)) {
    node.forEach((n) => walk(n, out));
    return out;
  }
  if (typeof node.type === 'string') out.push(node);
  for (const k of ['body', 'items', 'actions', 'card']) walk(node[k], out);
  return out;
}

const KNOWN = [isAdaptiveCard, isTextBlock, isFactSet, isContainer, isActionSet, isImage, isExecuteAction, isOpenUrlAction, isShowCardAction, isTextInput, isChoiceSetInput, isDateInput, isTimeInput, isRichTextBlock];

describe('Teams renderer: card shape', () => {
  const incident = card(
    'INC-7 · SEV1 · Checkout down',
    [
      text('Payments fail for **all** EU customers.'),
      fields([field('Status', 'investigating'), field('Commander', mention('bob'))]),
      divider(),
      context('Declared 09:12 by @alice'),
      image('https://status.example/graph.png', 'error rate'),
      actions(
        button('Acknowledge', 'incident ack INC-7', { style: 'primary' }),
        button('Resolve', 'incident resolve INC-7', { style: 'danger', confirm: { title: 'Resolve INC-7?', text: 'This restores the component.', confirm: 'Resolve', deny: 'Cancel' } }),
        linkButton('Runbook', 'https://wiki.example/runbook'),
        select('Severity…', 'incident severity INC-7 {value}', [
          { label: 'SEV1', value: 'sev1' },
          { label: 'SEV2', value: 'sev2' },
        ]),
      ),
    ],
    'danger',
  );

  it('is an Adaptive Card 1.5 of known elements, coloured by tone, with a text fallback', () => {
    const ac = renderCard(incident, ctx);
    expect(ac).toMatchObject({ type: 'AdaptiveCard', version: '1.5', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', msteams: { width: 'full' } });
    for (const el of walk(ac.body)) expect(KNOWN.some((is) => is(el)), JSON.stringify(el)).toBe(true);
    const [header] = ac.body as any[];
    expect(header).toMatchObject({ type: 'Container', style: 'attention', bleed: true, items: [{ type: 'TextBlock', weight: 'Bolder', color: 'Attention', text: 'INC-7 · SEV1 · Checkout down' }] });
    expect(ac.fallbackText).toContain('Payments fail for all EU customers.');
    expect(ac.fallbackText).toContain('Commander: @Bob Okafor');
    expect(renderCard(card('Fine', [text('ok')], 'success'), ctx).body[0]).toMatchObject({ style: 'good' });
    expect(renderCard(card('Hmm', [text('ok')], 'warning'), ctx).body[0]).toMatchObject({ style: 'warning' });
  });

  it('renders fields as a fact set, context small and subtle, a divider as a separator', () => {
    const body = renderCard(incident, ctx).body as any[];
    expect(body[1]).toEqual({ type: 'TextBlock', text: 'Payments fail for **all** EU customers.', wrap: true });
    expect(body[2]).toEqual({ type: 'FactSet', facts: [{ title: 'Status', value: 'investigating' }, { title: 'Commander', value: '<at>Bob Okafor</at>' }] });
    expect(body[3]).toMatchObject({ type: 'TextBlock', size: 'Small', isSubtle: true, separator: true });
    expect(body[4]).toMatchObject({ type: 'Image', url: 'https://status.example/graph.png', altText: 'error rate' });
  });

  it('gives every button the command it runs, as Action.Execute data, and keeps links, confirms and selects', () => {
    const els = walk(renderCard(incident, ctx).body);
    const set = els.find(isActionSet)!;
    const [ack, resolve, runbook, sev] = set.actions as any[];
    expect(ack).toMatchObject({ type: 'Action.Execute', title: 'Acknowledge', style: 'positive', data: { switchboard: 'cmd', command: 'incident ack INC-7' } });
    expect(readAction(ack.data)).toEqual({ kind: 'command', command: 'incident ack INC-7' });
    expect(resolve).toMatchObject({ type: 'Action.ShowCard', title: 'Resolve', style: 'destructive' });
    expect(walk(resolve.card).find(isExecuteAction)).toMatchObject({ title: 'Resolve', data: { command: 'incident resolve INC-7' } });
    expect(runbook).toEqual({ type: 'Action.OpenUrl', title: 'Runbook', url: 'https://wiki.example/runbook' });
    const choice = els.find(isChoiceSetInput)!;
    expect(choice.choices).toEqual([
      { title: 'SEV1', value: 'sev1' },
      { title: 'SEV2', value: 'sev2' },
    ]);
    expect(readAction({ ...sev.data, [choice.id!]: 'sev2' })).toEqual({ kind: 'command', command: 'incident severity INC-7 sev2' });
  });

  it('drops link buttons that are not http(s)', () => {
    const set = walk(renderCard(card('Links', [actions(linkButton('Bad', 'javascript:alert(1)'), linkButton('Good', 'http://127.0.0.1:3000/status'))]), ctx).body).find(isActionSet)!;
    expect(set.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Good', url: 'http://127.0.0.1:3000/status' }]);
  });

  it('puts buttons beyond six into the overflow menu', () => {
    const many = card('Many', [actions(...Array.from({ length: 9 }, (_, i) => button(`B${i}`, `help ${i}`)))]);
    const set = walk(renderCard(many, ctx).body).find(isActionSet)!;
    expect(set.actions.map((a: any) => a.mode ?? 'primary')).toEqual([...Array(6).fill('primary'), ...Array(3).fill('secondary')]);
  });

  it('turns a form into inputs whose submit carries the command template', () => {
    const form: Form = {
      title: 'Request a change',
      submitLabel: 'Request',
      command: 'change request {title} risk:{risk} start:{start}',
      inputs: [
        { type: 'text', id: 'title', label: 'Title', placeholder: 'What changes', maxLength: 120 },
        { type: 'select', id: 'risk', label: 'Risk', options: [{ label: 'Low', value: 'low' }], initial: 'low' },
        { type: 'datetime', id: 'start', label: 'Start', initial: '2026-11-21T14:00' },
        { type: 'text', id: 'rollback', label: 'Rollback', multiline: true, optional: true },
      ],
    };
    const ac = renderForm(form, ctx);
    const els = walk(ac.body);
    expect(els.find(isTextInput)).toMatchObject({ id: 'in_title', label: 'Title', placeholder: 'What changes', isRequired: true, maxLength: 120, errorMessage: 'Title is required.' });
    expect(els.find(isChoiceSetInput)).toMatchObject({ id: 'in_risk', style: 'compact', value: 'low' });
    expect(els.find(isDateInput)).toMatchObject({ id: 'in_start', value: '2026-11-21' });
    expect(els.find(isTimeInput)).toMatchObject({ id: 'in_start__time', value: '14:00' });
    expect(els.filter(isTextInput)[1]).toMatchObject({ id: 'in_rollback', isMultiline: true, isRequired: false });
    const submit = (ac.actions as any[])[0];
    expect(submit).toMatchObject({ type: 'Action.Execute', title: 'Request', data: { switchboard: 'form', template: form.command, replace: true } });
    expect(readAction({ ...submit.data, in_title: ' DB upgrade ', in_risk: 'low', in_start: '2026-11-22', in_start__time: '09:30', in_rollback: '' })).toEqual({
      kind: 'form',
      template: form.command,
      replace: true,
      values: { title: 'DB upgrade', risk: 'low', start: '2026-11-22T09:30' },
    });
    // The same form behind a button unfolds in place (Action.ShowCard) and does not replace the card.
    const behind = walk(renderCard(card('X', [actions(formButton('Request…', form))]), ctx).body).find(isShowCardAction)!;
    expect((behind.card!.actions as any[])[0].data).toEqual({ switchboard: 'form', template: form.command });
  });
});

describe('Teams renderer: escaping and mentions', () => {
  it('shows what a person typed literally: no formatting, links, lists or forged mentions', () => {
    const typed = '**urgent** _now_ [click](https://evil.example) <at>Bob Okafor</at>\n- not a list\n# not a heading\n1. nor this';
    const ac = renderCard(card(escapeMarkup(typed), [text(escapeMarkup(typed))]), ctx);
    const block = (ac.body as any[])[1].text as string;
    expect(block).toBe('\\*\\*urgent\\*\\* \\_now\\_ \\[click\\](https://evil.example) <\u200Bat>Bob Okafor<\u200B/at>\n\n\\- not a list\n\n\\# not a heading\n\n1\\. nor this');
    expect(ac.msteams?.entities).toBeUndefined();
    expect(escapeTeamsMarkdown('a\\b `c` ~d~')).toBe('a\\\\b \\`c\\` \\~d\\~');
  });

  it('turns intentional mentions into <at> with an entity, and people without Teams into plain names', () => {
    const ac = renderCard(card(undefined, [text(`Commander ${mention('bob')}, scribe ${mention('carol')}`)]), ctx);
    expect((ac.body as any[])[0].text).toBe('Commander <at>Bob Okafor</at>, scribe @Carol Nguyen');
    expect(ac.msteams?.entities).toEqual([{ type: 'mention', text: '<at>Bob Okafor</at>', mentioned: { id: '29:1bob', name: 'Bob Okafor' } }]);
    const msg = renderMessage({ text: `Paging ${mention('bob')} about \`db-1\`` }, ctx);
    expect(msg).toMatchObject({ type: 'message', textFormat: 'markdown', text: 'Paging <at>Bob Okafor</at> about `db-1`', entities: [{ mentioned: { id: '29:1bob' } }] });
  });

  it('keeps inline code in chat text but shows it plainly in cards, which have none', () => {
    const ac = renderCard(card(undefined, [text('Run `incident list`')]), ctx);
    expect((ac.body as any[])[0].text).toBe('Run incident list');
  });

  it('wraps a card (and a reply form and a file) as Adaptive Card attachments with a summary', () => {
    const msg = renderMessage({ text: 'Declared', card: smallCard(), file: { filename: 'INC-7.md', title: 'Postmortem', content: '# INC-7\n**x**' } }, ctx);
    expect(msg.attachments?.map((a) => a.contentType)).toEqual([CARD_CONTENT_TYPE, CARD_CONTENT_TYPE]);
    expect(msg.summary).toBe('Declared');
    const file = msg.attachments![1].content.body as any[];
    expect(file[1]).toEqual({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '# INC-7\n**x**', fontType: 'Monospace' }] });
  });
});

function smallCard() {
  return card('INC-7', [text('body')], 'danger');
}

describe('Teams renderer: size limit', () => {
  it('shortens the largest texts first so the message fits, keeping the header and buttons', () => {
    const huge = 'x'.repeat(3900);
    const c = card(
      'Timeline',
      [...Array.from({ length: 12 }, (_, i) => text(`${i}: ${huge}`)), fields(Array.from({ length: 200 }, (_, i) => field(`t${i}`, 'y'.repeat(400)))), actions(button('Ack', 'page ack PAGE-1'))],
      'info',
    );
    const msg = renderMessage({ card: c }, ctx);
    expect(byteSize(msg)).toBeLessThanOrEqual(MESSAGE_LIMIT_BYTES);
    const els = walk(msg.attachments![0].content.body);
    expect(els[0]).toMatchObject({ type: 'Container' });
    expect(els.find(isExecuteAction)).toMatchObject({ data: { command: 'page ack PAGE-1' } });
    expect(JSON.stringify(msg)).toContain('shortened to fit Teams');
  });

  it('leaves a message under the limit untouched, and drops entities whose mention was cut away', () => {
    const small = renderMessage({ text: 'hello' }, ctx);
    expect(small).toEqual({ type: 'message', text: 'hello', textFormat: 'markdown', summary: 'hello' });
    const long = renderMessage({ text: `${'z'.repeat(60_000)} ${mention('bob')}` }, ctx);
    expect(byteSize(long)).toBeLessThanOrEqual(MESSAGE_LIMIT_BYTES);
    expect(long.entities).toEqual([]);
  });

  it('says so instead of failing when nothing can be shortened', () => {
    const c = card(undefined, [actions(...Array.from({ length: 600 }, (_, i) => button(`Button number ${i}`, `help ${'q'.repeat(20)} ${i}`)))]);
    const msg = renderMessage({ card: c }, ctx);
    expect(byteSize(msg)).toBeLessThanOrEqual(MESSAGE_LIMIT_BYTES);
    expect(msg.attachments).toBeUndefined();
    expect(msg.text).toMatch(/too large for Teams/);
  });
});
