// Application commands come from the command specs and read back to the same command text:
// the builder checked against the specs, the round trip through the real router, and the
// registration script's output at a fake Discord.
import { afterEach, describe, expect, it } from 'vitest';
import { buildCommands, discordName, OPTION, type Catalog, type CommandDef, type OptionDef, type SubcommandDef } from '../../../src/adapters/discord/command-defs.js';
import { commandText } from '../../../src/adapters/discord/parse.js';
import type { Args } from '../../../src/core/args.js';
import { Directory } from '../../../src/core/people.js';
import { Permissions } from '../../../src/core/permissions.js';
import { Router } from '../../../src/core/router.js';
import type { CommandSpec } from '../../../src/core/skill.js';
import { silentLogger } from '../../../src/infra/logger.js';
import { PromMetrics } from '../../../src/infra/metrics.js';
import { collectSpecs, runRegister } from '../../../src/register-discord.js';
import { FakeClock } from '../../fakes/clock.js';
import { APP_ID, BOT, GUILD_ID, slashCommand, type OptionValue } from '../../fakes/discord/payloads.js';
import { FakeDiscordRest } from '../../fakes/discord/rest.js';
import { exampleConfig } from '../../helpers/config.js';

/** Answers with the bound arguments (people by id, times as ISO), so a test sees what the parser read. */
const echo = async (_ctx: unknown, a: Args) => {
  const values = (a as unknown as { values: Map<string, unknown> }).values;
  const shown = [...values].map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v && typeof v === 'object' && 'id' in v ? `@${(v as { id: string }).id}` : v]);
  return { text: JSON.stringify(Object.fromEntries(shown)) };
};
/** Specs shaped like the real skills': a default form beside subcommands, people, numbers, enums. */
const SPECS: CommandSpec[] = [
  { command: 'oncall', summary: 'Who is on call now.', usage: 'oncall [schedule]', examples: ['oncall'], args: [{ name: 'schedule', kind: 'word', description: 'a schedule id', required: false }], run: echo as never },
  {
    command: 'oncall',
    sub: 'override',
    summary: 'Overrides a schedule.',
    usage: 'oncall override <schedule> <person> <start> <end>',
    examples: ['oncall override platform-primary @bob now +4h'],
    args: [
      { name: 'schedule', kind: 'word', description: 'a schedule id' },
      { name: 'person', kind: 'person', description: 'who takes over' },
      { name: 'start', kind: 'time', description: 'from' },
      { name: 'end', kind: 'time', description: 'until' },
    ],
    permission: 'schedules',
    run: echo as never,
  },
  {
    command: 'oncall',
    sub: 'schedule',
    summary: 'The coming shifts.',
    usage: 'oncall schedule <schedule> [days]',
    examples: ['oncall schedule platform-primary 14'],
    args: [
      { name: 'schedule', kind: 'word', description: 'a schedule id' },
      { name: 'days', kind: 'int', description: 'how many days', required: false, min: 1, max: 90 },
    ],
    run: echo as never,
  },
  {
    command: 'page',
    summary: 'Pages a schedule, service or person.',
    usage: 'page <target> <message…> [sev:<1-4>]',
    examples: ['page api "Latency is up" sev:2'],
    args: [
      { name: 'target', kind: 'word', description: 'a schedule, service or @person' },
      { name: 'message', kind: 'text', description: 'what is wrong' },
    ],
    options: [{ key: 'sev', kind: 'enum', choices: ['1', '2', '3', '4'], description: 'severity' }],
    run: echo as never,
  },
  { command: 'page', sub: 'ack', summary: 'Acknowledges a page.', usage: 'page ack <id>', examples: ['page ack PAGE-7'], args: [{ name: 'id', kind: 'id', description: 'the page', pattern: /^PAGE-\d+$/i }], run: echo as never },
  {
    command: 'change',
    sub: 'request',
    summary: 'Requests a change.',
    usage: 'change request <title…> risk:<low|medium|high> start:<time> end:<time> [service:<id>] [rollback:"…"]',
    examples: ['change request "Upgrade Postgres" risk:high start:"tomorrow 22:00" end:"tomorrow 23:00"'],
    args: [{ name: 'title', kind: 'text', description: 'what changes' }],
    options: [
      { key: 'risk', kind: 'enum', choices: ['low', 'medium', 'high'], description: 'risk', required: true },
      { key: 'start', kind: 'time', description: 'start', required: true },
      { key: 'end', kind: 'time', description: 'end', required: true },
      { key: 'service', kind: 'word', description: 'the service' },
      { key: 'rollback', kind: 'text', description: 'the rollback plan' },
    ],
    run: echo as never,
  },
  { command: 'briefing', summary: 'Posts the morning briefing now.', usage: 'briefing', examples: ['briefing'], run: echo as never },
];

