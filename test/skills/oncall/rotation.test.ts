// Rotations across daylight-saving changes, restrictions, layers, overrides and swaps —
// pure functions, checked against local wall-clock times in each zone.
import { DateTime, Settings } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../src/core/config/index.js';
import { layerSegments, type LayerSpec } from '../../../src/skills/oncall/rotation.js';
import { buildRotations } from '../../../src/skills/oncall/schedule.js';
import { applyOverrides, type Segment } from '../../../src/skills/oncall/segments.js';

const H = 3_600_000;
const D = 24 * H;
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
/** Each segment as `start→end person` in local time. */
const show = (segs: Segment[], zone: string) => segs.map((s) => `${local(s.start, zone)}→${local(s.end, zone)} ${s.personId}`);
const hours = (s: Segment) => (s.end - s.start) / H;

function layer(p: Partial<LayerSpec> & Pick<LayerSpec, 'zone' | 'start' | 'shiftMs'>): LayerSpec {
  return { name: 'main', members: ['a', 'b', 'c'], handoff: 9 * 60, ...p };
}

describe('daily and weekly rotations keep their wall-clock handoff across DST', () => {
  const cases = [
    // zone, change day, [from, to) local, shift, handoff, expected length of the shift over the change
    { zone: 'Europe/Berlin', what: 'spring forward (29 Mar 2026)', start: '2026-03-27', from: '2026-03-27T09:00', to: '2026-03-31T09:00', changeShiftHours: 23 },
    { zone: 'Europe/Berlin', what: 'fall back (25 Oct 2026)', start: '2026-10-23', from: '2026-10-23T09:00', to: '2026-10-27T09:00', changeShiftHours: 25 },
    { zone: 'America/New_York', what: 'spring forward (8 Mar 2026)', start: '2026-03-06', from: '2026-03-06T09:00', to: '2026-03-10T09:00', changeShiftHours: 23 },
    { zone: 'America/New_York', what: 'fall back (1 Nov 2026)', start: '2026-10-30', from: '2026-10-30T09:00', to: '2026-11-03T09:00', changeShiftHours: 25 },
    { zone: 'Australia/Sydney', what: 'fall back (5 Apr 2026)', start: '2026-04-03', from: '2026-04-03T09:00', to: '2026-04-07T09:00', changeShiftHours: 25 },
    { zone: 'Australia/Sydney', what: 'spring forward (4 Oct 2026)', start: '2026-10-02', from: '2026-10-02T09:00', to: '2026-10-06T09:00', changeShiftHours: 23 },
  ];
  for (const c of cases) {
    it(`daily at 09:00 in ${c.zone}, ${c.what}`, () => {
      const segs = layerSegments(layer({ zone: c.zone, start: c.start, shiftMs: D }), at(c.from, c.zone), at(c.to, c.zone));
      expect(show(segs, c.zone)).toEqual([0, 1, 2, 3].map((i) => {
        const a = DateTime.fromISO(c.from, { zone: c.zone }).plus({ days: i });
        return `${a.toFormat("yyyy-MM-dd'T'HH:mm")}→${a.plus({ days: 1 }).toFormat("yyyy-MM-dd'T'HH:mm")} ${'abc'[i % 3]}`;
      }));
      expect(segs.map(hours)).toEqual([24, c.changeShiftHours, 24, 24]);
    });
  }

  it('weekly on Monday 10:00 in New York over both changes of 2026', () => {
    const zone = 'America/New_York';
    const l = layer({ zone, start: '2026-03-02', shiftMs: 7 * D, handoff: 10 * 60, members: ['dave', 'erin'] });
    const segs = layerSegments(l, at('2026-03-02T10:00', zone), at('2026-11-30T10:00', zone));
    expect(segs).toHaveLength(39);
    for (const s of segs) {
      expect(DateTime.fromMillis(s.start, { zone }).toFormat('ccc HH:mm')).toBe('Mon 10:00');
      expect(DateTime.fromMillis(s.end, { zone }).toFormat('ccc HH:mm')).toBe('Mon 10:00');
    }
    expect(segs.map(hours).filter((h) => h !== 168)).toEqual([167, 169]);
    expect(show([segs[1], segs[35]], zone)).toEqual(['2026-03-09T10:00→2026-03-16T10:00 erin', '2026-11-02T10:00→2026-11-09T10:00 erin']);
  });

  it('weekly on Monday 09:00 in Berlin and Sydney: the week over the change is an hour shorter or longer', () => {
    const berlin = layerSegments(layer({ zone: 'Europe/Berlin', start: '2026-03-23', shiftMs: 7 * D }), at('2026-03-23T09:00', 'Europe/Berlin'), at('2026-04-06T09:00', 'Europe/Berlin'));
    expect(show(berlin, 'Europe/Berlin')).toEqual(['2026-03-23T09:00→2026-03-30T09:00 a', '2026-03-30T09:00→2026-04-06T09:00 b']);
    expect(berlin.map(hours)).toEqual([167, 168]);
    const sydney = layerSegments(layer({ zone: 'Australia/Sydney', start: '2026-09-28', shiftMs: 7 * D }), at('2026-09-28T09:00', 'Australia/Sydney'), at('2026-10-12T09:00', 'Australia/Sydney'));
    expect(show(sydney, 'Australia/Sydney')).toEqual(['2026-09-28T09:00→2026-10-05T09:00 a', '2026-10-05T09:00→2026-10-12T09:00 b']);
    expect(sydney.map(hours)).toEqual([167, 168]);
  });

  it('12h shifts hand off at 09:00 and 21:00 local on both sides of the change', () => {
    const zone = 'Europe/Berlin';
    const segs = layerSegments(layer({ zone, start: '2026-10-24', shiftMs: 12 * H, members: ['a', 'b'] }), at('2026-10-24T09:00', zone), at('2026-10-26T09:00', zone));
    expect(show(segs, zone)).toEqual([
      '2026-10-24T09:00→2026-10-24T21:00 a',
      '2026-10-24T21:00→2026-10-25T09:00 b',
      '2026-10-25T09:00→2026-10-25T21:00 a',
      '2026-10-25T21:00→2026-10-26T09:00 b',
    ]);
    expect(segs.map(hours)).toEqual([12, 13, 12, 12]);
  });

  it('a handoff at a local time that does not exist moves past the gap; one that occurs twice is not doubled', () => {
    const zone = 'Europe/Berlin';
    const spring = layerSegments(layer({ zone, start: '2026-03-27', shiftMs: D, handoff: 2 * 60 + 30 }), at('2026-03-28T02:30', zone), at('2026-03-30T02:30', zone));
    expect(show(spring, zone)).toEqual(['2026-03-28T02:30→2026-03-29T03:30 b', '2026-03-29T03:30→2026-03-30T02:30 c']);
    expect(spring.map(hours)).toEqual([24, 23]);
    // 02:30 happens twice on 25 Oct: the handoff is the first one (still summer time).
    const autumn = layerSegments(layer({ zone, start: '2026-10-23', shiftMs: D, handoff: 2 * 60 + 30 }), Date.parse('2026-10-24T00:30:00Z'), Date.parse('2026-10-26T01:30:00Z'));
    expect(autumn.map((s) => new Date(s.start).toISOString())).toEqual(['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z']);
    expect(autumn.map(hours)).toEqual([24, 25]);
  });

  it('gives the same handoffs whatever the season it is computed in', () => {
    const zone = 'Europe/Berlin';
    const compute = () => layerSegments(layer({ zone, start: '2026-10-23', shiftMs: 12 * H, handoff: 2 * 60 + 30 }), at('2026-10-23T00:00', zone), at('2026-10-27T00:00', zone));
    const real = Settings.now;
    try {
      Settings.now = () => Date.parse('2026-07-01T00:00:00Z');
      const summer = compute();
      Settings.now = () => Date.parse('2026-12-01T00:00:00Z');
      expect(compute()).toEqual(summer);
    } finally {
      Settings.now = real;
    }
  });

  it('nobody is on call before the rotation starts; the first member starts it', () => {
    const zone = 'Europe/Berlin';
    const segs = layerSegments(layer({ zone, start: '2026-11-23', shiftMs: D }), at('2026-11-20T00:00', zone), at('2026-11-24T00:00', zone));
    expect(show(segs, zone)).toEqual(['2026-11-23T09:00→2026-11-24T00:00 a']);
  });
});

