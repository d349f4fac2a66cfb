// A standup across three zones with a fake clock, end to end through the console adapter, the
// router, the store and the scheduler: prompts at each member's local 09:30, answers and edits,
// the reminder, the summary, absence, and answers after the summary counting for the next day.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../fakes/clock.js';
import { startConsoleApp, type ConsoleHarness } from '../../helpers/console-app.js';
import { cleanupTempDirs } from '../../helpers/tmp.js';
import { printed, standupDms, SRE_STANDUP, SRE_TEAM, walkTo, withRituals } from './helpers.js';

let h: ConsoleHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await cleanupTempDirs();
});

// Mon 23 Nov 2026: Berlin is UTC+1, London UTC+0, New York UTC-5. The SRE team (Berlin) has
// its summary at 12:00 Berlin = 11:00 UTC, the reminder 30 minutes before.
const start = () => startConsoleApp({ config: withRituals(SRE_STANDUP, { extraTeams: SRE_TEAM }), clock: new FakeClock('2026-11-23T07:00:00Z') });

describe('a standup across time zones', () => {
  it('prompts each member at 09:30 in their own zone, reminds the silent, and posts one summary', async () => {
    h = await start();
    // 09:30 Berlin: only Alice.
    let out = await walkTo(h, '2026-11-23T08:30:00Z');
    expect(standupDms(out, 'alice')).toHaveLength(1);
    expect(standupDms(out, 'bob')).toHaveLength(0);
    const prompt = standupDms(out, 'alice')[0];
    expect(prompt).toContain('📝 Standup · Mon 23 Nov');
    expect(prompt).toContain('Answer before the summary, due Mon 23 Nov 12:00 GMT+1.');
    expect(prompt).toContain('• What did you do yesterday?\n• What will you do today?\n• Anything blocking you?');
    expect(prompt).toContain('[Answer] → standup yesterday:{yesterday} today:{today} blockers:{blockers}');
    expect(prompt).toContain('[Away today] → standup skip');
    expect(prompt).toContain('No form here? Type standup yesterday:"…" today:"…" blockers:none');

    // 09:30 London, an hour later: Bob, with the due time in his zone.
    out = await walkTo(h, '2026-11-23T09:30:00Z');
    expect(standupDms(out, 'alice')).toHaveLength(0);
    expect(standupDms(out, 'bob')[0]).toContain('due Mon 23 Nov 11:00 GMT.');

    // Alice answers, then edits one answer before the summary: the prompt DM follows in place.
    const saved = await h.say('as alice standup yesterday:"Rotated the certs" today:"Postgres prep" blockers:"waiting for the DB credentials"');
    expect(saved).toContain('✅ Saved your standup for Mon 23 Nov. It goes to the team in the summary, due Mon 23 Nov 12:00 GMT+1');
    expect(printed(saved, '@alice')[0]).toMatch(/^✅ Standup answered · Mon 23 Nov\nWhat did you do yesterday\?\nRotated the certs/);
    const edited = await h.say('as alice standup today:"Postgres 16 upgrade"');
    expect(edited).toContain('✅ Updated your standup for Mon 23 Nov.');
    expect(printed(edited, '@alice')[0]).toContain('What will you do today?\nPostgres 16 upgrade');

    // 11:30 Berlin: the reminder goes to Bob (prompted, silent), not to Alice (answered) nor Dave (not prompted yet).
    out = await walkTo(h, '2026-11-23T10:30:00Z');
    expect(standupDms(out, 'bob')).toHaveLength(1);
    expect(standupDms(out, 'bob')[0]).toMatch(/^⏰ Standup reminder · Mon 23 Nov\nYou have not answered the SRE standup yet; the summary is due Mon 23 Nov 11:00 GMT\./);
    expect(standupDms(out, 'alice')).toHaveLength(0);
    expect(standupDms(out, 'dave')).toHaveLength(0);

    // 12:00 Berlin: one summary in the team channel.
    out = await walkTo(h, '2026-11-23T11:00:00Z');
    const summaries = printed(out, '#sre');
    expect(summaries).toHaveLength(1);
    const summary = summaries[0];
    expect(summary).toMatch(/^🗓️ SRE standup · Mon 23 Nov\n🚧 Blockers\n• Alice Martin: waiting for the DB credentials\n—\nAlice Martin\n/);
    expect(summary).toContain('What did you do yesterday?\nRotated the certs\nWhat will you do today?\nPostgres 16 upgrade\nAnything blocking you?\n🚧 waiting for the DB credentials');
    expect(summary).toContain('🔕 No answer: Bob Okafor, Dave Kowalski');
    expect(summary).not.toContain('@bob');
    expect(summary).toMatch(/1 of 3 answered · Earlier summaries \(http:\/\/127\.0\.0\.1:\d+\/standups\/sre-daily\)/);
    // The rest of the day posts no second summary.
    expect(printed(await walkTo(h, '2026-11-23T13:00:00Z'), '#sre')).toHaveLength(0);

    // 09:30 New York is after Berlin's summary: Dave's prompt is for Tuesday's standup.
    out = await walkTo(h, '2026-11-23T14:30:00Z');
    expect(standupDms(out, 'dave')[0]).toMatch(/^📝 Standup · Tue 24 Nov\nTime for the SRE standup\. Answer before the summary, due Tue 24 Nov 06:00 EST\./);
    expect(await h.say('as dave standup yesterday:"Payments audit" today:"Fraud rules" blockers:none')).toContain('Saved your standup for Tue 24 Nov');
    // An answer after the summary also counts for the next day.
    expect(await h.say('as alice standup today:"late note"')).toContain('✅ Saved your standup for Tue 24 Nov');
  });

  it('skip marks a member away: no prompt, no reminder, listed as away; answering counts again', async () => {
    h = await start();
    const away = await h.say('as bob standup skip 2');
    expect(away).toContain('🏖️ You are away from the sre-daily standup on Mon 23 Nov – Tue 24 Nov (2 standups): no prompts, no reminders.');
    let out = await walkTo(h, '2026-11-23T11:00:00Z');
    expect(standupDms(out, 'bob')).toHaveLength(0);
    expect(standupDms(out, 'alice').map((m) => m.split('\n')[0])).toEqual(['📝 Standup · Mon 23 Nov', '⏰ Standup reminder · Mon 23 Nov']);
    const summary = printed(out, '#sre')[0];
    expect(summary).toContain('Nobody answered this standup.');
    expect(summary).toContain('🏖️ Away: Bob Okafor');
    expect(summary).toContain('🔕 No answer: Alice Martin, Dave Kowalski');

    // Tuesday: still away, but he answers after all; skipping again withdraws the answer.
    out = await walkTo(h, '2026-11-24T09:45:00Z');
    expect(standupDms(out, 'bob')).toHaveLength(0);
    expect(await h.say('as bob standup today:"back early"')).toContain('Saved your standup for Tue 24 Nov');
    expect(await h.say('as bob standup skip')).toContain('Your answer for Tue 24 Nov is withdrawn.');
    expect(await h.say('as bob standup today:"back for real"')).toContain('Saved your standup for Tue 24 Nov');
    out = await walkTo(h, '2026-11-24T11:00:00Z');
    const tuesday = printed(out, '#sre')[0];
    expect(tuesday).toContain('Bob Okafor\nWhat will you do today?\nback for real');
    expect(tuesday).not.toContain('Away');
  });

  it('`standup summary` shows today so far, then the posted summary; the history page lists the days, escaped', async () => {
    h = await start();
    await walkTo(h, '2026-11-23T09:00:00Z');
    await h.say('as alice standup today:"<script>alert(1)</script> & more" blockers:"no access to **prod**"');
    const sofar = await h.say('standup summary sre');
    expect(sofar).toContain('🗓️ SRE standup · Mon 23 Nov');
    expect(sofar).toContain('1 of 3 answered so far — the summary is due Mon 23 Nov 12:00 GMT+1');
    expect(sofar).toContain('🔕 No answer yet: Bob Okafor, Dave Kowalski');
    expect(await walkTo(h, '2026-11-23T11:00:00Z')).toContain('── #sre · ');
    const after = await h.say('standup summary');
    expect(after).toContain('1 of 3 answered · Earlier summaries');
    expect(after).toContain('🚧 no access to **prod**');

    const page = await fetch(`${h.app.url}/standups/sre-daily`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('<h2>Mon 23 Nov <span class="muted">(2026-11-23)</span></h2>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(html).not.toContain('<script>');
    expect(html).toContain('<li><strong>Alice Martin</strong>: no access to **prod**</li>');
    expect(html).toContain('No answer: Bob Okafor, Dave Kowalski');
    expect((await fetch(`${h.app.url}/standups/sre`)).status).toBe(200);
    const missing = await fetch(`${h.app.url}/standups/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not found' });
  });

  it('bad input gets what was wrong, the usage and an example, and stores nothing', async () => {
    h = await start();
    const stored = () => h!.app.deps.audit.entries().filter((e) => e.action.startsWith('standup.')).length;
    expect(await h.say('as alice standup mood:"great"')).toBe(
      '⚠️ The sre-daily standup does not ask "mood"; its questions are yesterday:, today:, blockers:.\nUsage: standup [yesterday:"…"] [today:"…"] [blockers:"…"] [team:<id>]\nExample: standup yesterday:"Led INC-4, rotated the certs" today:"Postgres upgrade prep" blockers:none\n',
    );
    expect(await h.say('as alice standup did stuff')).toContain('"did stuff" is not an answer: write each one as <question>:"…"');
    expect(await h.say('as frank standup today:"x"')).toContain('You are not a member of SRE, so the sre-daily standup does not ask you.');
    expect(await h.say('as alice standup team:nope today:"x"')).toContain('There is no standup or team "nope". Standups: sre-daily.');
    expect(await h.say(`as alice standup today:"${'x'.repeat(1600)}"`)).toContain('is 1600 characters long; the limit is 1500');
    expect(await h.say('as alice standup skip 0')).toContain('<days>: expected at least 1, got 0.');
    expect(await h.say('as alice standup skip soon')).toContain('<days>: expected a whole number');
    expect(await h.say('standup summary nope')).toContain('There is no standup or team "nope"');
    expect(stored()).toBe(0);
    // Without answers it shows the prompt (the console has no forms) and stores nothing either.
    expect(await h.say('as bob standup')).toContain('(to @bob) 📝 Standup · Mon 23 Nov');
    expect(stored()).toBe(0);
  });
});
