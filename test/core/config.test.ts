import { describe, expect, it } from 'vitest';
import { loadConfigFile, parseConfigText } from '../../src/core/config/index.js';
import { configProblems as problems } from '../helpers/config.js';

const base = `people:\n  - { id: alice, name: Alice }\n`;

describe('config', () => {
  it('loads the shipped example as it is', () => {
    const c = loadConfigFile('config/switchboard.yaml', {});
    expect(c.people.length).toBeGreaterThanOrEqual(4);
    expect(c.teams).toHaveLength(2);
    expect(c.services).toHaveLength(4);
    expect(new Set(c.schedules.map((s) => s.timezone)).size).toBe(2);
    expect(c.status?.monitors[0].url).toBe('/healthz');
    expect(c.briefings[0].cron).toBe('0 8 * * 1-5');
  });

  it('names the path and what was expected for each problem', () => {
    const p = problems(`${base}schedules:\n  - id: a\n    members: [alice]\n    shift: 1w\n    start: 2026-01-05\n  - id: b\n    members: [alice]\n    shift: 1w\n    handoff: 9am\n    start: 2026-01-05\n`);
    expect(p).toEqual(['schedules[1].handoff: expected HH:MM, got "9am"']);
  });

  it('reports every problem at once, one line each', () => {
    const p = problems(
      `timezone: Mars/Olympus\npeople:\n  - { id: Alice, name: A, discord: 310000000000000001 }\nteams:\n  - { id: t, name: T, members: [alice], colour: red }\nbriefings:\n  - { id: m, cron: "0 8 * *" }\n`,
    );
    expect(p).toContain('timezone: expected an IANA time zone like Europe/Berlin, got "Mars/Olympus"');
    expect(p).toContain('people[0].id: expected a lowercase id (letters, digits, - and _), got "Alice"');
    expect(p.find((x) => x.startsWith('people[0].discord'))).toMatch(/quoted string/);
    expect(p).toContain('teams[0].colour: unknown key (check its spelling)');
    expect(p.find((x) => x.startsWith('briefings[0].cron'))).toMatch(/expected 5 cron fields/);
  });

  it('checks references between sections', () => {
    const p = problems(
      `${base}teams: [{ id: ops, name: Ops, members: [alice, zed] }]\nservices: [{ id: api, name: API, team: nope, escalation_policy: missing }]\nescalation_policies:\n  - id: p\n    levels: [{ targets: [schedule:ghost], after: 5m }]\n`,
    );
    expect(p).toEqual([
      'teams[0].members[1]: unknown person "zed"',
      'services[0].team: unknown team "nope"',
      'services[0].escalation_policy: unknown escalation policy "missing"',
      'escalation_policies[0].levels[0].targets[0]: unknown schedule "ghost"',
    ]);
  });

  it('substitutes ${ENV} and names a missing variable by path', () => {
    const yaml = `${base}integrations:\n  webhooks: [{ id: w, url: "https://h.example/x", secret: "\${HOOK_SECRET}" }]\n`;
    expect(problems(yaml)).toEqual(['integrations.webhooks[0].secret: environment variable HOOK_SECRET is not set']);
    expect(parseConfigText(yaml, { HOOK_SECRET: 's3cret-value' }).integrations.webhooks[0].secret).toBe('s3cret-value');
    expect(parseConfigText(`${base}status:\n  monitors: []\n  title: "\${TITLE:-Our status}"\n`, {}).status?.title).toBe('Our status');
  });

  it('reports YAML syntax errors with line numbers', () => {
    expect(problems('people: [\n  - id: a')[0]).toMatch(/^yaml: .*line \d+/);
  });

  it('refuses an empty config', () => {
    expect(problems('')).toEqual(['people: missing (expected array)']);
  });
});
