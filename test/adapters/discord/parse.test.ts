// Discord payloads → neutral input (pure): modal answers, `!ops` messages, select values, emoji.
import { describe, expect, it } from 'vitest';
import { emojiName, messageCommand, modalValues, selectCommand } from '../../../src/adapters/discord/parse.js';
import { tokenize } from '../../../src/core/command.js';

describe('parse', () => {
  it('reads modal answers from labels (text and select) and from legacy action rows', () => {
    const data = {
      custom_id: 'm:x',
      components: [
        { type: 18, id: 1, component: { type: 4, id: 2, custom_id: 'reason', value: 'Window too short' } },
        { type: 18, id: 3, component: { type: 3, id: 4, custom_id: 'risk', values: ['high'] } },
        { type: 1, id: 5, components: [{ type: 4, id: 6, custom_id: 'plan', value: 'roll back' }] },
        { type: 10, id: 7, content: 'text display, not an input' },
      ],
    };
    expect(modalValues(data as never)).toEqual({ reason: 'Window too short', risk: 'high', plan: 'roll back' });
  });

  it('finds the command in `!ops …` messages only', () => {
    expect(messageCommand('!ops incident list open')).toBe('incident list open');
    expect(messageCommand('  !OPS   status  ')).toBe('status');
    expect(messageCommand('!ops')).toBe('help');
    expect(messageCommand('!ops\nincident declare sev2 "DB down"')).toBe('incident declare sev2 "DB down"');
    expect(messageCommand('!opsec is important')).toBeUndefined();
    expect(messageCommand('please !ops status')).toBeUndefined();
  });

  it('puts a select value into its command as one word', () => {
    expect(selectCommand('incident severity INC-3 {value}', 'sev1')).toBe('incident severity INC-3 sev1');
    const odd = selectCommand('status set api {value}', 'major outage "now"');
    expect(tokenize(odd).map((t) => t.text)).toEqual(['status', 'set', 'api', 'major outage "now"']);
  });

  it('names unicode emoji as the skills know them', () => {
    expect(emojiName('📌')).toBe('pushpin');
    expect(emojiName('custom_emoji')).toBe('custom_emoji');
    expect(emojiName(null)).toBe('');
  });
});
