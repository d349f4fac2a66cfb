// The standup config's own checks: a question id is an answer option, so it must read as one;
// at most five questions (a Discord form's limit); the reminder at most 12 h ahead.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText } from '../../../src/core/config/index.js';

const problems = (standup: string): string[] => {
  try {
    parseConfigText(`people:\n  - { id: alice, name: Alice }\nteams:\n  - { id: t, name: T, members: [alice] }\nstandups:\n  - ${standup}\n`, {});
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe('standup config', () => {
  it('takes the defaults: weekdays, 30 minutes of reminder, the three questions', () => {
    expect(problems('{ id: s, team: t, prompt: "09:30", summary: "11:00" }')).toEqual([]);
  });

  it('names each problem with its path', () => {
    const q = (ids: string[]) => `[${ids.map((id) => `{ id: "${id}", text: "?" }`).join(', ')}]`;
    expect(problems(`{ id: s, team: t, prompt: "09:30", summary: "11:00", questions: ${q(['team', '2day', 'mood', 'mood'])} }`)).toEqual([
      'standups[0].questions[0].id: the question id "team" is reserved by the standup command',
      'standups[0].questions[1].id: expected a question id (a lowercase letter, then letters, digits, - or _; at most 31), got "2day"',
      'standups[0].questions[3].id: duplicate question id "mood"',
    ]);
    expect(problems(`{ id: s, team: t, prompt: "09:30", summary: "11:00", questions: ${q(['a', 'b', 'c', 'd', 'e', 'f'])} }`)).toEqual([
      'standups[0].questions: expected at most 5 questions (a Discord form holds five)',
    ]);
    expect(problems('{ id: s, team: t, prompt: "9:30", summary: "11:00", reminder_before: 13h }')).toEqual([
      'standups[0].prompt: expected HH:MM, got "9:30"',
      'standups[0].reminder_before: expected at most 12h before the summary',
    ]);
    expect(problems('{ id: s, team: nope, prompt: "09:30", summary: "11:00" }')).toEqual(['standups[0].team: unknown team "nope"']);
  });
});
