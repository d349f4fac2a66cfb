// The durable map behind `c:<id>` and `m:<id>` custom ids: actions too long for 100
// characters, forms and confirmations. Written before the message that carries them is sent
// (durable before visible), so a button works after a restart; ids are content hashes, so a
// card re-rendered on every update writes nothing new.
import { z } from 'zod';
import type { Clock, Collection, Store } from '../../core/ports.js';
import { ActionSchema, type Action, type StoredAction } from './custom-ids.js';

const RecordSchema = z.object({ id: z.string(), action: ActionSchema, at: z.string() });
type ActionRecord = z.infer<typeof RecordSchema>;

export class ActionStore {
  private constructor(
    private readonly col: Collection<ActionRecord>,
    private readonly clock: Clock,
  ) {}

  static async open(store: Store, clock: Clock): Promise<ActionStore> {
    // Monthly files: a write touches only the current month however old the cards get.
    return new ActionStore(await store.collection('discord-actions', { schema: RecordSchema, partition: (r) => r.at.slice(0, 7) }), clock);
  }

  /** Stores the actions not stored yet; resolves once they are on disk. */
  async save(actions: readonly StoredAction[]): Promise<void> {
    const fresh = actions.filter((a) => !this.col.get(a.id));
    await Promise.all(
      fresh.map((a) =>
        this.col.insert({ id: a.id, action: a.action, at: this.clock.now().toISOString() }).catch((e: unknown) => {
          // A concurrent render of the same card stored it first: that is fine.
          if (!this.col.get(a.id)) throw e;
        }),
      ),
    );
  }

  get(id: string): Action | undefined {
    return this.col.get(id)?.action;
  }
}
