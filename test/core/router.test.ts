import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/card.js';
import { UserError } from '../../src/core/errors.js';
import { Directory } from '../../src/core/people.js';
import { Permissions } from '../../src/core/permissions.js';
import { Router } from '../../src/core/router.js';
import type { Skill } from '../../src/core/skill.js';
import { messageToText } from '../../src/core/text.js';
import { silentLogger } from '../../src/infra/logger.js';
import { PromMetrics } from '../../src/infra/metrics.js';
import { FakeClock } from '../fakes/clock.js';
import { exampleConfig } from '../helpers/config.js';

const config = exampleConfig();
const people = new Directory(config);
const calls: unknown[] = [];

const demo: Skill = {
  id: 'demo',
  description: 'a skill for router tests',
  commands: [
    {
      command: 'thing',
      sub: 'make',
      summary: 'Makes a thing.',
      usage: 'thing make <sev> <title…> [owner:<person>] [at:<time>] [private]',
      examples: ['thing make sev2 "Disk full" owner:@bob at:tomorrow 09:00'],
      args: [
        { name: 'sev', kind: 'enum', choices: ['sev1', 'sev2'], description: 'severity' },
        { name: 'title', kind: 'text', description: 'what it is' },
      ],
      options: [
        { key: 'owner', kind: 'person', description: 'who owns it' },
        { key: 'at', kind: 'time', description: 'when', required: false },
      ],
      flags: [{ name: 'private', description: 'hide it' }],
      async run(ctx, args) {
        calls.push({ sev: args.str('sev'), title: args.str('title'), owner: args.optPerson('owner')?.id, at: args.optTime('at')?.toISOString(), private: args.flag('private'), who: ctx.person?.id });
        return { text: 'made' };
      },
    },
    {
      command: 'thing',
      sub: 'move',
      summary: 'Moves a thing.',
      usage: 'thing move [id] <to> <when>',
      examples: ['thing move T-1 bob today 14:00'],
      args: [
        { name: 'id', kind: 'id', required: false, pattern: /^T-\d+$/i, description: 'the thing' },
        { name: 'to', kind: 'person', description: 'new owner' },
        { name: 'when', kind: 'time', description: 'when' },
      ],
      async run(_ctx, args) {
        calls.push({ id: args.optStr('id'), to: args.person('to').id, when: args.time('when').toISOString() });
        return { text: 'moved' };
      },
    },
    {
      command: 'thing',
      sub: 'admin',
      summary: 'Needs a permission.',
      usage: 'thing admin',
      examples: ['thing admin'],
      permission: 'schedules',
      async run() {
        return { text: 'admin ok' };
      },
    },
    {
      command: 'thing',
      sub: 'boom',
      summary: 'Breaks.',
      usage: 'thing boom [user]',
      examples: ['thing boom'],
      args: [{ name: 'user', kind: 'word', required: false, description: 'throw a user error' }],
      async run(_ctx, args) {
        if (args.optStr('user')) throw new UserError('That thing is already broken.');
        throw new Error('secret internal detail at /srv/x.ts:12');
      },
    },
  ],
};

function makeRouter() {
  const clock = new FakeClock('2026-11-21T12:00:00Z');
  const r = new Router({ people, permissions: new Permissions(config), clock, log: silentLogger, metrics: new PromMetrics({ defaults: false }) });
  r.register(demo);
  return r;
}

const say = async (r: Router, text: string, as = 'alice'): Promise<{ reply: Reply; out: string }> => {
  const reply = await r.dispatch({ actor: people.actor('console', as), channel: { platform: 'console', id: '#console' }, text });
  return { reply, out: messageToText(reply, { showCommands: true }) };
};