describe('restrictions', () => {
  it('keeps a daily layer only inside weekday 09–17 windows, across the spring change', () => {
    const zone = 'Europe/Berlin';
    const l = layer({ zone, start: '2026-03-23', shiftMs: D, handoff: 0, restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: 9 * 60, to: 17 * 60 }] });
    const segs = layerSegments(l, at('2026-03-27T00:00', zone), at('2026-03-31T00:00', zone));
    expect(show(segs, zone)).toEqual(['2026-03-27T09:00→2026-03-27T17:00 b', '2026-03-30T09:00→2026-03-30T17:00 b']);
  });

  it('a window that crosses midnight runs into the next day; a full-day window covers 24 h', () => {
    const zone = 'America/New_York';
    const l = layer({ zone, start: '2026-11-02', shiftMs: 7 * D, members: ['x'], restrictions: [{ days: ['fri'], from: 22 * 60, to: 6 * 60 }, { days: ['sun'], from: 0, to: 0 }] });
    const segs = layerSegments(l, at('2026-11-02T09:00', zone), at('2026-11-09T09:00', zone));
    expect(show(segs, zone)).toEqual(['2026-11-06T22:00→2026-11-07T06:00 x', '2026-11-08T00:00→2026-11-09T00:00 x']);
  });
});

