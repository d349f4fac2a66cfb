// The standup's pure rules: answering, editing and being away; what counts as a blocker; the
// "yesterday" suggestion from activity facts; the summary model.
import { describe, expect, it } from 'vitest';
import { standupSchema } from '../../../src/core/config/rituals.js';
import { isUserError } from '../../../src/core/errors.js';
import { auditFacts, describeActivity } from '../../../src/skills/standup/activity.js';
import { answer, blankEntry, blockerOf, cleanAnswer, isBlocker, skip } from '../../../src/skills/standup/model.js';
import { summaryCard, summaryModel } from '../../../src/skills/standup/summary.js';
import { cardToText } from '../../../src/core/text.js';

const NOW = new Date('2026-11-23T09:00:00Z');
const blank = () => blankEntry('sre-daily', '2026-11-23', 'alice', NOW);
const later = new Date(NOW.getTime() + 60_000);

describe('standup answers', () => {
  it('a typed answer patches the questions it names; a form answer replaces all', () => {
    const first = answer(blank(), { answers: { yesterday: 'a', today: 'b', blockers: 'c' }, replace: false, via: 'console', now: NOW });
    expect(first).toMatchObject({ status: 'answered', edits: 0, answers: { yesterday: 'a', today: 'b', blockers: 'c' } });
    const patched = answer(first, { answers: { today: 'B' }, replace: false, via: 'slack', now: later });
    expect(patched).toMatchObject({ edits: 1, via: 'slack', answers: { yesterday: 'a', today: 'B', blockers: 'c' }, answeredAt: later.toISOString() });
    const replaced = answer(patched, { answers: { today: 'only this', blockers: '' }, replace: true, via: 'discord', now: later });
    expect(replaced.answers).toEqual({ today: 'only this' });
    expect(replaced.edits).toBe(2);
  });

  it('refuses an empty answer and an over-long one', () => {
    const threw = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return isUserError(e) ? (e as Error).message : 'other';
      }
      return 'no error';
    };
    expect(threw(() => answer(blank(), { answers: { today: '  ' }, replace: true, via: 'console', now: NOW }))).toMatch(/empty/);
    expect(threw(() => cleanAnswer('today', 'x'.repeat(1501)))).toMatch(/1501 characters long; the limit is 1500/);
  });

  it('away drops an answer; answering again counts', () => {
    const answered = answer(blank(), { answers: { today: 'b', blockers: 'db' }, replace: false, via: 'console', now: NOW });
    const away = skip(answered, later);
    expect(away).toMatchObject({ status: 'skipped', answers: {} });
    expect(blockerOf(away)).toBeUndefined();
    expect(answer(away, { answers: { today: 'back' }, replace: false, via: 'console', now: later }).answers).toEqual({ today: 'back' });
  });

  it('"none", "no", "-" and friends are not blockers', () => {
    for (const t of ['none', 'None.', 'no', 'nope', '-', 'n/a', 'No blockers', 'nothing blocking me', 'all good', '']) expect(isBlocker(t), t).toBe(false);
    for (const t of ['waiting for DB creds', 'none of the tests pass', 'no access to prod']) expect(isBlocker(t), t).toBe(true);
  });
});

