// The neutral cards, pure: user text is shown literally, roles mention people, lists are capped.
import { describe, expect, it } from 'vitest';
import { cardToText } from '../../../src/core/text.js';
import { incidentCard, listCard, type CardContext } from '../../../src/skills/incident/cards.js';
import { severityTable } from '../../../src/skills/incident/severities.js';
import * as t from '../../../src/skills/incident/transitions.js';
import { exampleConfig } from '../../helpers/config.js';

const by = { platform: 'slack' as const, userId: 'U01BOB0001', personId: 'bob', name: 'Bob *the* Builder' };
const now = new Date('2026-11-21T09:00:00Z');
const cx: CardContext = { severities: severityTable(exampleConfig()), serviceName: (id) => id, name: (id) => id.toUpperCase(), people: [], zone: 'UTC', now };
const make = (n: number, title = `Incident ${n}`) => t.declare({ id: `INC-${n}`, title, severity: 'sev3', private: false, channelName: `inc-${n}`, members: [], accounts: [], by, now });

describe('incident cards', () => {
  it('shows user text literally and names role holders with mentions', () => {
    const inc = t.assignRole(make(1, 'Disk *full* on `db-1` [urgent](http://x)'), 'commander', { id: 'carol', name: 'Carol' }, { by, now });
    const card = incidentCard(inc, cx);
    expect(card.title).toBe('🔥 INC-1 · Disk \\*full\\* on \\`db-1\\` \\[urgent\\](http://x)');
    const text = cardToText(card, { name: (id) => `<${id}>` });
    expect(text.split('\n')[0]).toBe('🔥 INC-1 · Disk *full* on `db-1` [urgent](http://x)');
    expect(text).toContain('Commander: <carol>');
    expect(text).toContain('Declared: 21 Nov 09:00 by Bob *the* Builder');
    expect(card.tone).toBe('info');
    expect(incidentCard({ ...inc, private: true }, cx).title?.endsWith(' 🔒')).toBe(true);
  });

  it('caps a list and says how many were left off', () => {
    const list = Array.from({ length: 3 }, (_, i) => make(i + 1));
    const text = cardToText(listCard(list, cx, 'open', 33));
    expect(text.split('\n')[0]).toBe('33 open incidents');
    expect(text).toContain('…and 30 more');
    expect(cardToText(listCard([], cx, 'open'))).toContain('No open incidents');
  });
});