const config = exampleConfig();
const router = () => {
  const r = new Router({ people: new Directory(config), permissions: new Permissions(config), clock: new FakeClock(), log: silentLogger, metrics: new PromMetrics() });
  r.register({ id: 'test', description: 'test', commands: SPECS });
  return r;
};
const byName = (defs: CommandDef[], name: string) => defs.find((d) => d.name === name)!;
const sub = (d: CommandDef, name: string) => d.options!.find((o) => o.name === name) as SubcommandDef;
const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;

/** A default form's optional free text beside subcommands is left off on Discord (see command-defs). */
const onDiscord = (spec: CommandSpec, all: readonly CommandSpec[]) => (spec.args ?? []).filter((a) => !(spec.sub === undefined && a.kind === 'text' && a.required === false && all.some((x) => x.command === spec.command && x.sub !== undefined)));

/** Every parameter of every spec is an option of its (sub)command, typed, required ones first. */
function expectCoverage(specs: readonly CommandSpec[], definitions: CommandDef[], catalog: Catalog): void {
  for (const spec of specs) {
    const def = byName(definitions, spec.command);
    const binding = catalog.get(spec.command)!;
    const [subName, sb] = [...binding.subs].find(([, b]) => b.prefix === [spec.command, spec.sub].filter(Boolean).join(' '))!;
    const options = (subName ? sub(def, subName).options : def.options) as OptionDef[] | undefined;
    const params = [...onDiscord(spec, specs).map((a) => a.name), ...(spec.options ?? []).map((o) => o.key), ...(spec.flags ?? []).map((f) => f.name)];
    expect(sb.params.map((p) => p.key), `${spec.command} ${spec.sub ?? ''}`).toEqual(params);
    expect((options ?? []).map((o) => o.name).sort()).toEqual(sb.params.map((p) => p.option).sort());
    for (const f of spec.flags ?? []) expect(options!.find((o) => o.name === discordName(f.name))!.type).toBe(OPTION.boolean);
    for (const a of [...(spec.args ?? []), ...(spec.options ?? [])]) {
      const o = options?.find((x) => x.name === sb.params.find((p) => p.key === ('key' in a ? a.key : (a as { name: string }).name))?.option);
      if (!o) continue;
      expect(o.type).toBe(a.kind === 'int' ? OPTION.integer : a.kind === 'person' ? OPTION.user : OPTION.string);
      if (a.kind === 'enum' && a.choices && a.choices.length <= 25) expect(o.choices!.map((c) => c.value)).toEqual(a.choices);
    }
  }
}

/** Everything Discord would refuse in one command (its documented limits), as readable lines. */
function discordProblems(d: CommandDef): string[] {
  const out: string[] = [];
  let chars = d.name.length + d.description.length;
  const named = (where: string, x: { name: string; description: string }) => {
    if (!NAME.test(x.name)) out.push(`${where}: name "${x.name}"`);
    if (x.description.length < 1 || x.description.length > 100) out.push(`${where}: description of ${x.description.length} characters`);
  };
  const level = (where: string, options: (SubcommandDef | OptionDef)[] | undefined) => {
    const list = options ?? [];
    if (list.length > 25) out.push(`${where}: ${list.length} options`);
    if (new Set(list.map((o) => o.name)).size !== list.length) out.push(`${where}: duplicate option names`);
    const subs = list.filter((o) => o.type === OPTION.subcommand);
    if (subs.length && subs.length !== list.length) out.push(`${where}: subcommands mixed with options`);
    const required = list.map((o) => 'required' in o && !!o.required);
    if (required.join() !== [...required].sort((a, b) => Number(b) - Number(a)).join()) out.push(`${where}: an optional option before a required one`);
    for (const o of list) {
      const at = `${where} ${o.name}`;
      named(at, o);
      chars += o.name.length + o.description.length;
      if (o.type === OPTION.subcommand) level(at, (o as SubcommandDef).options);
      else {
        const opt = o as OptionDef;
        if (opt.choices && opt.choices.length > 25) out.push(`${at}: ${opt.choices.length} choices`);
        for (const c of opt.choices ?? []) {
          chars += c.name.length + c.value.length;
          if (c.name.length < 1 || c.name.length > 100 || c.value.length > 100) out.push(`${at}: choice "${c.value}"`);
        }
        if ((opt.min_value !== undefined || opt.max_value !== undefined) && opt.type !== OPTION.integer) out.push(`${at}: bounds on a non-number`);
      }
    }
  };
  named(`/${d.name}`, d);
  level(`/${d.name}`, d.options);
  if (chars > 4000) out.push(`/${d.name}: ${chars} characters in all (Discord allows 4 000)`);
  return out;
}

