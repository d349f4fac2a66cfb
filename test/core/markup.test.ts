import { describe, expect, it } from 'vitest';
import { actions, button, card, context, escapeMarkup, fields, field, mention, text } from '../../src/core/card.js';
import { parseMarkup } from '../../src/core/markup.js';
import { cardToText } from '../../src/core/text.js';

describe('markup', () => {
  it('parses bold, italic, code, links and mentions', () => {
    expect(parseMarkup(`**INC-4** _now_ \`db-1\` [runbook](https://x.example/r) ${mention('bob')}`)).toEqual([
      { kind: 'bold', text: 'INC-4' },
      { kind: 'text', text: ' ' },
      { kind: 'italic', text: 'now' },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'db-1' },
      { kind: 'text', text: ' ' },
      { kind: 'link', text: 'runbook', url: 'https://x.example/r' },
      { kind: 'text', text: ' ' },
      { kind: 'mention', personId: 'bob' },
    ]);
  });

  it('keeps escaped user text literal', () => {
    expect(parseMarkup(escapeMarkup('**not bold** [x](https://e.x) snake_case_name'))).toEqual([{ kind: 'text', text: '**not bold** [x](https://e.x) snake_case_name' }]);
  });

  it('does not read snake_case as italics', () => {
    expect(parseMarkup('db_primary_1 down')).toEqual([{ kind: 'text', text: 'db_primary_1 down' }]);
  });

  it('renders a card as plain text with button commands', () => {
    const c = card('INC-4: DB down', [text(`Commander: ${mention('alice')}`), fields([field('Severity', 'sev2')]), context('declared 5m ago'), actions(button('Resolve', 'incident resolve INC-4', { style: 'primary' }))]);
    expect(cardToText(c, { showCommands: true, name: (id) => `@${id}` })).toBe('INC-4: DB down\nCommander: @alice\nSeverity: sev2\ndeclared 5m ago\n  [Resolve] → incident resolve INC-4');
    expect(cardToText(c)).not.toContain('Resolve');
  });
});
