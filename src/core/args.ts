// The command language, second stage: tokens → typed arguments of one CommandSpec.
// Every refusal is a UserError that says what was wrong; the router adds usage and example.
import type { Token } from './command.js';
import { UserError } from './errors.js';
import type { Directory, Person } from './people.js';
import type { ArgKind, ArgSpec, CommandSpec } from './skill.js';
import { parseDuration, parseHHMM, parseTime, TIME_HELP } from './time.js';
import type { PlatformId } from './types.js';

type Value = string | number | Date | Person | boolean;

/** The bound arguments of a command, with typed getters. */
export class Args {
  constructor(private readonly values: Map<string, Value>) {}

  has(name: string): boolean {
    return this.values.has(name);
  }
  private take<T>(name: string, check: (v: Value) => boolean, what: string): T | undefined {
    const v = this.values.get(name);
    if (v === undefined) return undefined;
    if (!check(v)) throw new Error(`argument ${name} is not a ${what}`);
    return v as T;
  }
  private must<T>(v: T | undefined, name: string): T {
    if (v === undefined) throw new Error(`argument ${name} was not bound`);
    return v;
  }
  str(name: string): string {
    return this.must(this.optStr(name), name);
  }
  optStr(name: string): string | undefined {
    return this.take<string>(name, (v) => typeof v === 'string', 'string');
  }
  int(name: string): number {
    return this.must(this.optInt(name), name);
  }
  optInt(name: string): number | undefined {
    return this.take<number>(name, (v) => typeof v === 'number', 'number');
  }
  /** Milliseconds. */
  duration(name: string): number {
    return this.must(this.optDuration(name), name);
  }
  optDuration(name: string): number | undefined {
    return this.optInt(name);
  }
  time(name: string): Date {
    return this.must(this.optTime(name), name);
  }
  optTime(name: string): Date | undefined {
    return this.take<Date>(name, (v) => v instanceof Date, 'time');
  }
  person(name: string): Person {
    return this.must(this.optPerson(name), name);
  }
  optPerson(name: string): Person | undefined {
    return this.take<Person>(name, (v) => typeof v === 'object' && !(v instanceof Date), 'person');
  }
  flag(name: string): boolean {
    return this.values.get(name) === true;
  }
}

