// Subscriber notices: one message per incident, outage or maintenance in each subscribed
// channel, edited in place as the story evolves instead of a new post per change. The notice
// (its lines) is stored first; then each channel's message is edited, or posted once and its
// MessageRef stored for the next edit. Work on one notice is serialised, so two quick changes
// never post two messages.
import type { OutMessage } from '../../core/card.js';
import type { ChatHub } from '../../core/chat.js';
import type { Clock, Collection, Logger, Store } from '../../core/ports.js';
import type { MessageRef } from '../../core/types.js';
import { KeyedLock } from './keyed-lock.js';
import { NoticeSchema, type Notice } from './model.js';
import type { Subscriptions } from './subscriptions.js';

export type NoticeDraft = Pick<Notice, 'id' | 'kind' | 'subject' | 'componentIds'>;

export class Notifier {
  /** Renders a notice with the live state it is about (set by the skill). */
  render: (n: Notice) => OutMessage = (n) => ({ text: n.lines.map((l) => l.text).join('\n') });
  private readonly lock = new KeyedLock();

  private constructor(
    readonly notices: Collection<Notice>,
    private readonly subs: Subscriptions,
    private readonly chat: ChatHub,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  static async open(store: Store, subs: Subscriptions, chat: ChatHub, clock: Clock, log: Logger): Promise<Notifier> {
    const notices = await store.collection('status-notices', { schema: NoticeSchema, partition: (n) => (n.open ? 'open' : (n.closedAt ?? n.openedAt).slice(0, 7)) });
    return new Notifier(notices, subs, chat, clock, log);
  }

  /** The open outage notice of a component, if any. */
  openOutage(componentId: string): Notice | undefined {
    return this.notices.filter((n) => n.open && n.kind === 'outage' && n.subject === componentId)[0];
  }

  /**
   * Adds a line to a notice (creating it when new), closes it if asked, stores it, then
   * edits or posts every subscriber's copy. `line` undefined only refreshes the copies.
   */
  async tell(draft: NoticeDraft, line: string | undefined, opts: { close?: boolean } = {}): Promise<Notice> {
    return this.lock.run(draft.id, async () => {
      const at = this.clock.now().toISOString();
      const stored = await this.notices.upsert(draft.id, (cur) => {
        const base: Notice = cur ?? { ...draft, open: true, openedAt: at, lines: [], refs: [] };
        const componentIds = [...new Set([...base.componentIds, ...draft.componentIds])];
        const duplicate = line !== undefined && base.lines.some((l) => l.text === line && l.at === at);
        return {
          ...base,
          componentIds,
          lines: line === undefined || duplicate ? base.lines : [...base.lines, { at, text: line }],
          ...(opts.close && base.open ? { open: false, closedAt: at } : {}),
        };
      });
      await this.deliver(stored);
      return this.notices.get(stored.id) ?? stored;
    });
  }

  /** Edits every copy in place; posts to subscribers that have none yet, and keeps their refs. */
  private async deliver(n: Notice): Promise<void> {
    const msg = this.render(n);
    const targets = this.subs.targets(n.componentIds);
    const fresh: { target: string; ref: MessageRef }[] = [];
    await Promise.all(
      targets.map(async (t) => {
        const existing = n.refs.filter((r) => r.target === t.key).map((r) => r.ref);
        if (existing.length) return this.chat.update(existing, msg);
        const ref = await this.chat.post(t.channel, msg);
        if (ref) fresh.push({ target: t.key, ref });
      }),
    );
    if (fresh.length === 0) return;
    try {
      await this.notices.update(n.id, (cur) => ({ ...cur, refs: [...cur.refs, ...fresh] }));
    } catch (e) {
      this.log.warn({ err: e, notice: n.id }, 'could not store notice message refs; the next change posts anew');
    }
  }

  /** Drops closed notices older than the cutoff. */
  async prune(cutoffIso: string): Promise<number> {
    const old = this.notices.filter((n) => !n.open && (n.closedAt ?? n.openedAt) < cutoffIso);
    await Promise.all(old.map((n) => this.notices.delete(n.id)));
    return old.length;
  }
}
