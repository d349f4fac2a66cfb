// Briefing sections as pure functions of their data, and the card they make: private
// incidents stay nameless, long lists are capped, Approve buttons are limited to a row, the
// last standup before a Monday is Friday's, and the card's tone is its most urgent section's.
import { describe, expect, it } from 'vitest';
import { cardCommands } from '../../../src/core/card.js';
import type { ChangeView, IncidentView, Queries, QueryRegistry, StandupQueries } from '../../../src/core/queries.js';
import { cardToText } from '../../../src/core/text.js';
import { briefingCard, buildSections } from '../../../src/skills/briefing/compose.js';
import { briefingContext, SECTIONS } from '../../../src/skills/briefing/sections/index.js';
import { exampleConfig } from '../../helpers/config.js';

const config = exampleConfig();
const NOW = new Date('2026-11-30T07:00:00Z'); // Monday 08:00 Berlin
const ctx = briefingContext(config, 'Europe/Berlin', [], NOW, (id) => config.people.find((p) => p.id === id)?.name ?? id);

function sources(views: Partial<Queries>): Pick<QueryRegistry, 'get'> {
  return { get: ((name: keyof Queries) => views[name]) as QueryRegistry['get'] };
}

const incident = (over: Partial<IncidentView>): IncidentView => ({
  id: 'INC-1',
  title: 'Checkout down',
  severity: 'sev3',
  status: 'investigating',
  private: false,
  declaredAt: '2026-11-30T05:00:00.000Z',
  channels: [],
  members: [],
  ...over,
});

const change = (n: number): ChangeView => ({
  id: `CHG-${n}`,
  title: `Change ${n}`,
  risk: 'low',
  type: 'normal',
  state: 'pending',
  start: '2026-12-01T09:00:00.000Z',
  end: '2026-12-01T10:00:00.000Z',
  requestedBy: 'erin',
  approvedBy: [],
  approvalsNeeded: 1,
});

const incidentsView = (open: IncidentView[]): Queries['incidents'] => ({ get: () => undefined, open: () => open, resolvedBetween: () => [], byChannel: () => undefined });

describe('briefing sections', () => {
  it('names open incidents with severity, age and commander; a private one without its title', () => {
    const out = SECTIONS.incidents.build(
      sources({ incidents: incidentsView([incident({ severity: 'sev2', commander: 'bob' }), incident({ id: 'INC-2', title: 'Salary leak', private: true, severity: 'sev4' })]) }),
      ctx,
    );
    expect(out).toEqual({
      id: 'incidents',
      heading: '**Open incidents** (2)',
      lines: ['• 🟠 **INC-1** sev2 · Checkout down — investigating, 2h 00m old, commander Bob Okafor', '• ⚪ **INC-2** sev4 · _private incident_ — investigating, 2h 00m old, no commander'],
      tone: 'danger',
    });
    expect(SECTIONS.incidents.build(sources({}), ctx)).toBeUndefined();
  });

  it('caps long lists and offers at most five Approve buttons', () => {
    const pending = Array.from({ length: 12 }, (_, i) => change(i + 1));
    const view: Queries['changes'] = { get: () => undefined, inWindow: () => [], pending: () => pending, freezesAt: () => [] };
    const out = SECTIONS.changes.build(sources({ changes: view }), ctx);
    if (!out || 'line' in out) throw new Error('expected a full section');
    expect(out.lines).toContain('• No changes scheduled today');
    expect(out.lines.filter((l) => l.startsWith('• **CHG-'))).toHaveLength(10);
    expect(out.lines).toContain('…and 2 more');
    expect(out.buttons?.map((b) => b.command)).toEqual(['change approve CHG-1', 'change approve CHG-2', 'change approve CHG-3', 'change approve CHG-4', 'change approve CHG-5']);
  });

  it('reads the blockers of the last standup day: Friday on a Monday', () => {
    const asked: string[] = [];
    const standups: StandupQueries = {
      blockers: (day, team) => {
        asked.push(`${day}/${team}`);
        return [{ standupId: 'platform-daily', personId: 'carol', text: 'VPN _broken_' }];
      },
    };
    const out = SECTIONS.standups.build(sources({ standups }), ctx);
    expect(asked).toEqual(['2026-11-27/platform']);
    expect(out).toMatchObject({ lines: ['• 🚧 **Carol Nguyen** (Platform Engineering, Fri 27 Nov): VPN \\_broken\\_'] });
  });

  it('a component only in maintenance is not an outage', () => {
    const status: Queries['status'] = {
      overall: () => 'none',
      components: () => [{ id: 'api', name: 'Public API', status: 'under_maintenance', updatedAt: '2026-11-30T06:00:00.000Z' }],
      monitors: () => [],
    };
    expect(SECTIONS.status.build(sources({ status }), ctx)).toEqual({
      id: 'status',
      heading: '**Status**: 🔧 Service under maintenance',
      lines: ['• **Public API** — under maintenance since 07:00'],
      tone: 'warning',
    });
  });

  it('the card keeps the configured order, drops repeats and takes the most urgent tone', () => {
    const views = sources({ incidents: incidentsView([incident({ severity: 'sev1' })]), status: { overall: () => 'none', components: () => [], monitors: () => [] } });
    const sections = buildSections(['monitors', 'incidents', 'status', 'incidents'], views, ctx);
    expect(sections.map((s) => s.id)).toEqual(['monitors', 'incidents', 'status']);
    const c = briefingCard('Northwind briefing', sections, ctx);
    expect(c.tone).toBe('danger');
    expect(cardToText(c).split('\n')).toEqual([
      '☀️ Northwind briefing · Mon 30 Nov',
      'Monitors: ✅ all passing',
      '—',
      'Open incidents (1)',
      '• 🔴 INC-1 sev1 · Checkout down — investigating, 2h 00m old, no commander',
      '—',
      'Status: 🟢 All systems operational',
      'As of Mon 30 Nov 08:00 GMT+1 · briefing posts it again',
    ]);
    expect(cardCommands(briefingCard('x', buildSections([], views, ctx), ctx))).toEqual([]);
  });
});
