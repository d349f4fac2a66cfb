import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../../src/skills/status/model.js';
import { dayFigures, formatUptime, lastDays, segments, uptimeOfMs, uptimeOver } from '../../../src/skills/status/uptime.js';

const ev = (at: string, from: HistoryEvent['from'], to: HistoryEvent['to']): HistoryEvent => ({ id: at, componentId: 'api', from, to, at, reason: 'manual' });
const H = 3_600_000;

describe('uptime arithmetic', () => {
  it('lists the last n days in the zone, oldest first, with 25-hour and 23-hour days across DST', () => {
    const days = lastDays(new Date('2026-10-26T12:00:00Z'), 'Europe/Berlin', 3);
    expect(days.map((d) => d.key)).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
    expect(days.map((d) => (d.end - d.start) / H)).toEqual([24, 25, 24]);
    const spring = lastDays(new Date('2026-03-29T12:00:00Z'), 'Europe/Berlin', 1);
    expect((spring[0].end - spring[0].start) / H).toBe(23);
    expect(lastDays(new Date('2026-11-21T23:30:00Z'), 'Europe/Berlin', 1)[0].key).toBe('2026-11-22');
  });

  it('rebuilds status over time from the history, also when older events were pruned', () => {
    const start = Date.parse('2026-11-21T00:00:00Z');
    const end = Date.parse('2026-11-21T12:00:00Z');
    const events = [ev('2026-11-21T02:00:00Z', 'major_outage', 'operational'), ev('2026-11-21T06:00:00Z', 'operational', 'partial_outage')];
    // The first event says it was a major outage before 02:00, though the change into it was pruned.
    expect(segments(events, 'partial_outage', start, end).map((s) => [s.status, (s.to - s.from) / H])).toEqual([
      ['major_outage', 2],
      ['operational', 4],
      ['partial_outage', 6],
    ]);
    expect(segments([], 'degraded_performance', start, end)).toEqual([{ from: start, to: end, status: 'degraded_performance' }]);
  });

  it('weighs a major outage fully, a partial outage at 30 %, degraded and maintenance not at all', () => {
    const base = { operational: 0, degraded_performance: 0, partial_outage: 0, major_outage: 0, under_maintenance: 0 };
    expect(uptimeOfMs({ ...base, operational: 23 * H, major_outage: 1 * H })).toBeCloseTo(23 / 24, 10);
    expect(uptimeOfMs({ ...base, operational: 14 * H, partial_outage: 10 * H })).toBeCloseTo(1 - 3 / 24, 10);
    expect(uptimeOfMs({ ...base, degraded_performance: 12 * H, under_maintenance: 12 * H })).toBe(1);
    expect(uptimeOfMs(base)).toBeUndefined();
  });

  it('gives each day its worst status, its time per status and uptime; no data before tracking began', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    const days = lastDays(now, 'UTC', 4); // 18th … 21st
    const events = [ev('2026-11-19T10:00:00Z', 'operational', 'major_outage'), ev('2026-11-19T11:00:00Z', 'major_outage', 'degraded_performance'), ev('2026-11-20T00:00:00Z', 'degraded_performance', 'operational')];
    const checks = [{ id: 'm:2026-11-21', monitorId: 'm', componentId: 'api', day: '2026-11-21', up: 700, down: 20, totalMs: 36_000, worst: 'operational' as const }];
    const figs = dayFigures(days, { events, current: 'operational', createdAt: '2026-11-19T00:00:00Z', checks }, now);
    expect(figs.map((f) => f.worst)).toEqual(['nodata', 'major_outage', 'operational', 'operational']);
    expect(figs[0].uptime).toBeUndefined();
    expect(figs[1].ms.major_outage).toBe(1 * H);
    expect(figs[1].ms.degraded_performance).toBe(13 * H);
    expect(figs[1].uptime).toBeCloseTo(23 / 24, 10);
    expect(figs[3].tracked).toBe(12 * H); // today, so far
    expect(figs[3].checks).toEqual({ up: 700, down: 20, avgMs: 50 });
    // Over the tracked time only: 1 h down of 24 + 24 + 12 h.
    expect(uptimeOver(figs)).toBeCloseTo(1 - 1 / 60, 10);
  });

  it('colours a day by a monitor’s worst status even when no component change lasted', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    const figs = dayFigures(lastDays(now, 'UTC', 1), { events: [], current: 'operational', createdAt: '2026-11-01T00:00:00Z', checks: [{ id: 'x', monitorId: 'm', componentId: 'api', day: '2026-11-21', up: 5, down: 3, totalMs: 80, worst: 'partial_outage' }] }, now);
    expect(figs[0].worst).toBe('partial_outage');
    expect(figs[0].uptime).toBe(1);
  });

  it('prints uptime truncated, so any downtime never reads 100 %', () => {
    expect(formatUptime(1)).toBe('100.00 %');
    expect(formatUptime(0.99999)).toBe('99.99 %');
    expect(formatUptime(0.95833)).toBe('95.83 %');
    expect(formatUptime(undefined)).toBe('no data');
  });
});
