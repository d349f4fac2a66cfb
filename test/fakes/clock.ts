// A clock tests move by hand.
import type { Clock } from '../../src/core/clock.js';
import { parseDuration } from '../../src/core/time.js';

export class FakeClock implements Clock {
  private t: number;
  constructor(start: string | Date = '2026-11-21T09:00:00Z') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  set(at: string | Date): void {
    this.t = new Date(at).getTime();
  }
  /** Moves forward by milliseconds or a duration like `30m`. */
  advance(by: number | string): void {
    const ms = typeof by === 'number' ? by : parseDuration(by);
    if (ms === undefined) throw new Error(`bad duration ${by}`);
    this.t += ms;
  }
}