describe('schedules from the config: layers, overrides, swaps', () => {
  const config = parseConfigText(
    `
people: [{ id: dave, name: Dave }, { id: erin, name: Erin }, { id: frank, name: Frank }, { id: gina, name: Gina }]
schedules:
  - id: pay
    timezone: America/New_York
    layers:
      - { name: weekly, members: [dave, erin], shift: 1w, handoff: "10:00", start: 2026-11-02 }
      - name: eu-daytime
        members: [frank]
        shift: 1d
        handoff: "03:00"
        start: 2026-11-02
        restrictions: [{ days: [mon, tue, wed, thu, fri], from: "03:00", to: "11:00" }]
`,
    {},
  );
  const pay = buildRotations(config).get('pay')!;
  const zone = 'America/New_York';

  it('a higher layer wins where it has someone and the lower one shows through elsewhere', () => {
    const segs = pay.segments(at('2026-11-06T00:00', zone), at('2026-11-10T00:00', zone));
    expect(show(segs, zone)).toEqual([
      '2026-11-06T00:00→2026-11-06T03:00 dave',
      '2026-11-06T03:00→2026-11-06T11:00 frank',
      '2026-11-06T11:00→2026-11-09T03:00 dave',
      '2026-11-09T03:00→2026-11-09T11:00 frank',
      '2026-11-09T11:00→2026-11-10T00:00 erin',
    ]);
    expect(segs.map((s) => s.source)).toEqual(['weekly', 'eu-daytime', 'weekly', 'eu-daytime', 'weekly']);
  });

  it('an override covers its whole span, gaps included, and a later override wins', () => {
    const overrides = [
      { id: 'OVR-1', start: at('2026-11-06T02:00', zone), end: at('2026-11-06T20:00', zone), personId: 'gina' },
      { id: 'OVR-2', start: at('2026-11-06T12:00', zone), end: at('2026-11-06T13:00', zone), personId: 'erin' },
    ];
    const segs = pay.segments(at('2026-11-06T00:00', zone), at('2026-11-07T00:00', zone), overrides);
    expect(show(segs, zone)).toEqual([
      '2026-11-06T00:00→2026-11-06T02:00 dave',
      '2026-11-06T02:00→2026-11-06T12:00 gina',
      '2026-11-06T12:00→2026-11-06T13:00 erin',
      '2026-11-06T13:00→2026-11-06T20:00 gina',
      '2026-11-06T20:00→2026-11-07T00:00 dave',
    ]);
  });

  it('an accepted swap replaces only the requester, leaving the other layer in place', () => {
    const swap = { id: 'OVR-3', start: at('2026-11-05T00:00', zone), end: at('2026-11-07T00:00', zone), personId: 'gina', replaces: 'dave' };
    const segs = pay.shifts(at('2026-11-05T00:00', zone), at('2026-11-07T00:00', zone), [swap]);
    expect(show(segs, zone)).toEqual([
      '2026-11-05T00:00→2026-11-05T03:00 gina',
      '2026-11-05T03:00→2026-11-05T11:00 frank',
      '2026-11-05T11:00→2026-11-06T03:00 gina',
      '2026-11-06T03:00→2026-11-06T11:00 frank',
      '2026-11-06T11:00→2026-11-07T00:00 gina',
    ]);
  });

  it('overrides apply across the autumn change in wall-clock terms', () => {
    const base: Segment[] = [{ start: at('2026-10-31T10:00', zone), end: at('2026-11-02T10:00', zone), personId: 'dave', source: 'weekly' }];
    const out = applyOverrides(base, [{ id: 'OVR-9', start: at('2026-11-01T00:00', zone), end: at('2026-11-02T00:00', zone), personId: 'erin' }], base[0].start, base[0].end);
    expect(show(out, zone)).toEqual(['2026-10-31T10:00→2026-11-01T00:00 dave', '2026-11-01T00:00→2026-11-02T00:00 erin', '2026-11-02T00:00→2026-11-02T10:00 dave']);
    expect(hours(out[1])).toBe(25);
  });

  it('around() finds the whole turn and the next one, joining layers of the same person', () => {
    const { current, next } = pay.around(at('2026-11-07T12:00', zone));
    expect(show([current!, next!], zone)).toEqual(['2026-11-06T11:00→2026-11-09T03:00 dave', '2026-11-09T03:00→2026-11-09T11:00 frank']);
  });
});
