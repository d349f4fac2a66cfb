// Slash commands. Slack shows the body of a slash command's HTTP response as the reply, so an
// answer the router produces without waiting for any I/O (help, lists, whoami: reads from
// memory) *is* the acknowledgement — no response_url request, which is most of what such a
// read costs. An answer that waits for anything (the disk, Slack's Web API, a lookup), a modal
// or a file gets an empty ack at once and is answered after, through response_url. The wait is
// one turn of the event loop, so no ack is ever held back behind I/O.
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
  /** Send an answer ready without I/O inside the ack (else every answer goes through response_url). */
  answerInAck: boolean;
}

type Ack = (msg?: RespondArguments) => Promise<void>;

/**
 * The value of `work` if it settles before the event loop turns to I/O (work that only awaits
 * promises already resolved finishes within the current turn), else undefined; it goes on.
 */
async function withinTurn<T>(work: Promise<T>): Promise<{ value: T } | undefined> {
  let turn: NodeJS.Immediate | undefined;
  const late = new Promise<undefined>((resolve) => (turn = setImmediate(resolve, undefined)));
  try {
    return await Promise.race([work.then((value) => ({ value })), late]);
  } finally {
    clearImmediate(turn);
  }
}

export class SlashCommands {
  constructor(private readonly deps: SlashCommandDeps) {}

  /** Handles one slash command; `ack` is called exactly once, within the turn the command arrived in. */
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
      if (this.deps.answerInAck) {
        const early = await withinTurn(answer);
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
