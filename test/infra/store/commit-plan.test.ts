import { describe, expect, it } from 'vitest';
import { planCommit } from '../../../src/infra/store/commit-plan.js';
import type { Entry } from '../../../src/infra/store/partition-file.js';

type R = { id: string };
const e = (id: string, partition: string, ordinal: number, stamp = 1): Entry<R> => ({ id, record: { id }, partition, ordinal, stamp });

function state(entries: Entry<R>[]) {
  const byId = new Map(entries.map((x) => [x.id, x]));
  const byPartition = new Map<string, Map<string, Entry<R>>>();
  for (const x of entries) {
    if (!byPartition.has(x.partition)) byPartition.set(x.partition, new Map());
    byPartition.get(x.partition)!.set(x.id, x);
  }
  return { byId, byPartition };
}

const ids = (w: { partition: string; entries: Entry<R>[] }) => `${w.partition}:${w.entries.map((x) => x.id).join(',')}`;

describe('planCommit', () => {
  it('an in-place update rewrites only its partition, once', () => {
    const s = state([e('a', 'open', 1), e('b', '2026-01', 2), e('c', 'open', 3)]);
    const plan = planCommit(s.byPartition, s.byId, new Map([['a', e('a', 'open', 1, 2)]]));
    expect(plan.first.map(ids)).toEqual(['open:a,c']);
    expect(plan.second).toEqual([]);
  });

  it('a move writes the destination first, then the source without it', () => {
    const s = state([e('a', 'open', 1), e('b', '2026-01', 2), e('c', 'open', 3)]);
    const plan = planCommit(s.byPartition, s.byId, new Map([['c', e('c', '2026-01', 3, 2)]]));
    expect(plan.first.map(ids)).toEqual(['2026-01:b,c']);
    expect(plan.second.map(ids)).toEqual(['open:a']);
  });

  it('crossing moves keep a copy of each record on disk at every step', () => {
    const s = state([e('a', 'p', 1), e('b', 'q', 2)]);
    const plan = planCommit(
      s.byPartition,
      s.byId,
      new Map([
        ['a', e('a', 'q', 1, 2)],
        ['b', e('b', 'p', 2, 2)],
      ]),
    );
    expect(plan.first.map(ids).sort()).toEqual(['p:a,b', 'q:a,b']);
    expect(plan.second.map(ids).sort()).toEqual(['p:b', 'q:a']);
  });

  it('sorts moved-in records by insertion ordinal and drops deletes', () => {
    const s = state([e('a', 'arch', 1), e('b', 'open', 2), e('c', 'arch', 3), e('d', 'arch', 4)]);
    const plan = planCommit(
      s.byPartition,
      s.byId,
      new Map([
        ['b', e('b', 'arch', 2, 2)],
        ['d', null],
      ]),
    );
    expect(plan.first.map(ids)).toEqual(['arch:a,b,c']);
    expect(plan.second.map(ids)).toEqual(['open:']);
  });

  it('a record deleted and created again in one batch moves to the end', () => {
    const s = state([e('a', 'open', 1), e('b', 'open', 2)]);
    const plan = planCommit(s.byPartition, s.byId, new Map([['a', e('a', 'open', 3, 2)]]));
    expect(plan.first.map(ids)).toEqual(['open:b,a']);
  });

  it('also rewrites partitions left suspect by a failed batch', () => {
    const s = state([e('a', 'open', 1), e('b', 'x', 2)]);
    const plan = planCommit(s.byPartition, s.byId, new Map([['a', e('a', 'open', 1, 2)]]), ['x']);
    expect(plan.first.map(ids)).toEqual(['open:a', 'x:b']);
  });
});
