// A typed domain-event bus, so skills react to each other (`incident.declared` → page,
// set the status component) without importing each other's internals.
// The events and their payloads are the contract in domain-events.ts.
//
// Events are emitted after the change is stored; a failing handler is logged and does not
// stop the others or the emitter.
import type { DomainEvents } from './domain-events.js';
import type { Logger } from './ports.js';

export type { DomainEvents };

export type EventName = keyof DomainEvents & string;
type Handler<K extends EventName> = (payload: DomainEvents[K]) => Promise<void> | void;

export class EventBus {
  private readonly handlers = new Map<string, Array<(payload: any) => unknown>>();

  constructor(private readonly log: Logger) {}

  /** Subscribes to an event; returns an unsubscribe function. */
  on<K extends EventName>(name: K, handler: Handler<K>): () => void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler);
    this.handlers.set(name, list);
    return () => {
      const l = this.handlers.get(name) ?? [];
      this.handlers.set(
        name,
        l.filter((h) => h !== handler),
      );
    };
  }

  /** Runs every handler (in subscription order) and waits for them all. */
  async emit<K extends EventName>(name: K, payload: DomainEvents[K]): Promise<void> {
    for (const h of this.handlers.get(name) ?? []) {
      try {
        await h(payload);
      } catch (e) {
        this.log.error({ event: name, err: e }, 'event handler failed');
      }
    }
  }
}
