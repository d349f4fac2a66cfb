// Pure helpers of the incident skill: severities from config, channel names, visibility,
// the reminder grid.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import type { Actor } from '../../../src/core/types.js';
import { canSee, channelName, isIncidentChannel } from '../../../src/skills/incident/access.js';
import { nextReminder } from '../../../src/skills/incident/reminders.js';
import { parseSeverity, severityTable } from '../../../src/skills/incident/severities.js';
import { declare } from '../../../src/skills/incident/transitions.js';
import { exampleConfig } from '../../helpers/config.js';

describe('severities', () => {
  it('come from the config, with the defaults for what it leaves out', () => {
    const t = severityTable({ incidents: { severities: { sev1: { name: 'Meltdown', description: '', update_interval: 900_000 }, sev3: { name: 'Minor', description: 'meh', update_interval: 'none' } }, channel_prefix: 'inc' } });
    expect(t.sev1).toEqual({ id: 'sev1', name: 'Meltdown', description: 'Complete outage or data loss; all hands.', updateIntervalMs: 900_000 });
    expect(t.sev2).toEqual({ id: 'sev2', name: 'Major', description: 'Major feature unavailable for many customers.', updateIntervalMs: 3_600_000 });
    expect(t.sev3.updateIntervalMs).toBeUndefined();
    expect(t.sev4.updateIntervalMs).toBeUndefined();
    const shipped = severityTable(exampleConfig());
    expect([shipped.sev1.updateIntervalMs, shipped.sev2.updateIntervalMs, shipped.sev3.updateIntervalMs, shipped.sev4.updateIntervalMs]).toEqual([1_800_000, 3_600_000, 14_400_000, undefined]);
  });

  it('parses sev2, SEV2, 2 and names; refuses the rest with the list', () => {
    const t = severityTable(exampleConfig());
    expect(['sev2', 'SEV2', '2', 'major', 'Major'].map((s) => parseSeverity(s, t))).toEqual(['sev2', 'sev2', 'sev2', 'sev2', 'sev2']);
    expect(() => parseSeverity('sev5', t)).toThrow(UserError);
    expect(() => parseSeverity('sev5', t)).toThrow('Unknown severity "sev5". Severities: sev1 Critical, sev2 Major, sev3 Minor, sev4 Low.');
  });
});

describe('channel names', () => {
  it('slugs the title into a short lowercase ASCII name', () => {
    expect(channelName('inc', 42, 'Database down!')).toBe('inc-42-database-down');
    expect(channelName('inc', 3, 'Zahlungen schlagen fehl — Überlast')).toBe('inc-3-zahlungen-schlagen-fehl-uberlast');
    expect(channelName('ops', 5, '🔥🔥')).toBe('ops-5');
    const long = channelName('inc', 12345, 'a very long title about everything that went wrong in the data centre');
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^inc-12345-[a-z0-9-]+[a-z0-9]$/);
  });
});

describe('visibility', () => {
  const actor = (personId: string | undefined, userId = personId ?? 'U999'): Actor => ({ platform: 'slack', userId, personId, name: personId ?? 'guest', timezone: 'UTC' });
  const base = declare({ id: 'INC-1', title: 'Secret', severity: 'sev3', private: true, channelName: 'inc-1', members: ['bob'], accounts: ['slack:U777'], by: { platform: 'slack', userId: 'U01BOB0001', personId: 'bob', name: 'Bob' }, now: new Date() });
  const inc = { ...base, channels: [{ platform: 'slack' as const, id: 'C-INC1' }] };

  it('shows a private incident to members, guests on the list, admins and people in its channel only', () => {
    const lobby = { platform: 'slack' as const, id: 'C-LOBBY' };
    expect(canSee(inc, actor('bob'), lobby, false)).toBe(true);
    expect(canSee(inc, actor(undefined, 'U777'), lobby, false)).toBe(true);
    expect(canSee(inc, actor('dave'), lobby, false)).toBe(false);
    expect(canSee(inc, actor('dave'), lobby, true)).toBe(true);
    expect(canSee(inc, actor('dave'), { platform: 'slack', id: 'C-INC1', threadId: '17.1' }, false)).toBe(true);
    expect(canSee({ ...inc, private: false }, actor('dave'), lobby, false)).toBe(true);
  });

  it('matches a thread-based incident space by its thread only', () => {
    const threaded = { channels: [{ platform: 'teams' as const, id: '19:incidents', threadId: 'root-1' }] };
    expect(isIncidentChannel(threaded, { platform: 'teams', id: '19:incidents', threadId: 'root-1' })).toBe(true);
    expect(isIncidentChannel(threaded, { platform: 'teams', id: '19:incidents' })).toBe(false);
    expect(isIncidentChannel(threaded, { platform: 'slack', id: '19:incidents', threadId: 'root-1' })).toBe(false);
  });
});

describe('reminder grid', () => {
  it('is the next lastUpdate + k·interval after now', () => {
    const last = '2026-11-21T09:00:00.000Z';
    const at = (m: number) => new Date(Date.parse(last) + m * 60_000);
    expect(nextReminder(last, 30 * 60_000, at(30))).toEqual(at(60));
    expect(nextReminder(last, 30 * 60_000, at(45))).toEqual(at(60));
    expect(nextReminder(last, 30 * 60_000, at(10))).toEqual(at(30));
    expect(nextReminder(last, 30 * 60_000, at(181))).toEqual(at(210));
  });
});
