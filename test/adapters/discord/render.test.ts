// The Discord renderer (pure): limits, colours by tone, mention and markdown escaping,
// custom ids within 100 characters, modals from forms.
import { describe, expect, it } from 'vitest';
import { actions, button, card, context, field, fields, formButton, mention, select, text, type Card, type Form } from '../../../src/core/card.js';
import { CUSTOM_ID_MAX, unpackCustomId } from '../../../src/adapters/discord/custom-ids.js';
import { escapeDiscord, type MentionLookup } from '../../../src/adapters/discord/markdown.js';
import { LIMITS, renderMessage, TONE_COLOURS } from '../../../src/adapters/discord/render.js';
import { renderConfirm, renderModal } from '../../../src/adapters/discord/render-forms.js';

const people: MentionLookup = {
  discordId: (id) => ({ alice: '310000000000000001', bob: '310000000000000002' })[id],
  name: (id) => ({ alice: 'Alice Martin', bob: 'Bob Okafor', frank: 'Frank Schulz' })[id] ?? id,
};
const embedChars = (e: any) => (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n: number, f: any) => n + f.name.length + f.value.length, 0);
const allCustomIds = (body: any): string[] => body.components.flatMap((r: any) => r.components.map((c: any) => c.custom_id)).filter(Boolean);

