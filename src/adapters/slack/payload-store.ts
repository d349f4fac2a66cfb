// Durable home of slot values too long for Slack (slots.ts): a button's command or form, an
// option's value, a modal's metadata. Stored before the message that refers to them is sent,
// so a click days later (or after a restart) still finds them.
import { z } from 'zod';
import type { Clock, Collection, Store } from '../../core/ports.js';
import type { Overflow } from './slots.js';

const PayloadSchema = z.object({ id: z.string(), value: z.string(), at: z.string() });
type Payload = z.infer<typeof PayloadSchema>;

export class PayloadStore {
  private constructor(
    private readonly col: Collection<Payload>,
    private readonly clock: Clock,
  ) {}

  static async open(store: Store, clock: Clock): Promise<PayloadStore> {
    return new PayloadStore(await store.collection('slack_payloads', { schema: PayloadSchema, partition: (p) => p.at.slice(0, 7) }), clock);
  }

  /** The stored value of a `r:<hash>` slot. */
  get = (hash: string): string | undefined => this.col.get(hash)?.value;

  /** Stores every value not stored yet; resolves once they are on disk. */
  async save(overflow: Overflow): Promise<void> {
    const at = this.clock.now().toISOString();
    await Promise.all(
      Object.entries(overflow)
        .filter(([hash]) => !this.col.get(hash))
        .map(([hash, value]) => this.col.upsert(hash, (cur) => cur ?? { id: hash, value, at })),
    );
  }
}