describe('buildCommands', () => {
  it('makes one command per spec command, a subcommand per sub, typed options per argument', () => {
    const { definitions } = buildCommands(SPECS);
    expect(definitions.map((d) => d.name)).toEqual(['oncall', 'page', 'change', 'briefing', 'ops']);
    const oncall = byName(definitions, 'oncall');
    expect(oncall.options!.map((o) => o.name)).toEqual(['now', 'override', 'schedule', 'help']);
    expect(sub(oncall, 'override').options).toEqual([
      { type: OPTION.string, name: 'schedule', description: 'a schedule id', required: true },
      { type: OPTION.user, name: 'person', description: 'who takes over', required: true },
      { type: OPTION.string, name: 'start', description: 'from', required: true },
      { type: OPTION.string, name: 'end', description: 'until', required: true },
    ]);
    expect(sub(oncall, 'schedule').options![1]).toEqual({ type: OPTION.integer, name: 'days', description: 'how many days', min_value: 1, max_value: 90 });
    expect(sub(byName(definitions, 'page'), 'trigger').options![2]).toEqual({ type: OPTION.string, name: 'sev', description: 'severity', choices: ['1', '2', '3', '4'].map((v) => ({ name: v, value: v })) });
    // A command with only a default form takes its options at the top.
    expect(byName(definitions, 'briefing')).toEqual({ type: 1, name: 'briefing', description: 'Posts the morning briefing now.', contexts: [0, 1], integration_types: [0] });
    expect(byName(definitions, 'ops').options).toEqual([{ type: OPTION.string, name: 'command', description: expect.any(String), required: true }]);
  });

  it('covers every argument, option and flag of every spec, required ones first, within Discord limits', () => {
    const { definitions, catalog } = buildCommands(SPECS);
    expectCoverage(SPECS, definitions, catalog);
    for (const d of definitions) expect(discordProblems(d)).toEqual([]);
  });

  it('builds valid commands for every real skill: sensible default names, every parameter, within every limit', async () => {
    const { specs, describe: describeCommand } = await collectSpecs(exampleConfig());
    const { definitions, catalog } = buildCommands(specs, describeCommand);
    expect(definitions.map((d) => d.name)).toEqual(['whoami', 'incident', 'oncall', 'page', 'change', 'standup', 'status', 'briefing', 'vendor', 'ops']);
    expect(new Set(definitions.map((d) => d.name))).toEqual(new Set([...specs.map((s) => s.command), 'ops']));
    expectCoverage(specs, definitions, catalog);
    for (const d of definitions) expect(discordProblems(d)).toEqual([]);
    // A command's default form gets a name that says what it does.
    const defaults = Object.fromEntries([...catalog].flatMap(([name, b]) => [...b.subs].filter(([, sb]) => sb.prefix === name && b.subs.size > 1).map(([subName]) => [name, subName])));
    expect(defaults).toEqual({ incident: 'new', oncall: 'now', page: 'trigger', standup: 'answer', status: 'show' });
    // Beside subcommands, a default form's catch-all for stray words is no option on Discord.
    expect(sub(byName(definitions, 'incident'), 'new').options).toBeUndefined();
    expect(sub(byName(definitions, 'standup'), 'answer').options!.map((o) => o.name)).toEqual(['yesterday', 'today', 'blockers', 'team']);
    expect(sub(byName(definitions, 'incident'), 'declare').options!.map((o) => [o.name, o.type, !!o.required])).toEqual([
      ['severity', OPTION.string, true],
      ['title', OPTION.string, true],
      ['service', OPTION.string, false],
      ['visibility', OPTION.string, false],
      ['private', OPTION.boolean, false],
    ]);
    expect(sub(byName(definitions, 'change'), 'request').options!.find((o) => o.name === 'risk')).toMatchObject({ choices: ['low', 'medium', 'high'].map((v) => ({ name: v, value: v })) });
    expect(sub(byName(definitions, 'status'), 'set').options!.find((o) => o.name === 'status')!.choices).toHaveLength(5);
  });

  it('reads options back as the very text the parser expects (round trip through the router)', async () => {
    const r = router();
    const { catalog } = buildCommands(r.specs());
    const alice = new Directory(config).actor('discord', '310000000000000001');
    const run = async (name: string, subName: string | undefined, options: Record<string, OptionValue>) => {
      const parsed = commandText(slashCommand(name, subName, options).data, catalog);
      if (!parsed.ok) throw new Error(parsed.message);
      const reply = await r.dispatch({ actor: alice, channel: { platform: 'discord', id: '1' }, text: parsed.text });
      return { text: parsed.text, reply: reply.text! };
    };
    const page = await run('page', 'trigger', { target: 'api', message: 'Latency is up: p99 "2s" private', sev: '2' });
    expect(page.text).toBe('page "api" "Latency is up: p99 \\"2s\\" private" sev:"2"');
    expect(JSON.parse(page.reply)).toEqual({ target: 'api', message: 'Latency is up: p99 "2s" private', sev: '2' });
    const override = await run('oncall', 'override', { schedule: 'platform-primary', '@person': '310000000000000002', start: 'tomorrow 09:00', end: '+4h' });
    expect(override.text).toBe('oncall override "platform-primary" <@310000000000000002> "tomorrow 09:00" "+4h"');
    // The clock is 2026-11-21T09:00Z; Alice reads times in Europe/Berlin.
    expect(JSON.parse(override.reply)).toEqual({ schedule: 'platform-primary', person: '@bob', start: '2026-11-22T08:00:00.000Z', end: '2026-11-21T13:00:00.000Z' });
    expect((await run('oncall', 'now', {})).text).toBe('oncall');
    const schedule = await run('oncall', 'schedule', { schedule: 'platform-primary', days: 14 });
    expect(schedule.text).toBe('oncall schedule "platform-primary" 14');
    expect(JSON.parse(schedule.reply)).toEqual({ schedule: 'platform-primary', days: 14 });
    expect((await run('oncall', 'help', {})).reply).toBeUndefined(); // the help card
    const change = await run('change', 'request', { title: 'Upgrade Postgres', risk: 'high', start: 'tomorrow 22:00', end: 'tomorrow 23:00', rollback: 'restore "snapshot"' });
    expect(change.text).toBe('change request "Upgrade Postgres" risk:"high" start:"tomorrow 22:00" end:"tomorrow 23:00" rollback:"restore \\"snapshot\\""');
    expect(JSON.parse(change.reply)).toEqual({ title: 'Upgrade Postgres', risk: 'high', start: '2026-11-22T21:00:00.000Z', end: '2026-11-22T22:00:00.000Z', rollback: 'restore "snapshot"' });
    expect((await run('ops', undefined, { command: 'oncall schedule platform-primary' })).text).toBe('oncall schedule platform-primary');
  });

  it('explains a command Discord knows but this build does not', () => {
    const { catalog } = buildCommands(SPECS);
    expect(commandText(slashCommand('incident', 'declare', { title: 'x' }).data, catalog)).toEqual({ ok: false, message: expect.stringMatching(/out of date.*npm run discord:register.*\/ops/) });
    expect(commandText(slashCommand('ops', undefined, { command: '  ' }).data, catalog)).toEqual({ ok: false, message: expect.stringContaining('/ops help') });
  });

  it('makes names Discord accepts', () => {
    expect(discordName('Rollback Plan!')).toBe('rollback-plan');
    expect(discordName('x'.repeat(40))).toHaveLength(32);
    expect(discordName('***')).toBe('x');
  });
});