describe('the "yesterday" suggestion', () => {
  it('keeps the strongest verb per id, incidents first, titles where known', () => {
    const facts = [
      ...auditFacts([
        { id: 'A1', at: '', actor: { platform: 'slack', userId: 'U', personId: 'alice', name: 'A' }, action: 'change.start', target: 'CHG-3' },
        { id: 'A2', at: '', actor: { platform: 'slack', userId: 'U', personId: 'alice', name: 'A' }, action: 'change.complete', target: 'CHG-3' },
        { id: 'A3', at: '', actor: { platform: 'slack', userId: 'U', personId: 'alice', name: 'A' }, action: 'change.approve', target: 'CHG-9', details: { effect: 'duplicate' } },
        { id: 'A4', at: '', actor: { platform: 'slack', userId: 'U', personId: 'alice', name: 'A' }, action: 'incident.note', target: 'INC-4' },
        { id: 'A5', at: '', actor: { platform: 'slack', userId: 'U', personId: 'alice', name: 'A' }, action: 'whoami', target: 'x' },
      ]),
      { kind: 'page' as const, id: 'PAGE-7', verb: 'acknowledged', rank: 1 },
      { kind: 'incident' as const, id: 'INC-4', verb: 'led', rank: 10, title: 'Checkout errors' },
    ];
    expect(describeActivity(facts)).toBe('Led INC-4 (Checkout errors) · acknowledged PAGE-7 · completed CHG-3');
    expect(describeActivity([])).toBe('');
    const many = Array.from({ length: 9 }, (_, i) => ({ kind: 'change' as const, id: `CHG-${i}`, verb: 'approved', rank: 2 }));
    expect(describeActivity(many)).toMatch(/approved CHG-5 · and 3 more$/);
  });
});

describe('the summary', () => {
  it('lists answers per person, highlights blockers, names who was away or silent without pinging them', () => {
    const s = standupSchema.parse({ id: 'sre-daily', team: 'sre', prompt: '09:30', summary: '12:00' });
    const alice = answer(blank(), { answers: { yesterday: 'fixed *prod*', today: 'docs', blockers: 'waiting for DB creds' }, replace: false, via: 'console', now: NOW });
    const bob = answer(blankEntry('sre-daily', '2026-11-23', 'bob', NOW), { answers: { today: 'on call', blockers: 'none' }, replace: false, via: 'slack', now: NOW });
    const carol = skip(blankEntry('sre-daily', '2026-11-23', 'carol', NOW), NOW);
    const m = summaryModel({
      standup: s,
      teamName: 'SRE',
      day: '2026-11-23',
      members: [
        { personId: 'alice', name: 'Alice Martin', entry: alice },
        { personId: 'bob', name: 'Bob Okafor', entry: bob },
        { personId: 'carol', name: 'Carol Nguyen', entry: carol },
        { personId: 'dave', name: 'Dave Kowalski' },
      ],
    });
    expect(m.blockers).toEqual([{ personId: 'alice', name: 'Alice Martin', text: 'waiting for DB creds' }]);
    expect(m.away).toEqual(['Carol Nguyen']);
    expect(m.missing).toEqual(['Dave Kowalski']);
    const c = summaryCard(m, { final: true, dueLabel: 'Mon 23 Nov 12:00 GMT+1', historyUrl: 'http://127.0.0.1:3000/standups/sre-daily' });
    expect(c.tone).toBe('warning');
    const text = cardToText(c);
    expect(text).toContain('🚧 Blockers\n• Alice Martin: waiting for DB creds');
    expect(text).toContain('fixed *prod*');
    expect(text).toContain('Anything blocking you?\nnone');
    expect(text).toContain('🏖️ Away: Carol Nguyen');
    expect(text).toContain('🔕 No answer: Dave Kowalski');
    expect(text).toContain('2 of 4 answered · Earlier summaries (http://127.0.0.1:3000/standups/sre-daily)');
    expect(JSON.stringify(c)).not.toContain('\uE000');
    // A long answer is clipped on the card (the page shows it whole).
    const long = answer(blank(), { answers: { today: 'x'.repeat(1400) }, replace: false, via: 'console', now: NOW });
    const longCard = cardToText(summaryCard(summaryModel({ standup: s, teamName: 'SRE', day: '2026-11-23', members: [{ personId: 'alice', name: 'Alice', entry: long }] }), { final: true, dueLabel: '', historyUrl: 'http://h/s' }));
    expect(longCard).toContain(`${'x'.repeat(499)}…`);
    expect(longCard).not.toContain('x'.repeat(500));
  });
});
