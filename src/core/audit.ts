// The append-only audit log: who did what, when, through which platform. Stored in the
// store's `audit` journal, one JSON line per entry in per-month files: an append writes only
// its own line, so it costs the same on a busy day as on a quiet one. Never updated, never
// deleted.
import { z } from 'zod';
import type { Clock, Journal, Store } from './ports.js';
import { ActorRefSchema, type Actor, actorRef } from './types.js';

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: ActorRefSchema,
  action: z.string(),
  target: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export class AuditLog {
  private constructor(
    private readonly log: Journal<AuditEntry>,
    private readonly clock: Clock,
  ) {}

  static async open(store: Store, clock: Clock): Promise<AuditLog> {
    const log = await store.journal('audit', { schema: AuditEntrySchema, partition: (e) => e.at.slice(0, 7) });
    return new AuditLog(log, clock);
  }

  /** Appends an entry; resolves once it is on disk. */
  async record(actor: Actor, action: string, target?: string, details?: Record<string, unknown>): Promise<AuditEntry> {
    const at = this.clock.now().toISOString();
    return this.log.append((n) => ({ id: `AUD-${n}`, at, actor: actorRef(actor), action, target, details }));
  }

  /** Entries, oldest first, optionally only those about one target. */
  entries(target?: string): AuditEntry[] {
    return target ? this.log.filter((e) => e.target === target) : this.log.all();
  }
}