describe('renderMessage', () => {
  it('puts text in content, the card in one embed with fields, colour and footer', () => {
    const c = card('INC-4: Checkout errors', [text('Payments fail for **some** users.'), fields([field('Status', 'investigating'), field('Commander', mention('alice'), false)]), context('Declared 10:02 by Bob')], 'danger');
    const { body } = renderMessage({ text: 'Heads up', card: c }, people);
    expect(body.content).toBe('Heads up');
    expect(body.embeds).toEqual([
      {
        title: 'INC-4: Checkout errors',
        description: 'Payments fail for **some** users.',
        fields: [
          { name: 'Status', value: 'investigating', inline: true },
          { name: 'Commander', value: '<@310000000000000001>', inline: false },
        ],
        footer: { text: 'Declared 10:02 by Bob' },
        color: TONE_COLOURS.danger,
      },
    ]);
  });

  it('keeps a card of remarks only as its description, not a footer', () => {
    const e = renderMessage({ card: card('You are not in the config', [context('Ask an admin to add your id.')]) }, people).body.embeds[0];
    expect(e).toEqual({ title: 'You are not in the config', description: 'Ask an admin to add your id.' });
  });

  it('colours each tone and leaves an untoned card uncoloured', () => {
    expect(TONE_COLOURS).toEqual({ neutral: 0x99aab5, info: 0x5865f2, success: 0x57f287, warning: 0xfee75c, danger: 0xed4245 });
    for (const tone of ['neutral', 'info', 'success', 'warning', 'danger'] as const) expect(renderMessage({ card: card('x', [], tone) }, people).body.embeds[0].color).toBe(TONE_COLOURS[tone]);
    expect(renderMessage({ card: card('x', []) }, people).body.embeds[0].color).toBeUndefined();
  });

  it('cannot ping @everyone, @here, roles or users from user text; pings only intended people', () => {
    const hostile = 'hi @everyone and @here, <@&123456789012345678> <@310000000000000002> <#320000000000000001>';
    const { body } = renderMessage({ text: `${hostile} cc ${mention('bob')} ${mention('frank')}`, card: card(hostile, [text(hostile)]) }, people);
    expect(body.allowed_mentions).toEqual({ parse: [], users: ['310000000000000002'], replied_user: false });
    const unescaped = (s: string, what: string) => s.split(what).filter((_, i, all) => i < all.length - 1 && !all[i].endsWith('\\')).length;
    for (const s of [body.content, body.embeds[0].description!]) {
      expect(s).not.toMatch(/(^|[^\u200b])@(everyone|here)/);
      expect(s).toContain('@\u200beveryone');
      expect(unescaped(s, '<@&')).toBe(0);
      expect(s).toContain('\\<@&123456789012345678>');
      expect(s).toContain('\\<#320000000000000001>');
    }
    // Bob is pinged once, by the skill's mention, never by the user's text.
    expect(unescaped(body.content, '<@310000000000000002>')).toBe(1);
    expect(unescaped(body.embeds[0].description!, '<@310000000000000002>')).toBe(0);
    // The intended mention renders; a person without a Discord id is named in bold.
    expect(body.content).toMatch(/cc <@310000000000000002> \*\*@Frank Schulz\*\*$/);
  });

  it('escapes markdown in user text so it shows literally', () => {
    expect(escapeDiscord('*not bold* _no_ `x` ~~s~~ ||spoiler|| [a](http://evil) a\\b')).toBe('\\*not bold\\* \\_no\\_ \\`x\\` \\~\\~s\\~\\~ \\|\\|spoiler\\|\\| \\[a\\](http://evil) a\\\\b');
    expect(escapeDiscord('# head\n> quote\n- item\n  12. step\n-# small\nsev-1 # 3 > 2')).toBe('\\# head\n\\> quote\n\\- item\n  12\\. step\n\\-# small\nsev-1 # 3 > 2');
    const { body } = renderMessage({ text: 'code: `a`b` and \\*lit\\*' }, people);
    expect(body.content).toBe('code: `a`b\\` and \\*lit\\*');
  });

  it('escapes long user text in linear time', () => {
    const t0 = performance.now();
    for (const s of ['x'.repeat(4000), '*_'.repeat(2000), 'a_b '.repeat(1000)]) escapeDiscord(s);
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it('keeps content within 2 000 characters and the embed within 6 000 in all', () => {
    const long = 'x'.repeat(5000);
    const { body } = renderMessage({ text: long, card: card(long, [text(long), text(long), fields(Array.from({ length: 40 }, (_, i) => field(`field ${i} ${long}`, long))), context(long)]) }, people);
    expect(body.content).toHaveLength(LIMITS.content);
    expect(body.content.endsWith('…')).toBe(true);
    const e = body.embeds[0];
    expect(e.title!.length).toBeLessThanOrEqual(256);
    expect(e.description!.length).toBeLessThanOrEqual(4096);
    expect(e.fields!.length).toBeLessThanOrEqual(25);
    for (const f of e.fields!) {
      expect(f.name.length).toBeLessThanOrEqual(256);
      expect(f.value.length).toBeLessThanOrEqual(1024);
    }
    expect(embedChars(e)).toBeLessThanOrEqual(LIMITS.embedTotal);
  });

  it('lays buttons five to a row, a select alone, at most five rows; the rest stay reachable as commands', () => {
    const many = Array.from({ length: 27 }, (_, i) => button(`B${i}`, `page ack PAGE-${i}`));
    const c = card('x', [actions(...many), actions(select('Severity', 'incident severity INC-1 {value}', [{ label: 'SEV1', value: 'sev1' }]))]);
    const { body } = renderMessage({ card: c }, people);
    expect(body.components).toHaveLength(5);
    expect(body.components.map((r) => r.components.length)).toEqual([5, 5, 5, 5, 5]);
    expect(body.content).toContain('More actions: `page ack PAGE-25`, `page ack PAGE-26`, `incident severity INC-1 <sev1>`');
    const ok = renderMessage({ card: card('x', [actions(button('A', 'a'), select('S', 's {value}', [{ label: 'x', value: 'x' }]), button('B', 'b'))]) }, people).body;
    expect(ok.components.map((r) => r.components.map((x) => x.type))).toEqual([[2], [3], [2]]);
  });

  it('packs commands into custom ids within 100 characters, unique per message, long ones stored', () => {
    const long = `incident note INC-42 ${'a very long note '.repeat(10)}`;
    const c = card('x', [actions(button('Ack', 'page ack PAGE-7', { style: 'primary' }), button('Ack again', 'page ack PAGE-7'), button('Long', long), button('Docs', '', { url: 'https://example.com/runbook' }))]);
    const r = renderMessage({ card: c }, people);
    const ids = allCustomIds(r.body);
    expect(ids).toEqual(['x:page ack PAGE-7', 'x2:page ack PAGE-7', expect.stringMatching(/^c:[\w-]{20}$/)]);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
    expect(new Set(ids).size).toBe(ids.length);
    expect(r.stored).toEqual([{ id: ids[2].slice(2), action: { kind: 'command', command: long } }]);
    expect(unpackCustomId(ids[1])).toEqual({ type: 'inline', action: { kind: 'command', command: 'page ack PAGE-7' } });
    const buttons = r.body.components[0].components as any[];
    expect(buttons.map((b) => b.style)).toEqual([1, 2, 2, 5]);
    expect(buttons[3]).toEqual({ type: 2, style: 5, label: 'Docs', url: 'https://example.com/runbook' });
    // The same card renders to the same ids (content hashes), so re-renders store nothing new.
    expect(allCustomIds(renderMessage({ card: c }, people).body)).toEqual(ids);
  });

  it('marks ephemeral replies and turns a form it cannot open into a button that opens it', () => {
    const form: Form = { title: 'Reject CHG-3', command: 'change reject CHG-3 {reason}', inputs: [{ type: 'text', id: 'reason', label: 'Why?' }] };
    const r = renderMessage({ text: 'Tell us why', form, ephemeral: true }, people, { ephemeral: true });
    expect(r.body.flags).toBe(64);
    expect(r.body.components[0].components[0]).toMatchObject({ type: 2, label: '📝 Reject CHG-3', style: 1 });
    expect(r.stored[0].action).toEqual({ kind: 'form', form });
  });

  it('attaches a file', () => {
    const r = renderMessage({ file: { filename: 'INC-4-postmortem.md', title: 'Postmortem of INC-4', content: '# INC-4\n' } }, people);
    expect(r.files).toEqual([{ name: 'INC-4-postmortem.md', data: Buffer.from('# INC-4\n'), contentType: 'text/plain; charset=utf-8' }]);
    expect(r.body.content).toBe('📎 Postmortem of INC-4');
  });
});

describe('renderModal', () => {
  it('renders up to five labelled inputs: text, paragraph, select, dates', () => {
    const form: Form = {
      title: 'Request a change with a title longer than forty-five characters',
      command: 'change request {title} risk:{risk} start:{start}',
      inputs: [
        { type: 'text', id: 'title', label: 'Title', placeholder: 'What changes', maxLength: 200 },
        { type: 'text', id: 'plan', label: 'Plan', multiline: true, optional: true },
        { type: 'select', id: 'risk', label: 'Risk', options: ['low', 'medium', 'high'].map((v) => ({ label: v, value: v })), initial: 'low' },
        { type: 'datetime', id: 'start', label: 'Start' },
        { type: 'date', id: 'day', label: 'Day' },
        { type: 'text', id: 'sixth', label: 'Too many' },
      ],
    };
    const m = renderModal(form, 'abc', people);
    expect(m.custom_id).toBe('m:abc');
    expect(m.title.length).toBeLessThanOrEqual(45);
    expect(m.components).toHaveLength(5);
    expect(m.components[0]).toEqual({ type: 18, label: 'Title', component: { type: 4, custom_id: 'title', style: 1, required: true, max_length: 200, placeholder: 'What changes' } });
    expect(m.components[1]).toMatchObject({ component: { style: 2, required: false } });
    expect(m.components[2]).toMatchObject({ type: 18, component: { type: 3, custom_id: 'risk', min_values: 1, max_values: 1, options: [{ value: 'low', default: true }, { value: 'medium', default: false }, { value: 'high', default: false }] } });
    expect(m.components[3]).toMatchObject({ component: { type: 4, placeholder: expect.stringContaining('2026-11-21T14:00') } });
  });

  it('turns a select of more than 25 options into a typed answer rather than leaving options out', () => {
    // The incident skill's assign form lists every person (up to 100, Slack's limit).
    const people40 = Array.from({ length: 40 }, (_, n) => ({ label: `Person ${n}`, value: `p${n}` }));
    const form: Form = { title: 'Assign a role on INC-4', command: 'incident assign INC-4 {role} {person}', inputs: [{ type: 'select', id: 'person', label: 'Person', options: people40, initial: 'p30' }] };
    const [input] = renderModal(form, 'abc', people).components;
    expect(input).toEqual({ type: 18, label: 'Person', component: { type: 4, custom_id: 'person', style: 1, required: true, max_length: 100, placeholder: expect.stringMatching(/^One of: p0, p1, p2, .*…$/), value: 'p30' } });
    expect((input as any).component.placeholder.length).toBeLessThanOrEqual(100);
  });

  it('asks before a confirm button runs, with a way out', () => {
    const r = renderConfirm('incident resolve INC-4', { title: 'Resolve INC-4?', text: 'This pages nobody.', confirm: 'Resolve', deny: 'Cancel' }, people);
    expect(r.body.flags).toBe(64);
    expect(r.body.components[0].components).toEqual([
      { type: 2, style: 4, label: 'Resolve', custom_id: 'x:incident resolve INC-4' },
      { type: 2, style: 2, label: 'Cancel', custom_id: 'n:' },
    ]);
  });
});

describe('custom ids', () => {
  it('unpacks every kind and refuses junk', () => {
    expect(unpackCustomId('v:incident severity INC-1 {value}')).toEqual({ type: 'inline', action: { kind: 'select', command: 'incident severity INC-1 {value}' } });
    expect(unpackCustomId('c3:abc')).toEqual({ type: 'stored', id: 'abc' });
    expect(unpackCustomId('m:abc')).toEqual({ type: 'modal', id: 'abc' });
    expect(unpackCustomId('n:')).toEqual({ type: 'dismiss' });
    expect(unpackCustomId('x:')).toEqual({ type: 'invalid' });
    expect(unpackCustomId('some-other-bot')).toEqual({ type: 'invalid' });
  });
});

// Keeps the typed builders honest: a Card built the usual way renders without surprises.
const _typed: Card = card('t', [actions(formButton('f', { title: 't', command: 'c', inputs: [] }))]);
