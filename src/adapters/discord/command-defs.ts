// Application commands built from the skills' CommandSpecs (pure), so what Discord shows can
// never drift from what the parser accepts: one command per spec.command, one subcommand per
// spec.sub, one typed option per argument, `key:` option and flag. An interaction's options
// turn back into the very command text a person would type, and the one parser reads it.
import type { ArgKind, ArgSpec, CommandSpec } from '../../core/skill.js';

export const OPTION = { subcommand: 1, string: 3, integer: 4, boolean: 5, user: 6 } as const;
type OptionTypeValue = (typeof OPTION)[keyof typeof OPTION];

export interface OptionDef {
  type: Exclude<OptionTypeValue, 1>;
  name: string;
  description: string;
  required?: boolean;
  choices?: { name: string; value: string }[];
  min_value?: number;
  max_value?: number;
}
export interface SubcommandDef {
  type: 1;
  name: string;
  description: string;
  options?: OptionDef[];
}
export interface CommandDef {
  type: 1;
  name: string;
  description: string;
  options?: (SubcommandDef | OptionDef)[];
  /** Usable in servers and in the bot's DMs. */
  contexts: number[];
  integration_types: number[];
}

/** How one Discord option maps back to the command text. */
export interface ParamBinding {
  option: string;
  source: 'arg' | 'option' | 'flag';
  /** The arg name, option key or flag word in the spec. */
  key: string;
  kind: ArgKind | 'flag';
}
export interface SubBinding {
  /** The words that start the command text (`incident declare`, `oncall`). */
  prefix: string;
  params: ParamBinding[];
}
export interface CommandBinding {
  name: string;
  /** By Discord subcommand name; '' for a command without subcommands. */
  subs: Map<string, SubBinding>;
}
export type Catalog = Map<string, CommandBinding>;

export const OPS_COMMAND = 'ops';
const MAX_SUBS = 25;
const MAX_OPTIONS = 25;
const MAX_COMMAND_CHARS = 4000;
/**
 * Names for a command's default form when it also has subcommands (Discord needs a name):
 * `/incident new` opens the declare form, `/page trigger` pages, `/oncall now` shows who is on.
 */
const DEFAULT_SUB_NAMES: Record<string, string> = { incident: 'new', page: 'trigger', oncall: 'now', status: 'show', standup: 'answer', briefing: 'post', vendor: 'show' };

const clip = (s: string, n = 100) => (s.length <= n ? s : s.slice(0, n - 1) + '…') || '—';

