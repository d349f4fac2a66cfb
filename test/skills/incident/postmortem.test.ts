// The postmortem Markdown, pure: sections, times in the team's zone, durations, timeline in
// time order, contributing changes, and user text that cannot break the tables.
import { describe, expect, it } from 'vitest';
import type { ActorRef } from '../../../src/core/types.js';
import { postmortemMarkdown, type PostmortemInput } from '../../../src/skills/incident/postmortem.js';
import { severityTable } from '../../../src/skills/incident/severities.js';
import * as t from '../../../src/skills/incident/transitions.js';
import { exampleConfig } from '../../helpers/config.js';

const dave: ActorRef = { platform: 'teams', userId: '29:1dave-northwind', personId: 'dave', name: 'Dave Kowalski' };
const T0 = new Date('2026-07-01T13:00:00Z');
const at = (min: number) => new Date(T0.getTime() + min * 60_000);
const names: Record<string, string> = { dave: 'Dave Kowalski', erin: 'Erin Alvarez' };

function incident() {
  let i = t.declare({ id: 'INC-12', title: 'Card payments | declined', severity: 'sev2', serviceId: 'payments', teamId: 'payments', private: false, channelName: 'inc-12', members: ['dave'], accounts: [], by: dave, now: T0 });
  i = t.acknowledgePage(i, { id: 'PAGE-3', at: at(4), by: { ...dave, name: 'Erin Alvarez', personId: 'erin' } });
  i = t.assignRole(i, 'commander', { id: 'erin', name: 'Erin Alvarez' }, { by: dave, now: at(5) });
  i = t.changeSeverity(i, 'sev1', { by: dave, now: at(8) });
  i = t.updateStatus(i, 'identified', 'Acquirer rejects | all\nvisa cards', { by: dave, now: at(15) });
  i = t.pinMessage(i, { key: 'teams:c:1', text: 'Acquirer status page is red', author: { name: 'Erin Alvarez', personId: 'erin' }, at: at(2) }, { by: dave, now: at(20) });
  i = t.updateStatus(i, 'monitoring', 'Failed over to the backup acquirer', { by: dave, now: at(40) });
  return t.resolve(i, 'Acquirer outage; failover worked.', { by: dave, now: at(95) });
}

const input = (over: Partial<PostmortemInput> = {}): PostmortemInput => ({
  severities: severityTable(exampleConfig()),
  serviceName: (id) => (id === 'payments' ? 'Payment processing' : id),
  name: (id) => names[id] ?? id,
  teamName: 'Payments',
  zone: 'America/New_York',
  now: at(120),
  changes: [],
  ...over,
});

describe('postmortem markdown', () => {
  it('has every section, with times in the team zone and the key durations', () => {
    const md = postmortemMarkdown(incident(), input());
    expect(md.split('\n')[0]).toBe('# Postmortem: INC-12 — Card payments | declined');
    expect(md).toContain('- **Severity:** sev1 (Critical)');
    expect(md).toContain('- **Declared:** 2026-07-01 09:00 EDT by Dave Kowalski (teams)');
    expect(md).toContain('## Summary\n\nAcquirer outage; failover worked.\n');
    expect(md).toContain('| Acknowledged | 2026-07-01 09:04 EDT | 4m |');
    expect(md).toContain('| Mitigated | 2026-07-01 09:40 EDT | 40m |');
    expect(md).toContain('| Resolved | 2026-07-01 10:35 EDT | 1h 35m |');
    expect(md).toContain('- **Time to resolve:** 1h 35m');
    expect(md).toContain('- 2026-07-01 09:00 EDT — declared as sev2 (Major) by Dave Kowalski\n- 2026-07-01 09:08 EDT — changed to sev1 (Critical) by Dave Kowalski');
    expect(md).toContain('- **commander:** Erin Alvarez\n- **comms:** unassigned\n- **scribe:** unassigned');
    expect(md).toContain('_No changes on Payment processing in the 24 hours before the incident._');
    expect(md).toContain('- [ ] _Action item — owner — due date_');
  });

  it('lists the timeline in time order; user text cannot break a table row', () => {
    const md = postmortemMarkdown(incident(), input());
    const rows = md.slice(md.indexOf('## Timeline (America/New_York)')).split('\n').filter((l) => l.startsWith('| 2026'));
    expect(rows).toEqual([
      '| 2026-07-01 09:00 EDT | Dave Kowalski (teams) | Declared sev2: Card payments \\| declined |',
      '| 2026-07-01 09:02 EDT | Dave Kowalski (teams) | 📌 Erin Alvarez: Acquirer status page is red |',
      '| 2026-07-01 09:04 EDT | Erin Alvarez (teams) | PAGE-3 acknowledged by Erin Alvarez |',
      '| 2026-07-01 09:05 EDT | Dave Kowalski (teams) | Erin Alvarez is commander |',
      '| 2026-07-01 09:08 EDT | Dave Kowalski (teams) | Severity sev2 → sev1 |',
      '| 2026-07-01 09:15 EDT | Dave Kowalski (teams) | identified: Acquirer rejects \\| all visa cards |',
      '| 2026-07-01 09:40 EDT | Dave Kowalski (teams) | monitoring: Failed over to the backup acquirer |',
      '| 2026-07-01 10:35 EDT | Dave Kowalski (teams) | resolved: Acquirer outage; failover worked. |',
    ]);
  });

  it('says why changes are missing, and marks an open incident as a draft', () => {
    const open = t.declare({ id: 'INC-13', title: 'Slow', severity: 'sev3', private: true, channelName: 'inc-13', members: [], accounts: [], by: dave, now: T0 });
    const md = postmortemMarkdown(open, input({ changes: undefined }));
    expect(md).toContain('> **Draft:** INC-13 is still investigating; times and timeline are as of 2026-07-01 11:00 EDT.');
    expect(md).toContain('_No service was named for this incident, so no changes are linked._');
    expect(md).toContain('- **Time to resolve:** not resolved yet');
    expect(md).toContain('- **Visibility:** private');
    expect(postmortemMarkdown(incident(), input({ changes: undefined }))).toContain('_Change history is not available (the change skill is not running)._');
  });
});
