// The conversation references the bot has seen (1:1 chats, team channels, group chats), kept in
// the store so proactive messages — pages, standup prompts, briefings — still reach people after
// a restart. Each conversation keeps its own Bot Connector serviceUrl (Teams is regional).
import { z } from 'zod';
import type { Clock, Collection, Store } from '../../core/ports.js';
import type { ActivityOrigin, ConversationKind } from './parse.js';

export const ConversationRecordSchema = z.object({
  /** Conversation id without a thread suffix (`a:1…` for a 1:1 chat, `19:…@thread.tacv2` for a channel). */
  id: z.string().min(1),
  kind: z.enum(['personal', 'channel', 'groupChat']),
  serviceUrl: z.string().min(1),
  tenantId: z.string().optional(),
  teamId: z.string().optional(),
  /** For a 1:1 chat: the person's Teams user id (29:…) and AAD object id. */
  userId: z.string().optional(),
  aadObjectId: z.string().optional(),
  /** The bot's account id (28:…) as Teams addresses it. */
  botId: z.string().optional(),
  updatedAt: z.string(),
});
export type ConversationRecord = z.infer<typeof ConversationRecordSchema>;

export const CONVERSATIONS_COLLECTION = 'teams-conversations';

const SAME_FIELDS = ['kind', 'serviceUrl', 'tenantId', 'teamId', 'userId', 'aadObjectId', 'botId'] as const;

export class ConversationBook {
  private constructor(
    private readonly col: Collection<ConversationRecord>,
    private readonly clock: Clock,
  ) {}

  static async open(store: Store, clock: Clock): Promise<ConversationBook> {
    return new ConversationBook(await store.collection(CONVERSATIONS_COLLECTION, { schema: ConversationRecordSchema }), clock);
  }

  /** Stores where an activity came from; writes only when something changed (most messages write nothing). */
  async remember(o: ActivityOrigin): Promise<ConversationRecord> {
    const next: Omit<ConversationRecord, 'updatedAt'> = {
      id: o.conversationId,
      kind: o.kind,
      serviceUrl: o.serviceUrl,
      tenantId: o.tenantId,
      teamId: o.teamId,
      userId: o.kind === 'personal' ? o.user.id : undefined,
      aadObjectId: o.kind === 'personal' ? o.user.aadObjectId : undefined,
      botId: o.botId,
    };
    const current = this.col.get(next.id);
    if (current && SAME_FIELDS.every((k) => (next[k] ?? current[k]) === current[k])) return current;
    return this.col.upsert(next.id, (prev) => {
      const merged = { ...prev, ...Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) } as ConversationRecord;
      return { ...merged, updatedAt: this.clock.now().toISOString() };
    });
  }

  /** Forgets a conversation the bot was removed from (for a team: every channel of it). */
  async forget(o: Pick<ActivityOrigin, 'conversationId' | 'teamId'>): Promise<void> {
    const gone = this.col.filter((c) => c.id === o.conversationId || (o.teamId !== undefined && c.teamId === o.teamId));
    await Promise.all(gone.map((c) => this.col.delete(c.id)));
  }

  get(conversationId: string): ConversationRecord | undefined {
    return this.col.get(conversationId);
  }

  /** The 1:1 chat with a user, by Teams user id (29:…) or AAD object id. */
  personal(userId: string): ConversationRecord | undefined {
    const u = userId.toLowerCase();
    const mine = this.col.filter((c) => c.kind === 'personal' && (c.userId?.toLowerCase() === u || c.aadObjectId?.toLowerCase() === u));
    return mine.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  }

  /** The most recently seen conversation (its serviceUrl, tenant and bot id serve unseen ones). */
  latest(kinds?: ConversationKind[]): ConversationRecord | undefined {
    const all = kinds ? this.col.filter((c) => kinds.includes(c.kind)) : this.col.all();
    return [...all].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  }

  /** Adds a 1:1 chat the bot opened itself. */
  async addPersonal(rec: Omit<ConversationRecord, 'updatedAt' | 'kind'>): Promise<ConversationRecord> {
    return this.col.upsert(rec.id, () => ({ ...rec, kind: 'personal', updatedAt: this.clock.now().toISOString() }));
  }
}
