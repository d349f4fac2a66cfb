// Slack user lookups (name, time zone) with a bounded, expiring cache; concurrent lookups of
// the same user share one request. Failures are not cached.
import type { Clock, ChatUser } from '../../core/ports.js';

interface Entry {
  user: ChatUser | undefined;
  at: number;
}

export class UserCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<ChatUser | undefined>>();

  constructor(
    private readonly fetchUser: (userId: string) => Promise<ChatUser | undefined>,
    private readonly clock: Clock,
    private readonly ttlMs = 3_600_000,
    private readonly max = 5000,
  ) {}

  async get(userId: string): Promise<ChatUser | undefined> {
    const now = this.clock.now().getTime();
    const hit = this.entries.get(userId);
    if (hit && now - hit.at < this.ttlMs) return hit.user;
    const inFlight = this.pending.get(userId);
    if (inFlight) return inFlight;
    const p = this.fetchUser(userId)
      .then((user) => {
        this.entries.delete(userId);
        this.entries.set(userId, { user, at: now });
        if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
        return user;
      })
      .finally(() => this.pending.delete(userId));
    this.pending.set(userId, p);
    return p;
  }

  /** The cached name, without a request (for rendering). */
  cachedName(userId: string): string | undefined {
    return this.entries.get(userId)?.user?.name;
  }
}