describe('npm run discord:register', () => {
  let rest: FakeDiscordRest | undefined;
  afterEach(async () => {
    await rest?.stop();
    rest = undefined;
  });

  it('registers exactly the commands built from the specs of this build', async () => {
    rest = await new FakeDiscordRest('tok.en', BOT).start();
    const env = { DISCORD_TOKEN: 'tok.en', DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: rest.url };
    const lines: string[] = [];
    expect(await runRegister(['--guild', GUILD_ID], env, (l) => lines.push(l))).toBe(0);
    const { specs, describe: describeCommand } = await collectSpecs(exampleConfig());
    const expected = buildCommands(specs, describeCommand).definitions;
    const put = rest.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`);
    expect(put.auth).toBe('Bot tok.en');
    expect(put.body).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(put.body.map((c: CommandDef) => c.name)).toEqual([...new Set(specs.map((s) => s.command)), 'ops']);
    expect(lines[0]).toMatch(new RegExp(`^Registered ${expected.length} commands \\(server ${GUILD_ID}\\): .*/whoami.*/ops$`));

    expect(await runRegister(['--global'], env, (l) => lines.push(l))).toBe(0);
    expect(rest.commands.get('global')!.map((c) => c.name)).toEqual(expected.map((c) => c.name));
  });

  it('prints without credentials, and refuses bad arguments or missing credentials with exit 2', async () => {
    const lines: string[] = [];
    expect(await runRegister(['--print'], {}, (l) => lines.push(l))).toBe(0);
    expect(JSON.parse(lines[0]).map((c: CommandDef) => c.name)).toContain('ops');
    expect(await runRegister([], {}, (l) => lines.push(l))).toBe(2);
    expect(lines.at(-1)).toMatch(/set DISCORD_TOKEN and DISCORD_APPLICATION_ID/);
    expect(await runRegister(['--bogus'], {}, (l) => lines.push(l))).toBe(2);
    expect(await runRegister(['--guild', 'general'], { DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: APP_ID }, (l) => lines.push(l))).toBe(2);
    expect(lines.at(-1)).toMatch(/server id \(digits\)/);
  });
});
