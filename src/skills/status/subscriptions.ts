// Channel subscriptions: `status subscribe [component…]` stores the channel it was typed in,
// with the components it wants (none: all). The config's `status.subscribers` channels get
// everything as well. `targets` answers who hears about a set of components.
import type { ChatHub } from '../../core/chat.js';
import type { Config } from '../../core/config/index.js';
import type { Clock, Collection, Store } from '../../core/ports.js';
import { actorRef, type Actor, type ChannelRef } from '../../core/types.js';
import { SubscriptionSchema, type Subscription } from './model.js';

export interface Target {
  /** Stable name of the receiver, the key of its message refs in a notice. */
  key: string;
  channel: ChannelRef;
}

export const channelKey = (c: ChannelRef): string => [c.platform, c.id, c.threadId].filter(Boolean).join(':');

export class Subscriptions {
  private constructor(
    private readonly col: Collection<Subscription>,
    private readonly config: Config,
    private readonly chat: ChatHub,
    private readonly clock: Clock,
  ) {}

  static async open(store: Store, config: Config, chat: ChatHub, clock: Clock): Promise<Subscriptions> {
    return new Subscriptions(await store.collection('status-subscriptions', { schema: SubscriptionSchema }), config, chat, clock);
  }

  forChannel(channel: ChannelRef): Subscription | undefined {
    return this.col.get(channelKey(channel));
  }

  /** Adds components to the channel's subscription (none: every component). */
  async subscribe(channel: ChannelRef, components: string[], actor: Actor): Promise<{ before?: Subscription; after: Subscription }> {
    const id = channelKey(channel);
    const before = this.col.get(id);
    const at = this.clock.now().toISOString();
    const after = await this.col.upsert(id, (cur) => {
      // An empty list means "all", so adding to "all" stays "all", and "all" replaces a list.
      const merged = components.length === 0 || (cur && cur.components.length === 0) ? [] : [...new Set([...(cur?.components ?? []), ...components])];
      return { id, channel: cur?.channel ?? channel, components: merged, by: actorRef(actor), at };
    });
    return { before, after };
  }

  /** Removes some components, or the whole subscription; undefined when there was none. */
  async unsubscribe(channel: ChannelRef, components: string[]): Promise<{ removed: boolean; after?: Subscription } | undefined> {
    const id = channelKey(channel);
    const cur = this.col.get(id);
    if (!cur) return undefined;
    if (components.length === 0) {
      await this.col.delete(id);
      return { removed: true };
    }
    const rest = cur.components.filter((c) => !components.includes(c));
    if (cur.components.length > 0 && rest.length === 0) {
      await this.col.delete(id);
      return { removed: true };
    }
    if (cur.components.length === 0) return { removed: false, after: cur };
    const after = await this.col.update(id, (s) => ({ ...s, components: rest }));
    return { removed: false, after };
  }

  /** Every channel that hears about these components (an empty list: only the "all" ones). */
  targets(componentIds: string[]): Target[] {
    const wants = (s: Subscription) => s.components.length === 0 || s.components.some((c) => componentIds.includes(c));
    const out: Target[] = this.col.filter(wants).map((s) => ({ key: `sub:${s.id}`, channel: s.channel }));
    for (const spec of this.config.status?.subscribers ?? []) {
      for (const channel of this.chat.resolve(spec)) {
        const key = `sub:${channelKey(channel)}`;
        if (!out.some((t) => t.key === key)) out.push({ key, channel });
      }
    }
    return out;
  }
}