export interface BindContext {
  people: Directory;
  platform: PlatformId;
  zone: string;
  now: Date;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_WORD = /^(today|tomorrow|yesterday)$/i;

/** Whether token i starts a two-word time (`tomorrow 09:00`, `2026-11-21 14:00`). */
function twoWordTime(tokens: Token[], i: number): boolean {
  const a = tokens[i];
  const b = tokens[i + 1];
  return !!a && !!b && !a.quoted && !b.quoted && (DAY_WORD.test(a.text) || DATE_ONLY.test(a.text)) && parseHHMM(b.text) !== undefined && !b.key;
}

function describeKind(spec: Pick<ArgSpec, 'kind' | 'choices'>): string {
  switch (spec.kind) {
    case 'enum':
      return `one of ${spec.choices?.join(', ')}`;
    case 'time':
      return TIME_HELP;
    case 'duration':
      return 'a duration like 30m, 4h, 2d or 1w';
    case 'int':
      return 'a whole number';
    case 'person':
      return 'a mention or @id of a person in the config';
    default:
      return 'a word';
  }
}

function convert(spec: ArgSpec, label: string, raw: string, ctx: BindContext): Value {
  const bad = (why?: string) => new UserError(`${label}: ${why ?? `expected ${describeKind(spec)}, got "${raw.slice(0, 80)}"`}.`);
  switch (spec.kind as ArgKind) {
    case 'enum': {
      const v = raw.toLowerCase();
      if (!spec.choices?.includes(v)) throw bad();
      return v;
    }
    case 'int': {
      if (!/^-?\d{1,9}$/.test(raw)) throw bad();
      const n = Number(raw);
      if (spec.min !== undefined && n < spec.min) throw bad(`expected at least ${spec.min}, got ${n}`);
      if (spec.max !== undefined && n > spec.max) throw bad(`expected at most ${spec.max}, got ${n}`);
      return n;
    }
    case 'duration': {
      const ms = parseDuration(raw);
      if (ms === undefined) throw bad();
      return ms;
    }
    case 'time': {
      const d = parseTime(raw, ctx.zone, ctx.now);
      if (!d) throw bad();
      return d;
    }
    case 'person': {
      const p = ctx.people.resolve(raw, ctx.platform);
      if (!p) {
        const known = ctx.people
          .all()
          .slice(0, 8)
          .map((x) => `@${x.id}`)
          .join(', ');
        throw bad(`no person "${raw.slice(0, 80)}" in the config (known: ${known}${ctx.people.all().length > 8 ? ', …' : ''})`);
      }
      return p;
    }
    case 'id':
    case 'word':
    case 'text':
      if (spec.pattern && !spec.pattern.test(raw)) throw bad(`"${raw.slice(0, 80)}" is not valid here`);
      return raw;
  }
}

const fits = (spec: ArgSpec, t: Token): boolean => {
  if (spec.pattern) return spec.pattern.test(t.text);
  if (spec.choices) return spec.choices.includes(t.text.toLowerCase());
  return true;
};

/** Binds the tokens after `command [sub]` to a spec's arguments, options and flags. */
export function bindArgs(spec: CommandSpec, input: Token[], ctx: BindContext): Args {
  const values = new Map<string, Value>();
  const optionSpecs = new Map((spec.options ?? []).map((o) => [o.key, o]));
  const positional: Token[] = [];
  for (let i = 0; i < input.length; i++) {
    const t = input[i];
    const o = t.key !== undefined ? optionSpecs.get(t.key) : undefined;
    if (!o) {
      // A key:value the command does not declare is ordinary text (titles may contain colons).
      positional.push(t.key !== undefined ? { text: t.text, quoted: t.quoted } : t);
      continue;
    }
    let raw = t.value ?? '';
    if (o.kind === 'time' && (DAY_WORD.test(raw) || DATE_ONLY.test(raw)) && input[i + 1] && !input[i + 1].quoted && parseHHMM(input[i + 1].text)) {
      raw = `${raw} ${input[++i].text}`;
    }
    if (values.has(o.key)) throw new UserError(`Option ${o.key}: is given twice.`);
    if (raw === '') throw new UserError(`Option ${o.key}: has no value (write ${o.key}:<${o.kind}>).`);
    values.set(o.key, convert({ ...o, name: o.key }, `${o.key}:`, raw, ctx));
  }
  for (const o of spec.options ?? []) if (o.required && !values.has(o.key)) throw new UserError(`Missing ${o.key}: (${o.description}).`);

  // Flags: bare, unquoted words at the end.
  const flagNames = new Set((spec.flags ?? []).map((f) => f.name));
  while (positional.length > 0) {
    const last = positional[positional.length - 1];
    if (last.quoted || !flagNames.has(last.text.toLowerCase())) break;
    values.set(last.text.toLowerCase(), true);
    positional.pop();
  }

  let i = 0;
  for (const a of spec.args ?? []) {
    const required = a.required !== false;
    const label = `<${a.name}>`;
    if (a.kind === 'text') {
      const rest = positional.slice(i).map((t) => t.text);
      i = positional.length;
      const joined = rest.join(' ').trim();
      if (!joined) {
        if (required) throw new UserError(`Missing ${label}: ${a.description}.`);
        continue;
      }
      values.set(a.name, convert(a, label, joined, ctx));
      continue;
    }
    const t = positional[i];
    if (!t) {
      if (required) throw new UserError(`Missing ${label}: ${a.description}.`);
      continue;
    }
    if (!required && (a.pattern || a.choices) && !fits(a, t)) continue;
    let raw = t.text;
    if (a.kind === 'time' && twoWordTime(positional, i)) {
      raw = `${t.text} ${positional[i + 1].text}`;
      i++;
    }
    i++;
    values.set(a.name, convert(a, label, raw, ctx));
  }
  if (i < positional.length) {
    const extra = positional
      .slice(i)
      .map((t) => t.text)
      .join(' ');
    throw new UserError(`Unexpected "${extra.slice(0, 80)}${extra.length > 80 ? '…' : ''}" at the end.`);
  }
  return new Args(values);
}