/** A valid Discord option/command name from a spec word (lowercase, 1-32 of [-_a-z0-9]). */
export function discordName(word: string): string {
  return (
    word
      .toLowerCase()
      .replace(/[^-_\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32) || 'x'
  );
}

const uniqueName = (wanted: string, used: Set<string>): string => {
  let name = wanted;
  for (let n = 2; used.has(name); n++) name = `${wanted.slice(0, 30)}${n}`;
  used.add(name);
  return name;
};

function optionType(kind: ArgKind | 'flag'): OptionDef['type'] {
  if (kind === 'flag') return OPTION.boolean;
  if (kind === 'int') return OPTION.integer;
  if (kind === 'person') return OPTION.user;
  return OPTION.string;
}

/**
 * A default form's optional free-text argument, beside subcommands, only catches words typed
 * after the command (`incident foo` → "unknown subcommand", an answer without its `key:`). On
 * Discord the subcommand is picked from a list and every answer has an option of its own, so
 * such an option would only invite the mistake it exists to explain.
 */
const isCatchAll = (spec: CommandSpec, a: ArgSpec): boolean => spec.sub === undefined && a.kind === 'text' && a.required === false;

function paramsOf(spec: CommandSpec, beside = false): { params: ParamBinding[]; options: OptionDef[] } {
  const used = new Set<string>();
  const out: Array<{ binding: ParamBinding; def: OptionDef }> = [];
  const add = (source: ParamBinding['source'], key: string, kind: ParamBinding['kind'], description: string, required: boolean, extra: Partial<OptionDef>) => {
    const option = uniqueName(discordName(key), used);
    out.push({ binding: { option, source, key, kind }, def: { type: optionType(kind), name: option, description: clip(description), ...(required ? { required: true } : {}), ...extra } });
  };
  const typed = (a: { kind: ArgKind; choices?: readonly string[]; min?: number; max?: number }): Partial<OptionDef> => {
    if (a.kind === 'enum' && a.choices && a.choices.length <= 25) return { choices: a.choices.map((c) => ({ name: clip(c), value: c.slice(0, 100) })) };
    if (a.kind === 'int') return { ...(a.min !== undefined ? { min_value: a.min } : {}), ...(a.max !== undefined ? { max_value: a.max } : {}) };
    return {};
  };
  for (const a of spec.args ?? []) if (!(beside && isCatchAll(spec, a))) add('arg', a.name, a.kind, a.description, a.required !== false, typed(a));
  for (const o of spec.options ?? []) add('option', o.key, o.kind, o.description, o.required === true, typed(o));
  for (const f of spec.flags ?? []) add('flag', f.name, 'flag', f.description, false, {});
  // Discord wants required options first; the text keeps the spec's order from the bindings.
  const defs = out.map((x) => x.def).sort((a, b) => Number(!!b.required) - Number(!!a.required));
  return { params: out.map((x) => x.binding), options: defs.slice(0, MAX_OPTIONS) };
}

function commandChars(d: CommandDef): number {
  const opt = (o: SubcommandDef | OptionDef): number =>
    o.name.length + o.description.length + ('choices' in o && o.choices ? o.choices.reduce((n, c) => n + c.name.length + c.value.length, 0) : 0) + ('options' in o && o.options ? o.options.reduce((n, x) => n + opt(x), 0) : 0);
  return d.name.length + d.description.length + (d.options ?? []).reduce((n, o) => n + opt(o), 0);
}

/** Shortens descriptions until the command fits Discord's 4 000-character budget. */
function fitCommand(d: CommandDef): CommandDef {
  for (const max of [60, 40, 20]) {
    if (commandChars(d) <= MAX_COMMAND_CHARS) break;
    const shorten = (o: SubcommandDef | OptionDef) => {
      o.description = clip(o.description, max);
      if ('options' in o && o.options) o.options.forEach(shorten);
    };
    d.options?.forEach(shorten);
  }
  return d;
}

export interface BuiltCommands {
  definitions: CommandDef[];
  catalog: Catalog;
}

/** The application commands and their bindings for a set of command specs, plus `/ops`. */
export function buildCommands(specs: readonly CommandSpec[], describe: (command: string) => string = (c) => `Switchboard ${c} commands`): BuiltCommands {
  const groups = new Map<string, CommandSpec[]>();
  for (const s of specs) groups.set(s.command, [...(groups.get(s.command) ?? []), s]);
  const definitions: CommandDef[] = [];
  const catalog: Catalog = new Map();
  const base = { type: 1 as const, contexts: [0, 1], integration_types: [0] };
  for (const [command, list] of groups) {
    const name = discordName(command);
    if (name !== command || name === OPS_COMMAND || catalog.has(name)) continue; // reachable through /ops
    const binding: CommandBinding = { name, subs: new Map() };
    if (list.length === 1 && list[0].sub === undefined) {
      const { params, options } = paramsOf(list[0]);
      binding.subs.set('', { prefix: command, params });
      definitions.push(fitCommand({ ...base, name, description: clip(list[0].summary), ...(options.length ? { options } : {}) }));
    } else {
      const used = new Set<string>();
      const subs: SubcommandDef[] = [];
      const taken = new Set(list.map((s) => s.sub).filter((s): s is string => !!s).map(discordName));
      for (const spec of list.slice(0, MAX_SUBS)) {
        const wanted = spec.sub ?? [DEFAULT_SUB_NAMES[command], 'now', 'show', 'run'].find((n) => n && !taken.has(n))!;
        const subName = uniqueName(discordName(wanted), used);
        const { params, options } = paramsOf(spec, true);
        binding.subs.set(subName, { prefix: spec.sub ? `${command} ${spec.sub}` : command, params });
        subs.push({ type: OPTION.subcommand, name: subName, description: clip(spec.summary), ...(options.length ? { options } : {}) });
      }
      if (subs.length < MAX_SUBS && !used.has('help')) {
        binding.subs.set('help', { prefix: `${command} help`, params: [] });
        subs.push({ type: OPTION.subcommand, name: 'help', description: clip(`Usage and examples of every ${command} command`) });
      }
      definitions.push(fitCommand({ ...base, name, description: clip(describe(command)), options: subs }));
    }
    catalog.set(name, binding);
  }
  definitions.push({
    ...base,
    name: OPS_COMMAND,
    description: 'Any Switchboard command as text, e.g. "incident list" or "help"',
    options: [{ type: OPTION.string, name: 'command', description: 'The command, as you would type it (help lists them all)', required: true }],
  });
  return { definitions, catalog };
}
