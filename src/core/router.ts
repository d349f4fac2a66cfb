// The router: the skill registry and the one place commands, button clicks, form
// submissions and reactions are dispatched. It parses, checks permissions, runs the skill,
// and turns every failure into an answer (what was wrong, usage, example). It never throws.
import { randomBytes } from 'node:crypto';
import type { Reply } from './card.js';
import { bindArgs } from './args.js';
import { fillTemplate, tokenize, type Token } from './command.js';
import { isUserError, PermissionError, UserError } from './errors.js';
import { commandHelp, overviewHelp } from './help.js';
import type { Directory } from './people.js';
import type { Permissions } from './permissions.js';
import type { Clock, Logger, Metrics } from './ports.js';
import type { CommandContext, CommandSource, CommandSpec, ReactionEvent, Skill } from './skill.js';
import type { Actor, ChannelRef, MessageRef } from './types.js';

export interface Inbound {
  actor: Actor;
  channel: ChannelRef;
  /** The command text without the platform's prefix (`incident declare sev2 …`). */
  text: string;
  source?: CommandSource;
  message?: MessageRef;
  /** The platform can open a form for this actor now (Slack trigger_id, Discord interaction). */
  canOpenForm?: boolean;
}

export interface RouterDeps {
  people: Directory;
  permissions: Permissions;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
}

export type Outcome = 'ok' | 'user_error' | 'denied' | 'unknown' | 'error';

const PREFIX_WORDS = new Set(['ops', '!ops']);

export class Router {
  private readonly skillList: Skill[] = [];
  private readonly byCommand = new Map<string, CommandSpec[]>();
  private readonly commandsTotal;
  private readonly latency;

  constructor(private readonly deps: RouterDeps) {
    this.commandsTotal = deps.metrics.counter('switchboard_commands_total', 'Commands handled, by skill, command and outcome', ['skill', 'command', 'outcome']);
    this.latency = deps.metrics.histogram('switchboard_command_duration_seconds', 'Time to handle a command (parse, skill, store)', ['skill'], [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]);
  }

  register(skill: Skill): void {
    for (const spec of skill.commands) {
      const list = this.byCommand.get(spec.command) ?? [];
      if (list.some((s) => s.sub === spec.sub)) throw new Error(`command ${spec.command} ${spec.sub ?? ''} registered twice`);
      list.push(spec);
      this.byCommand.set(spec.command, list);
    }
    this.skillList.push(skill);
  }

  skills(): readonly Skill[] {
    return this.skillList;
  }

  /** Every command spec, in registration order. */
  specs(): CommandSpec[] {
    return this.skillList.flatMap((s) => s.commands);
  }

  private skillOf(spec: CommandSpec): string {
    return this.skillList.find((s) => s.commands.includes(spec))?.id ?? 'core';
  }

