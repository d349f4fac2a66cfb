// A stand-in for the on-call skill's view (built in parallel): registered with vi.spyOn on
// `queries.get`, so after the merge the real skill's `provide` takes its place untouched.
import { vi } from 'vitest';
import type { OnCallQueries, OnCallShift, PageView, QueryRegistry } from '../../../src/core/queries.js';

export interface FakeOnCall {
  shifts?: Record<string, OnCallShift | undefined>;
  handoffs?: ReturnType<OnCallQueries['handoffs']>;
  pages?: PageView[];
}

export function fakeOnCall(queries: QueryRegistry, data: FakeOnCall): OnCallQueries {
  const view: OnCallQueries = {
    onCall: (scheduleId) => data.shifts?.[scheduleId],
    firstResponders: () => [],
    handoffs: (from, to) => (data.handoffs ?? []).filter((h) => h.at >= from && h.at < to),
    pages: () => data.pages ?? [],
  };
  const real = queries.get.bind(queries);
  vi.spyOn(queries, 'get').mockImplementation(((name: Parameters<QueryRegistry['get']>[0]) => (name === 'oncall' ? view : real(name))) as QueryRegistry['get']);
  return view;
}

export const page = (over: Partial<PageView> & Pick<PageView, 'id'>): PageView => ({
  summary: 'API 5xx above 5%',
  severity: 2,
  status: 'triggered',
  createdAt: '2026-11-23T06:10:00.000Z',
  ...over,
});
