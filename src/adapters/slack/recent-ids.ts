// Ids seen in the last few minutes, in memory and bounded. Slash commands are claimed here
// rather than in the durable store: Slack never retries a slash command, and a replayed
// signed request is only accepted for 5 minutes, which this window covers — so a read
// command costs no store write. Events and interactions are claimed durably (Deduper).
import type { Clock } from '../../core/ports.js';

export class RecentIds {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly windowMs = 10 * 60_000,
    private readonly max = 100_000,
  ) {}

  /** True the first time an id is seen within the window. */
  claim(id: string): boolean {
    const now = this.clock.now().getTime();
    for (const [k, at] of this.seen) {
      if (now - at < this.windowMs && this.seen.size < this.max) break;
      this.seen.delete(k);
    }
    if (this.seen.has(id)) return false;
    this.seen.set(id, now);
    return true;
  }
}
