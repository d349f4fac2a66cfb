// Delivering a command's Reply in Slack, after the acknowledgement: through the
// interaction's response_url when there is one (it works even in channels the bot is not in),
// else chat.postMessage / chat.postEphemeral; ephemeral answers fall back to a DM. A reply
// with a form opens it as a modal while the trigger_id is fresh; without one (or if Slack
// refuses), the person gets a button that opens it.
import type { RespondArguments, webApi } from '@slack/bolt';
import { actions, card, formButton, text, type Form, type OutMessage, type Reply } from '../../core/card.js';
import type { Logger } from '../../core/ports.js';
import type { ChannelRef } from '../../core/types.js';
import type { SlackChat } from './chat-port.js';
import { renderMessage, renderModal } from './render.js';

/** Where a reply goes and how it can get there. */
export interface ReplyTarget {
  /** Where the command was said (a channel, a DM, or the channel a modal came from). */
  channel: ChannelRef;
  userId: string;
  /** A direct-message conversation: only the author sees it anyway. */
  isDm: boolean;
  /** Posts to the interaction's response_url, when the payload had one. */
  respond?: (body: object) => Promise<void>;
  /** For opening a modal (valid for 3 s after the interaction). */
  triggerId?: string;
}

export class ReplySender {
  constructor(
    private readonly chat: SlackChat,
    private readonly client: webApi.WebClient,
    private readonly log: Logger,
  ) {}

  /** Sends everything in a reply: its form, its text and card, its file. */
  async send(reply: Reply, to: ReplyTarget): Promise<void> {
    if (reply.form && !(await this.openModal(reply.form, to))) await this.offerForm(reply.form, to);
    if (reply.text || reply.card) await this.message({ text: reply.text, card: reply.card }, reply.ephemeral ?? false, to);
    if (reply.file) await this.chat.uploadFile(to.channel, reply.file);
  }

  /**
   * A reply as the body of a slash command's ack (Slack shows it as the answer), when it is only
   * a message that renders without slots to store first; else undefined (send() it instead).
   */
  inline(reply: Reply): RespondArguments | undefined {
    if (reply.form || reply.file || !(reply.text || reply.card)) return undefined;
    const r = renderMessage({ text: reply.text, card: reply.card }, this.chat.view);
    if (Object.keys(r.overflow).length) return undefined;
    return { response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', text: r.text, ...(r.blocks ? { blocks: r.blocks } : {}) };
  }

  /** Opens a form as a modal; false when there is no trigger or Slack refused it. */
  async openModal(form: Form, to: ReplyTarget): Promise<boolean> {
    if (!to.triggerId) return false;
    const { view, overflow } = renderModal(form, { c: form.command, ch: to.channel.id, th: to.channel.threadId }, this.chat.view);
    try {
      await this.chat.saveOverflow(overflow);
      await this.client.views.open({ trigger_id: to.triggerId, view });
      return true;
    } catch (e) {
      this.log.warn({ err: { message: (e as Error).message } }, 'slack views.open failed');
      return false;
    }
  }

  /** A button that opens the form (a click brings a fresh trigger_id). */
  private async offerForm(form: Form, to: ReplyTarget): Promise<void> {
    const msg: OutMessage = { card: card(form.title, [text('This needs a few answers.'), actions(formButton(form.submitLabel ?? 'Open the form', form, 'primary'))]) };
    await this.message(msg, true, to);
  }

  private async message(msg: OutMessage, ephemeral: boolean, to: ReplyTarget): Promise<void> {
    if (to.respond) {
      try {
        const m = await this.chat.prepare(msg);
        await to.respond({ response_type: ephemeral ? 'ephemeral' : 'in_channel', replace_original: false, text: m.text, ...(m.blocks ? { blocks: m.blocks } : {}) });
        return;
      } catch (e) {
        this.log.warn({ err: { message: (e as Error).message } }, 'slack response_url failed; using the Web API');
      }
    }
    if (ephemeral && !to.isDm) await this.chat.postEphemeral(to.channel, to.userId, msg);
    else await this.chat.post(to.channel, msg);
  }
}
