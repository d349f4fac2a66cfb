// The unit of every on-call computation: who is on call from `start` to `end` (epoch ms,
// half-open), and why (`source`: a layer name or an override id). Pure helpers to stack
// layers, apply overrides and merge neighbours.

export interface Segment {
  start: number;
  end: number;
  personId: string;
  /** The layer name, or the override id (`OVR-3`) that put this person here. */
  source: string;
}

/** Overrides and accepted swaps, as the timeline needs them. */
export interface OverrideSpan {
  id: string;
  start: number;
  end: number;
  personId: string;
  /** Only where this person is on call (a swap); absent: the whole span (an override). */
  replaces?: string;
}

/**
 * Combines layers (each sorted, non-overlapping) so a higher layer (later in the list) wins
 * wherever it has someone; where it has nobody, the layers below show through.
 */
export function stackLayers(layers: Segment[][]): Segment[] {
  if (layers.length === 1) return layers[0];
  const bounds = [...new Set(layers.flatMap((l) => l.flatMap((s) => [s.start, s.end])))].sort((a, b) => a - b);
  const cursor = layers.map(() => 0);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const a = bounds[i];
    const b = bounds[i + 1];
    let top: Segment | undefined;
    for (let l = layers.length - 1; l >= 0 && !top; l--) {
      const segs = layers[l];
      while (cursor[l] < segs.length && segs[cursor[l]].end <= a) cursor[l]++;
      const s = segs[cursor[l]];
      if (s && s.start <= a && s.end >= b) top = s;
    }
    if (top) pushMerged(out, { start: a, end: b, personId: top.personId, source: top.source });
  }
  return out;
}

/** Appends, joining with the previous segment when it is the same person from the same source. */
function pushMerged(out: Segment[], s: Segment): void {
  const prev = out[out.length - 1];
  if (prev && prev.end === s.start && prev.personId === s.personId && prev.source === s.source) prev.end = s.end;
  else out.push({ ...s });
}

/** Cuts [start, end) out of a sorted timeline. */
function cut(timeline: Segment[], start: number, end: number): Segment[] {
  const out: Segment[] = [];
  for (const s of timeline) {
    if (s.end <= start || s.start >= end) out.push(s);
    else {
      if (s.start < start) out.push({ ...s, end: start });
      if (s.end > end) out.push({ ...s, start: end });
    }
  }
  return out;
}

/** Applies overrides in order (a later one wins), each clipped to [from, to). */
export function applyOverrides(base: Segment[], overrides: OverrideSpan[], from: number, to: number): Segment[] {
  let timeline = base;
  for (const o of overrides) {
    const start = Math.max(o.start, from);
    const end = Math.min(o.end, to);
    if (end <= start) continue;
    if (o.replaces === undefined) {
      timeline = cut(timeline, start, end);
      timeline.push({ start, end, personId: o.personId, source: o.id });
      timeline.sort((a, b) => a.start - b.start);
      continue;
    }
    const next: Segment[] = [];
    for (const s of timeline) {
      if (s.personId !== o.replaces || s.end <= start || s.start >= end) {
        next.push(s);
        continue;
      }
      const a = Math.max(s.start, start);
      const b = Math.min(s.end, end);
      if (s.start < a) next.push({ ...s, end: a });
      next.push({ start: a, end: b, personId: o.personId, source: o.id });
      if (b < s.end) next.push({ ...s, start: b });
    }
    timeline = next;
  }
  const out: Segment[] = [];
  for (const s of timeline) pushMerged(out, s);
  return out;
}

/** Joins neighbours of the same person whatever their source (for "until when"). */
export function mergeByPerson(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const prev = out[out.length - 1];
    if (prev && prev.end === s.start && prev.personId === s.personId) prev.end = s.end;
    else out.push({ ...s });
  }
  return out;
}

/** The parts of `segments` inside the union of `windows` (both sorted). */
export function intersect(segments: Segment[], windows: Array<[number, number]>): Segment[] {
  const out: Segment[] = [];
  let w = 0;
  for (const s of segments) {
    while (w < windows.length && windows[w][1] <= s.start) w++;
    for (let i = w; i < windows.length && windows[i][0] < s.end; i++) {
      const a = Math.max(s.start, windows[i][0]);
      const b = Math.min(s.end, windows[i][1]);
      if (b > a) out.push({ ...s, start: a, end: b });
    }
  }
  return out;
}