describe('router', () => {
  it('binds enum, text, person option, two-word time option and a trailing flag', async () => {
    calls.length = 0;
    const { out } = await say(makeRouter(), 'thing make sev2 Disk is full on db-1 owner:@bob at:tomorrow 09:00 private');
    expect(out).toBe('made');
    expect(calls[0]).toEqual({ sev: 'sev2', title: 'Disk is full on db-1', owner: 'bob', at: '2026-11-22T08:00:00.000Z', private: true, who: 'alice' });
  });

  it('resolves Slack and Discord mentions to the same person', async () => {
    const r = makeRouter();
    calls.length = 0;
    await r.dispatch({ actor: people.actor('slack', 'U01ALICE01'), channel: { platform: 'slack', id: 'C1' }, text: 'thing move <@U01BOB0001|bob> +1h' });
    await r.dispatch({ actor: people.actor('discord', '310000000000000001'), channel: { platform: 'discord', id: '1' }, text: 'thing move T-9 <@!310000000000000002> +1h' });
    expect(calls).toEqual([
      { id: undefined, to: 'bob', when: '2026-11-21T13:00:00.000Z' },
      { id: 'T-9', to: 'bob', when: '2026-11-21T13:00:00.000Z' },
    ]);
  });

  it('a title word that looks like key:value stays in the title', async () => {
    calls.length = 0;
    await say(makeRouter(), 'thing make sev1 DB: errors from api:v2');
    expect((calls[0] as { title: string }).title).toBe('DB: errors from api:v2');
  });

  it.each([
    ['thing make sev9 x', /<sev>: expected one of sev1, sev2, got "sev9"/],
    ['thing make sev1', /Missing <title>/],
    ['thing make sev1 x owner:@nobody', /no person "@nobody"/],
    ['thing make sev1 x at:someday', /at:: expected an ISO time/],
    ['thing move T-1 bob', /Missing <when>/],
    ['thing move T-1 bob +1h extra words', /Unexpected "extra words"/],
    ['thing make sev1 x owner:@bob owner:@carol', /given twice/],
  ])('%s → a clear answer with usage and example', async (text, why) => {
    calls.length = 0;
    const { reply, out } = await say(makeRouter(), text);
    expect(reply.ephemeral).toBe(true);
    expect(out).toMatch(why);
    expect(out).toMatch(/Usage: thing /);
    expect(out).toMatch(/Example: thing /);
    expect(calls).toEqual([]);
  });

  it('answers unknown commands and subcommands without running anything', async () => {
    const r = makeRouter();
    expect((await say(r, 'frobnicate now')).out).toMatch(/Unknown command "frobnicate"\. Commands: thing, help/);
    const sub = await say(r, 'thing fly');
    expect(sub.out).toMatch(/Unknown subcommand "fly" of thing/);
    expect(sub.out).toContain('thing make <sev> <title…>');
  });

  it('generates help and <command> help from the specs', async () => {
    const r = makeRouter();
    const all = await say(r, 'help');
    expect(all.out).toContain('demo — a skill for router tests');
    expect(all.out).toContain('thing move [id] <to> <when>');
    const one = await say(r, 'thing help');
    expect(one.out).toContain('e.g. thing make sev2 "Disk full"');
    const sub = await say(r, 'thing make help');
    expect(sub.out).toContain('<title>: what it is');
    expect((await say(r, '/help thing')).out).toContain('Help: thing');
  });

  it('checks permissions in the core', async () => {
    const r = makeRouter();
    expect((await say(r, 'thing admin', 'erin')).out).toMatch(/can't do that: this needs the schedules permission/);
    expect((await say(r, 'thing admin', 'dave')).out).toBe('admin ok');
    const unknown = await r.dispatch({ actor: people.actor('slack', 'U0STRANGER'), channel: { platform: 'slack', id: 'C' }, text: 'thing admin' });
    expect(messageToText(unknown)).toMatch(/can't do that/);
  });

  it('turns a user error into its message and an internal error into a reference, never a stack', async () => {
    const r = makeRouter();
    expect((await say(r, 'thing boom user')).out).toMatch(/That thing is already broken\./);
    const internal = await say(r, 'thing boom');
    expect(internal.out).toMatch(/Something went wrong on our side \(reference [0-9a-f]{8}\)/);
    expect(internal.out).not.toMatch(/secret internal detail|\.ts:/);
  });

  it('survives hostile input', async () => {
    const r = makeRouter();
    for (const text of ['"', 'thing make "sev1', '\u0000\u0001\u0002', 'x'.repeat(10_240), '<@', '<<<>>>', 'thing make sev1 ' + '"a" '.repeat(900), '🙂 🙃']) {
      const { reply } = await say(r, text);
      expect(reply.text ?? reply.card).toBeTruthy();
    }
  });

  it('runs a form submission through the same command', async () => {
    calls.length = 0;
    const r = makeRouter();
    await r.submitForm({ actor: people.actor('console', 'alice'), channel: { platform: 'console', id: '#c' } }, 'thing make {sev} {title} owner:{owner}', { sev: 'sev1', title: 'private', owner: '' });
    expect(calls[0]).toMatchObject({ sev: 'sev1', title: 'private', private: false, owner: undefined });
  });
});