  /** Finds the spec for `command [sub]` and how many tokens it used. */
  private lookup(tokens: Token[]): { spec?: CommandSpec; used: number; command?: string } {
    const command = tokens[0]?.text.toLowerCase().replace(/^\//, '');
    if (!command) return { used: 0 };
    const list = this.byCommand.get(command);
    if (!list) return { used: 1, command };
    const sub = tokens[1] && !tokens[1].quoted ? tokens[1].text.toLowerCase() : undefined;
    const exact = sub !== undefined ? list.find((s) => s.sub === sub) : undefined;
    if (exact) return { spec: exact, used: 2, command };
    const dflt = list.find((s) => s.sub === undefined);
    return { spec: dflt, used: 1, command };
  }

  private errorReply(message: string, spec?: CommandSpec): Reply {
    const lines = [`⚠️ ${message}`];
    if (spec) {
      lines.push(`**Usage:** \`${spec.usage}\``);
      if (spec.examples[0]) lines.push(`**Example:** \`${spec.examples[0]}\``);
    }
    return { text: lines.join('\n'), ephemeral: true };
  }

  /** Handles one command; always resolves to a reply. */
  async dispatch(input: Inbound): Promise<Reply> {
    const started = performance.now();
    let spec: CommandSpec | undefined;
    let outcome: Outcome = 'ok';
    try {
      let tokens = tokenize(input.text);
      while (tokens.length && PREFIX_WORDS.has(tokens[0].text.toLowerCase())) tokens = tokens.slice(1);
      if (tokens[0] && !tokens[0].quoted) tokens[0] = { ...tokens[0], text: tokens[0].text.replace(/^\//, '') };
      if (tokens.length === 0 || tokens[0].text.toLowerCase() === 'help') {
        return overviewHelp(this.skillList, tokens[1]?.text.toLowerCase(), this.byCommand);
      }
      const found = this.lookup(tokens);
      if (!found.spec) {
        const list = found.command ? this.byCommand.get(found.command) : undefined;
        if (list) {
          if (tokens[1]?.text.toLowerCase() === 'help' || tokens.length === 1) return commandHelp(found.command!, list);
          outcome = 'user_error';
          return {
            ...commandHelp(found.command!, list),
            text: `⚠️ Unknown subcommand "${tokens[1]?.text.slice(0, 40)}" of \`${found.command}\`.`,
            ephemeral: true,
          };
        }
        outcome = 'unknown';
        const known = [...this.byCommand.keys()].join(', ');
        return this.errorReply(`Unknown command "${(found.command ?? '').slice(0, 40)}". Commands: ${known}, help.`);
      }
      spec = found.spec;
      const rest = tokens.slice(found.used);
      // `incident help` lists every subcommand, even when a default form (`incident`) exists.
      if (rest.length === 1 && rest[0].text.toLowerCase() === 'help' && !rest[0].quoted) return commandHelp(spec.command, this.byCommand.get(spec.command)!, spec.sub === undefined ? undefined : spec);
      const person = input.actor.personId ? this.deps.people.get(input.actor.personId) : undefined;
      if (spec.permission && !this.deps.permissions.can(person, spec.permission)) {
        throw new PermissionError(`You can't do that: ${this.deps.permissions.explain(spec.permission)}.`);
      }
      const now = this.deps.clock.now();
      const ctx: CommandContext = {
        actor: input.actor,
        person,
        channel: input.channel,
        message: input.message,
        source: input.source ?? 'text',
        now,
        zone: input.actor.timezone,
        canOpenForm: input.canOpenForm ?? false,
      };
      const args = bindArgs(spec, rest, { people: this.deps.people, platform: input.actor.platform, zone: ctx.zone, now });
      return await spec.run(ctx, args);
    } catch (e) {
      if (e instanceof PermissionError) {
        outcome = 'denied';
        return this.errorReply(e.message);
      }
      if (isUserError(e)) {
        outcome = 'user_error';
        return this.errorReply(e.hint ? `${e.message} ${e.hint}` : e.message, spec);
      }
      outcome = 'error';
      const ref = randomBytes(4).toString('hex');
      this.deps.log.error({ ref, err: e, command: spec ? `${spec.command} ${spec.sub ?? ''}`.trim() : undefined }, 'command failed');
      return { text: `⚠️ Something went wrong on our side (reference ${ref}). It has been logged; please try again.`, ephemeral: true };
    } finally {
      const skill = spec ? this.skillOf(spec) : 'core';
      const command = spec ? `${spec.command}${spec.sub ? ' ' + spec.sub : ''}` : 'none';
      this.commandsTotal.inc({ skill, command, outcome });
      this.latency.observe({ skill }, (performance.now() - started) / 1000);
    }
  }

  /** Runs a submitted form: its command template filled with the answers. */
  async submitForm(input: Omit<Inbound, 'text' | 'source'>, template: string, values: Record<string, string | undefined>): Promise<Reply> {
    return this.dispatch({ ...input, text: fillTemplate(template, values), source: 'form' });
  }

  /** Hands a reaction to the skills that listen for its emoji. */
  async reaction(ev: ReactionEvent): Promise<void> {
    for (const skill of this.skillList) {
      for (const r of skill.reactions ?? []) {
        if (!r.emoji.includes(ev.emoji)) continue;
        try {
          await r.run(ev);
        } catch (e) {
          if (!(e instanceof UserError)) this.deps.log.error({ err: e, skill: skill.id }, 'reaction handler failed');
        }
      }
    }
  }
}
