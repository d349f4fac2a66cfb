// Exactly once, or an honest "try again": every delivery is claimed before acting. A claim the
// store could not record is neither a first delivery nor a repeat, so nothing is done and the
// person is told to try again (Discord never redelivers an interaction by itself).
import type { Deduper } from '../../core/dedupe.js';
import type { Logger } from '../../core/ports.js';

export type ClaimResult = 'first' | 'repeat' | 'unrecorded';

export const UNRECORDED_TEXT = '⚠️ Switchboard could not record this request, so nothing was done. Please try again in a moment.';

/** Claims a delivery id; never throws. */
export async function claimDelivery(dedupe: Deduper, id: string, log: Logger): Promise<ClaimResult> {
  try {
    return (await dedupe.claim(id)) ? 'first' : 'repeat';
  } catch (e) {
    log.error({ err: { message: (e as Error).message }, delivery: id }, 'discord: the delivery claim could not be stored; nothing done');
    return 'unrecorded';
  }
}
