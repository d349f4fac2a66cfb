// The `standup` commands (SPEC §6): answer (or edit) by options or the form, be away, and show
// a day's summary. Each configured question is an option of its own (`blockers:"…"`), so
// custom questions are answered the same way as the default three.
import type { Reply } from '../../core/card.js';
import { DEFAULT_QUESTIONS, type StandupConfig } from '../../core/config/index.js';
import { UserError } from '../../core/errors.js';
import type { Args } from '../../core/args.js';
import type { CommandContext, CommandSpec, OptionSpec } from '../../core/skill.js';
import { dayLabel, shownDay } from './calendar.js';
import { answeredMessage, answerForm, promptMessage } from './cards.js';
import { cleanAnswer } from './model.js';
import type { StandupService } from './service.js';

const TEAM: OptionSpec = { key: 'team', kind: 'word', required: false, description: 'which standup (its id or its team id), for people in several' };

/** Every question id of every standup (and the defaults), each an option of `standup`. */
function questionIds(standups: StandupConfig[]): string[] {
  return [...new Set([...DEFAULT_QUESTIONS, ...standups.flatMap((s) => s.questions)].map((q) => q.id))];
}

function speaker(ctx: CommandContext): string {
  if (!ctx.person) throw new UserError(`Standups are for people in the config; this ${ctx.actor.platform} account is not linked to anyone (see \`whoami\`).`);
  return ctx.person.id;
}

/** The answers given as options, checked against the standup's own questions. */
function givenAnswers(s: StandupConfig, ids: string[], args: Args): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of ids) {
    const v = args.optStr(id);
    if (v === undefined) continue;
    if (!s.questions.some((q) => q.id === id)) throw new UserError(`The ${s.id} standup does not ask "${id}"; its questions are ${s.questions.map((q) => `${q.id}:`).join(', ')}.`);
    out[id] = cleanAnswer(id, v);
  }
  return out;
}

/** Why words outside `<question>:"…"` are not an answer. */
function strayProblem(s: StandupConfig, stray: string): string {
  const questions = s.questions.map((q) => `${q.id}:`).join(', ');
  const key = /^([a-z][a-z0-9_-]*):/i.exec(stray)?.[1];
  if (key) return `The ${s.id} standup does not ask "${key.slice(0, 30)}"; its questions are ${questions}.`;
  return `"${stray.slice(0, 60)}" is not an answer: write each one as <question>:"…" (the ${s.id} standup asks ${questions}).`;
}

const span = (days: string[]): string => (days.length === 1 ? dayLabel(days[0]) : `${dayLabel(days[0])} – ${dayLabel(days[days.length - 1])} (${days.length} standups)`);

export function standupCommands(standups: StandupConfig[], svc: () => StandupService): CommandSpec[] {
  const ids = questionIds(standups);
  return [
    {
      command: 'standup',
      summary: "Answers today's standup (again, to edit it until the summary); without answers, opens the form or shows your standup.",
      usage: `standup ${ids.map((id) => `[${id}:"…"]`).join(' ')} [team:<id>]`,
      examples: ['standup yesterday:"Led INC-4, rotated the certs" today:"Postgres upgrade prep" blockers:none', 'standup blockers:"waiting for the DB credentials"'],
      options: [...ids.map((key): OptionSpec => ({ key, kind: 'text', required: false, description: `your answer to the ${key} question` })), TEAM],
      // Words that are not answers are caught here, to say how to write an answer. (Args and
      // options share one namespace; no question id starts with "_".)
      args: [{ name: '_words', kind: 'text', required: false, description: 'words outside an answer' }],
      async run(ctx, args) {
        const personId = speaker(ctx);
        const s = svc().roster.pickOwn(personId, args.optStr('team'));
        const stray = args.optStr('_words');
        if (stray) throw new UserError(strayProblem(s, stray));
        const answers = givenAnswers(s, ids, args);
        const day = svc().roster.dayAt(s, ctx.now);
        if (Object.keys(answers).length === 0) {
          const current = svc().entry(s, day, personId);
          const answered = current?.status === 'answered' ? current : undefined;
          const suggestion = answered ? undefined : svc().suggestion(s, personId, ctx.now);
          const parts = svc().promptParts(s, day, personId, suggestion);
          if (ctx.canOpenForm) return { form: answerForm(s, parts.multi, answered?.answers ?? (suggestion ? { yesterday: suggestion } : {})) };
          return { ...(answered ? answeredMessage(parts, answered) : promptMessage(parts)), ephemeral: true };
        }
        const e = await svc().answer(ctx.actor, personId, s, answers, ctx.source === 'form');
        const due = svc().dueLabel(s, e.day, ctx.zone);
        const what = e.edits > 0 ? 'Updated' : 'Saved';
        return { text: `✅ ${what} your standup for ${dayLabel(e.day)}. It goes to the team in the summary, due ${due}; until then the same command edits it.`, ephemeral: true };
      },
    },
    {
      command: 'standup',
      sub: 'skip',
      summary: 'Marks you away for the next standup (or the next [days] standups): no prompt, no reminder, listed as away.',
      usage: 'standup skip [days] [team:<id>]',
      examples: ['standup skip', 'standup skip 5'],
      args: [{ name: 'days', kind: 'int', required: false, min: 1, max: 30, description: 'how many standup days (default 1)' }],
      options: [TEAM],
      async run(ctx, args) {
        const personId = speaker(ctx);
        const s = svc().roster.pickOwn(personId, args.optStr('team'));
        const first = svc().entry(s, svc().roster.dayAt(s, ctx.now), personId);
        const entries = await svc().skip(ctx.actor, personId, s, args.optInt('days') ?? 1);
        const withdrawn = first?.status === 'answered' ? ` Your answer for ${dayLabel(first.day)} is withdrawn.` : '';
        const back = 'Answering any of those days counts again.';
        return { text: `🏖️ You are away from the ${s.id} standup on ${span(entries.map((e) => e.day))}: no prompts, no reminders.${withdrawn} ${back}`, ephemeral: ctx.source !== 'text' };
      },
    },
    {
      command: 'standup',
      sub: 'summary',
      summary: "Shows a standup's summary of today (answers so far before the summary time), or of the last standup day.",
      usage: 'standup summary [team]',
      examples: ['standup summary', 'standup summary platform'],
      args: [{ name: 'team', kind: 'word', required: false, description: 'the standup id or team id (default: yours)' }],
      async run(ctx, args): Promise<Reply> {
        const s = svc().roster.pick(ctx.person?.id, args.optStr('team'));
        const day = shownDay(s, svc().roster.zone(s), ctx.now);
        return svc().summaryMessage(s, day, ctx.now);
      },
    },
  ];
}
