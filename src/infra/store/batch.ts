// One group commit: which collections staged changes and whether the sequence file must be
// written. Collections keep their own pending overlay (only one batch runs at a time), so the
// batch only needs to know whom to ask for files and whom to tell the outcome.

/** A collection with pending changes in the running batch. */
export interface BatchParticipant {
  /** The file writes for this batch, split in the two phases of commit-plan.ts. */
  prepare(): { first: Array<() => Promise<void>>; second: Array<() => Promise<void>> };
  /** Every write of the batch is durable: pending changes become visible. */
  committed(): void;
  /** A write failed: pending changes are dropped, files written so far are rewritten next time. */
  aborted(): void;
}

/** The running batch. */
export class Batch {
  readonly participants = new Set<BatchParticipant>();
  /** A sequence number was handed out: `_sequences.json` is written before any record. */
  sequences = false;
}
