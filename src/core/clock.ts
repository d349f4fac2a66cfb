// The Clock port and the system clock. Everything that needs "now" takes a Clock so tests
// can travel in time; only this file reads the real time.

/** Source of the current time. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};
