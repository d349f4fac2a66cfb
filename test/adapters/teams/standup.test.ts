// The standup on Teams with the real standup skill: at prompt time each member's stored 1:1 chat
// gets the prompt card; its "Answer" button unfolds the Input.* fields, and submitting them
// (Action.Execute) records the answer — `standup summary` shows it.
import { describe, expect, it } from 'vitest';
import { EntrySchema } from '../../../src/skills/standup/model.js';
import { FakeClock } from '../../fakes/clock.js';
import { cardAction, personalChat, personalMessage } from '../../fakes/teams/activities.js';
import { cardsOf, visibleText } from '../../fakes/teams/connector.js';
import { action, cardPost, homeOf, json, teamsApps } from './helpers.js';

const apps = teamsApps();

/** Every element of a card, also inside containers and unfolding (ShowCard) cards. */
function elements(v: any, out: any[] = []): any[] {
  if (Array.isArray(v)) v.forEach((x) => elements(x, out));
  else if (v && typeof v === 'object') {
    if (typeof v.type === 'string') out.push(v);
    Object.values(v).forEach((x) => elements(x, out));
  }
  return out;
}

describe('Teams: the standup prompt', () => {
  it('DMs the prompt at 09:30 local; the Answer form shows its inputs and its submission is recorded', async () => {
    // Monday 23 Nov 2026, 08:00 UTC: 09:00 in Berlin, half an hour before Alice's prompt.
    const h = await apps.start({ clock: new FakeClock('2026-11-23T08:00:00Z') });
    const c = h.connector;
    await h.deliver(personalMessage({ serviceUrl: c.url, text: 'whoami' }));
    await h.app.scheduler.tick();
    expect(c.posts(personalChat('alice')).map((p) => visibleText(p.body))).not.toContainEqual(expect.stringContaining('📝 Standup'));
    h.clock.set('2026-11-23T08:30:00Z');
    await h.app.scheduler.tick();
    await h.teams.idle();

    const prompt = cardPost(c.posts(personalChat('alice')), '📝 Standup');
    const [promptCard] = cardsOf(prompt.body);
    const answer = elements(promptCard).find((e) => e.type === 'Action.ShowCard' && e.title === 'Answer');
    expect(answer).toBeDefined();
    const inputs = elements(answer.card).filter((e) => e.type.startsWith('Input.'));
    expect(inputs.map((i) => [i.type, i.id])).toEqual([
      ['Input.Text', 'in_yesterday'],
      ['Input.Text', 'in_today'],
      ['Input.Text', 'in_blockers'],
    ]);
    expect(inputs.map((i) => i.isRequired)).toEqual([true, true, false]);

    const send = action(prompt, 'Send');
    const body = await json(
      await h.deliver(
        cardAction({
          serviceUrl: c.url,
          home: homeOf(prompt, 'personal'),
          data: { ...send.data, in_yesterday: 'Closed INC-4 follow-ups', in_today: 'Postgres 16 "dry run"', in_blockers: 'Waiting on the storage quota' },
        }),
      ),
    );
    // The prompt is edited in place to say it was answered; the click is answered with that card.
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(visibleText(c.updates(prompt.activityId).at(-1)!.body)).toContain('Postgres 16 "dry run"');
    const entry = (await h.app.store.collection('standup-entries', { schema: EntrySchema })).get('platform-daily:2026-11-23:alice');
    expect(entry).toMatchObject({ status: 'answered', answers: { yesterday: 'Closed INC-4 follow-ups', today: 'Postgres 16 "dry run"', blockers: 'Waiting on the storage quota' } });

    await h.deliver(personalMessage({ serviceUrl: c.url, text: 'standup summary' }));
    const summary = visibleText(c.posts(personalChat('alice')).at(-1)!.body);
    expect(summary).toContain('Alice Martin');
    expect(summary).toContain('Postgres 16 "dry run"');
    expect(summary).toContain('Waiting on the storage quota');
  });
});
