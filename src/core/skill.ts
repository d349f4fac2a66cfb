// What a skill is: a set of command specs (usage, examples, typed arguments, permission and
// a handler), optional reaction handlers, and an init hook that opens its collections,
// registers durable jobs, subscribes to domain events and adds HTTP routes.
import type { Reply } from './card.js';
import type { Config, Permission } from './config/index.js';
import type { AuditLog } from './audit.js';
import type { ChatHub } from './chat.js';
import type { EventBus } from './events.js';
import type { Directory, Person } from './people.js';
import type { Permissions } from './permissions.js';
import type { QueryRegistry } from './queries.js';
import type { Clock, HttpProbe, HttpRoutes, Logger, Metrics, OutboundNotifier, Scheduler, Store } from './ports.js';
import type { Actor, ChannelRef, MessageRef } from './types.js';
import type { Args } from './args.js';

/** How a positional argument or option value is read. */
export type ArgKind = 'word' | 'text' | 'enum' | 'person' | 'time' | 'duration' | 'int' | 'id';

export interface ArgSpec {
  name: string;
  kind: ArgKind;
  description: string;
  /** Default true. An optional argument with `choices` or `pattern` is only taken when the word fits. */
  required?: boolean;
  /** For `enum`: the allowed values (lowercase). */
  choices?: readonly string[];
  /** For `id`/`word`: what a valid value looks like (e.g. /^INC-\d+$/i). */
  pattern?: RegExp;
  /** For `int`: bounds. */
  min?: number;
  max?: number;
}

export interface OptionSpec extends Omit<ArgSpec, 'name'> {
  /** The `key` of `key:value`. */
  key: string;
}

export interface FlagSpec {
  /** A bare word at the end of the command, like `private`. */
  name: string;
  description: string;
}

/** Where a command came from. */
export type CommandSource = 'text' | 'button' | 'form';

export interface CommandContext {
  /** Who typed or clicked. */
  actor: Actor;
  /** The configured person behind the actor, if any. */
  person?: Person;
  /** Where it was said. */
  channel: ChannelRef;
  /** The message whose button was clicked, for in-place updates. */
  message?: MessageRef;
  source: CommandSource;
  /** The instant the command is handled (from the Clock). */
  now: Date;
  /** The actor's zone, for reading and showing times. */
  zone: string;
  /** Whether the platform can show this actor a form right now (e.g. Slack with a trigger_id). */
  canOpenForm: boolean;
}

export interface CommandSpec {
  command: string;
  /** Subcommand; omit for the default form (`oncall [schedule]`, `standup …`). */
  sub?: string;
  summary: string;
  /** The usage line, e.g. `incident declare <sev1-4> <title…> [service:<id>] [private]`. */
  usage: string;
  examples: string[];
  args?: ArgSpec[];
  options?: OptionSpec[];
  flags?: FlagSpec[];
  /** Checked by the router before `run`. */
  permission?: Permission;
  run(ctx: CommandContext, args: Args): Promise<Reply>;
}

/** A reaction on a message, as every platform reports it. */
export interface ReactionEvent {
  actor: Actor;
  channel: ChannelRef;
  message: MessageRef;
  /** Emoji name without colons: `pushpin`. */
  emoji: string;
  /** The reacted-to message, when the adapter could fetch it. */
  target?: { text: string; authorName: string; authorId: string; at: Date };
}

export interface ReactionSpec {
  emoji: string[];
  run(ev: ReactionEvent): Promise<void>;
}

/** The shared services every skill is built with. */
export interface SkillDeps {
  config: Config;
  clock: Clock;
  store: Store;
  chat: ChatHub;
  events: EventBus;
  audit: AuditLog;
  scheduler: Scheduler;
  http: HttpRoutes;
  metrics: Metrics;
  log: Logger;
  people: Directory;
  permissions: Permissions;
  /** HTTP health checks (status monitors). */
  probe: HttpProbe;
  /** Outbound paging integrations (PagerDuty, Opsgenie, webhooks) from `config.integrations`. */
  outbound: OutboundNotifier;
  /** Read-only views other skills publish (provide in init, get at use time). */
  queries: QueryRegistry;
  /** Base URL for links the bot posts (PUBLIC_URL); read it at use time, it is set once the server listens. */
  publicUrl: string;
}

export interface Skill {
  /** Short id (`incident`). */
  id: string;
  /** One line for `help`. */
  description: string;
  commands: CommandSpec[];
  reactions?: ReactionSpec[];
  /** Opens collections, registers jobs, events and routes; runs before any adapter starts. */
  init?(): Promise<void>;
}
