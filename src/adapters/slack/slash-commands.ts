// Slash commands. Slack shows the body of a slash command's HTTP response as the reply, so an
// answer that is ready within a few milliseconds (help, lists: reads that touch no network)
// *is* the acknowledgement — no response_url request, which is most of what a read costs.
// Anything slower (a write waiting for the disk, Web API calls, a modal, a file) is
// acknowledged empty once the budget is spent and answered after, through response_url. The
// budget only ever delays an ack by itself: it stays far inside Slack's 3 s.
import type { RespondArguments } from '@slack/bolt';
import type { Reply } from '../../core/card.js';
import type { Router } from '../../core/router.js';
import type { Actor, ChannelRef } from '../../core/types.js';
import { commandText, deliveryId, SlashCommandSchema } from './parse.js';
import type { RecentIds } from './recent-ids.js';
import type { ReplySender, ReplyTarget } from './replies.js';
import { responder } from './response-url.js';

export interface SlashCommandDeps {
  router: Router;
  /** Slash commands are claimed in memory (see recent-ids.ts). */
  recent: RecentIds;
  replies: ReplySender;
  actor: (userId: string, fallbackName?: string) => Promise<Actor>;
  /** Commands that, said with nothing after them, mean another (`incident declare` → `incident`). */
  bareAliases: Record<string, string>;
  /** How long an answer may take to go out inside the ack (0: always through response_url). */
  quickReplyMs: number;
}

type Ack = (msg?: RespondArguments) => Promise<void>;

/** The value of `work` if it settles within `ms`, else undefined (the work goes on). */
async function within<T>(work: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  try {
    return await Promise.race([work.then((value) => ({ value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

export class SlashCommands {
  constructor(private readonly deps: SlashCommandDeps) {}

  /** Handles one slash command; `ack` is called exactly once, at the latest after the budget. */
  async handle(body: unknown, ack: Ack): Promise<void> {
    let acked = false;
    const ackOnce: Ack = async (msg) => {
      if (acked) return;
      acked = true;
      await ack(msg);
    };
    try {
      const parsed = SlashCommandSchema.safeParse(body);
      if (!parsed.success) return;
      const c = parsed.data;
      if (c.trigger_id && !this.deps.recent.claim(deliveryId('cmd', c.trigger_id, []))) return;
      const channel: ChannelRef = { platform: 'slack', id: c.channel_id };
      const to: ReplyTarget = { channel, userId: c.user_id, isDm: c.channel_id.startsWith('D'), respond: responder(c.response_url), triggerId: c.trigger_id };
      const answer = this.answer(c.command, c.text, c.user_id, c.user_name, channel, Boolean(c.trigger_id));
      if (this.deps.quickReplyMs > 0) {
        const early = await within(answer, this.deps.quickReplyMs);
        const inline = early && this.deps.replies.inline(early.value);
        if (inline) return await ackOnce(inline);
      }
      await ackOnce();
      await this.deps.replies.send(await answer, to);
    } finally {
      await ackOnce();
    }
  }

  private async answer(command: string, said: string, userId: string, userName: string | undefined, channel: ChannelRef, canOpenForm: boolean): Promise<Reply> {
    const actor = await this.deps.actor(userId, userName);
    const text = this.unalias(commandText(command, said));
    return this.deps.router.dispatch({ actor, channel, text, source: 'text', canOpenForm });
  }

  /**
   * `/incident declare` (or `/ops incident declare`) with nothing after it runs `incident`,
   * whose answer is the skill's own declare form: a modal here, while the trigger is fresh.
   */
  private unalias(text: string): string {
    const said = text.toLowerCase().split(/\s+/).filter((w, i) => w && !(i === 0 && w === 'ops')).join(' ');
    return this.deps.bareAliases[said] ?? text;
  }
}
