// Exactly-once delivery: platforms retry (Slack's x-slack-retry-num, repeated interaction
// ids), so adapters claim each delivery id here before acting. Claims are durable, so a
// retry that arrives after a restart is still recognised.
import { z } from 'zod';
import type { Clock, Collection, Store } from './ports.js';

const ClaimSchema = z.object({ id: z.string(), at: z.string() });
type Claim = z.infer<typeof ClaimSchema>;

const KEEP_MS = 24 * 3_600_000;

export class Deduper {
  private readonly inFlight = new Set<string>();
  private constructor(
    private readonly col: Collection<Claim>,
    private readonly clock: Clock,
  ) {}

  static async open(store: Store, clock: Clock): Promise<Deduper> {
    // Hourly files: a claim rewrites only this hour's deliveries, not the whole day's.
    return new Deduper(await store.collection('deliveries', { schema: ClaimSchema, partition: (c) => c.at.slice(0, 13) }), clock);
  }

  /**
   * True the first time a delivery id is seen (within a day); false for every repeat.
   * Rejects when the claim cannot be stored, so the caller answers "try again" instead of
   * pretending the delivery was a repeat.
   */
  async claim(deliveryId: string): Promise<boolean> {
    if (this.inFlight.has(deliveryId) || this.col.get(deliveryId)) return false;
    this.inFlight.add(deliveryId);
    try {
      await this.col.insert({ id: deliveryId, at: this.clock.now().toISOString() });
      return true;
    } catch (e) {
      if (this.col.get(deliveryId)) return false;
      throw e;
    } finally {
      this.inFlight.delete(deliveryId);
    }
  }

  /** Forgets claims older than a day (called by a daily job). */
  async prune(): Promise<number> {
    const cutoff = this.clock.now().getTime() - KEEP_MS;
    const old = this.col.filter((c) => Date.parse(c.at) < cutoff);
    await Promise.all(old.map((c) => this.col.delete(c.id)));
    return old.length;
  }
}
