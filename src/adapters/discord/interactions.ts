// One handler for every interaction, whichever transport brought it (gateway or the HTTP
// endpoint): claim its id once, turn it into a neutral command, button, select or form, and
// answer inside Discord's 3 s — with the reply itself when the command is quick, else a
// deferral and a follow-up. Modals can only be an initial response, so forms are decided
// before the deadline; later ones become a button that opens the form.
import { ApplicationCommandType, InteractionResponseType, InteractionType, type APIInteraction, type APIInteractionResponse, type APIMessageComponentInteraction, type APIModalSubmitInteraction } from 'discord.js';
import type { Reply } from '../../core/card.js';
import type { Deduper } from '../../core/dedupe.js';
import type { Directory } from '../../core/people.js';
import type { Logger } from '../../core/ports.js';
import type { Inbound, Router } from '../../core/router.js';
import type { ChannelRef, MessageRef } from '../../core/types.js';
import type { ActionStore } from './action-store.js';
import { claimDelivery, UNRECORDED_TEXT } from './claims.js';
import type { Catalog } from './command-defs.js';
import { actionId, unpackCustomId, type Action } from './custom-ids.js';
import type { MentionLookup } from './markdown.js';
import { sessions, type Outbound, type Session } from './outbound.js';
import { validInteraction } from './schemas.js';
import { channelRef, commandText, displayName, interactionUser, modalValues, selectCommand } from './parse.js';
import { notice, renderMessage, EPHEMERAL_FLAG } from './render.js';
import { renderConfirm, renderModal } from './render-forms.js';

/** Sends the initial response (the HTTP body, or the REST callback on the gateway). */
export type Respond = (body: APIInteractionResponse) => Promise<void>;

export interface InteractionDeps {
  router: Router;
  people: Directory;
  dedupe: Deduper;
  log: Logger;
  actions: ActionStore;
  out: Outbound;
  mentions: MentionLookup;
  catalog: () => Catalog;
  /** How long a command may run before the response is deferred (Discord allows 3 s in all). */
  ackMs: number;
}

const isEmpty = (r: Reply) => !r.text && !r.card && !r.file && !r.form;
const message = (body: ReturnType<typeof notice>): APIInteractionResponse => ({ type: InteractionResponseType.ChannelMessageWithSource, data: body });

export class InteractionHandler {
  constructor(private readonly d: InteractionDeps) {}

  /** Handles one interaction; resolves when all its work (follow-ups included) is done. Never throws. */
  async handle(i: APIInteraction, respondRaw: Respond): Promise<void> {
    // Discord's 3 s run from delivery, so the deadline counts the claim and parsing too.
    const deadline = performance.now() + this.d.ackMs;
    let responded = false;
    let markAcked!: () => void;
    const acked = new Promise<void>((r) => (markAcked = r));
    const respond: Respond = async (body) => {
      if (responded) return;
      responded = true;
      try {
        await respondRaw(body);
      } finally {
        markAcked();
      }
    };
    try {
      if (i.type === InteractionType.Ping) return await respond({ type: InteractionResponseType.Pong });
      if (!validInteraction(i)) {
        this.d.log.warn({ interaction: i.id, type: i.type }, 'discord interaction not understood');
        return await respond(message(notice('⚠️ Switchboard could not read this interaction.')));
      }
      if (i.type === InteractionType.ApplicationCommandAutocomplete) return await respond({ type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } });
      const claim = await claimDelivery(this.d.dedupe, `discord:${i.id}`, this.d.log);
      if (claim === 'unrecorded') return await respond(message(notice(UNRECORDED_TEXT)));
      if (claim === 'repeat') return await respond(message(notice('This was already handled.')));
      const user = interactionUser(i);
      if (!user) return await respond(message(notice('⚠️ Switchboard could not tell who sent this.')));
      const session: Session = { interactionId: i.id, applicationId: i.application_id, token: i.token, userId: user.id, channelId: i.channel?.id ?? i.channel_id, acked };
      const actor = this.d.people.actor('discord', user.id, displayName(user));
      const channel: ChannelRef = i.channel ? channelRef(i.channel) : { platform: 'discord', id: session.channelId ?? `dm:${user.id}` };
      const base = { actor, channel };
      switch (i.type) {
        case InteractionType.ApplicationCommand: {
          if (i.data.type !== ApplicationCommandType.ChatInput) return await respond(message(notice('⚠️ Only slash commands are supported.')));
          const parsed = commandText(i.data, this.d.catalog());
          if (!parsed.ok) return await respond(message(notice(`⚠️ ${parsed.message}`)));
          return await this.withDeadline(deadline, session, respond, true, () => this.d.router.dispatch({ ...base, text: parsed.text, source: 'text', canOpenForm: true }));
        }
        case InteractionType.MessageComponent:
          return await this.component(i, session, base, respond);
        case InteractionType.ModalSubmit:
          return await this.modal(i, deadline, session, base, respond);
        default:
          return await respond(message(notice('⚠️ Switchboard does not handle this kind of interaction.')));
      }
    } catch (e) {
      this.d.log.error({ err: e, interaction: i.id, type: i.type }, 'discord interaction failed');
      await respond(message(notice('⚠️ Something went wrong on our side. It has been logged; please try again.'))).catch(() => undefined);
    } finally {
      markAcked();
    }
  }

  private async component(i: APIMessageComponentInteraction, session: Session, base: Pick<Inbound, 'actor' | 'channel'>, respond: Respond): Promise<void> {
    const unpacked = unpackCustomId(i.data.custom_id);
    if (unpacked.type === 'dismiss') return respond({ type: InteractionResponseType.UpdateMessage, data: { content: 'Cancelled.', embeds: [], components: [] } });
    let action: Action | undefined;
    if (unpacked.type === 'inline') action = unpacked.action;
    else if (unpacked.type === 'stored') action = this.d.actions.get(unpacked.id);
    if (!action) return respond(message(notice('⚠️ This button is no longer available. Type the command instead (`help` lists them).')));
    if (action.kind === 'form') {
      const id = unpacked.type === 'stored' ? unpacked.id : actionId(action);
      await this.d.actions.save([{ id, action }]);
      return respond({ type: InteractionResponseType.Modal, data: renderModal(action.form, id, this.d.mentions) });
    }
    if (action.kind === 'confirm') {
      const r = renderConfirm(action.command, action.confirm, this.d.mentions);
      await this.d.out.prepare(r);
      return respond(message(r.body));
    }
    const value = 'values' in i.data ? i.data.values[0] : undefined;
    if (action.kind === 'select' && value === undefined) return respond({ type: InteractionResponseType.DeferredMessageUpdate });
    const text = action.kind === 'select' ? selectCommand(action.command, value!) : action.command;
    const ref: MessageRef = { platform: 'discord', channelId: i.message.channel_id, messageId: i.message.id };
    // Acknowledge at once: the click's effect shows as the card edited in place.
    await respond({ type: InteractionResponseType.DeferredMessageUpdate });
    const clicked: Session = { ...session, messageId: i.message.id };
    const reply = await sessions.run(clicked, () => this.d.router.dispatch({ ...base, text, source: 'button', message: ref, canOpenForm: false }));
    // The clicker's feedback is theirs alone; the card itself is what everyone sees.
    if (!isEmpty(reply)) await this.d.out.followUp(session, renderMessage(reply, this.d.mentions, { ephemeral: true }));
  }

  private async modal(i: APIModalSubmitInteraction, deadline: number, session: Session, base: Pick<Inbound, 'actor' | 'channel'>, respond: Respond): Promise<void> {
    const unpacked = unpackCustomId(i.data.custom_id);
    const action = unpacked.type === 'modal' ? this.d.actions.get(unpacked.id) : undefined;
    if (action?.kind !== 'form') return respond(message(notice('⚠️ This form is no longer available. Type the command instead (`help` lists them).')));
    const ref: MessageRef | undefined = i.message ? { platform: 'discord', channelId: i.message.channel_id, messageId: i.message.id } : undefined;
    const values = modalValues(i.data);
    await this.withDeadline(deadline, session, respond, false, () => this.d.router.submitForm({ ...base, message: ref, canOpenForm: false }, action.form.command, values));
  }

  /** Runs the work; answers with its reply if it is quick, else defers and follows up. */
  private async withDeadline(deadline: number, session: Session, respond: Respond, canOpenForm: boolean, work: () => Promise<Reply>): Promise<void> {
    const running = sessions.run(session, work);
    let timer: NodeJS.Timeout | undefined;
    const quick = await Promise.race([running.then((r) => ({ r })), new Promise<undefined>((res) => (timer = setTimeout(() => res(undefined), Math.max(0, deadline - performance.now()))))]);
    clearTimeout(timer);
    if (quick) {
      const reply = quick.r;
      if (reply.form && canOpenForm) {
        const action: Action = { kind: 'form', form: reply.form };
        const id = actionId(action);
        await this.d.actions.save([{ id, action }]);
        return respond({ type: InteractionResponseType.Modal, data: renderModal(reply.form, id, this.d.mentions) });
      }
      const r = renderMessage(isEmpty(reply) ? { text: '✅ Done.', ephemeral: true } : reply, this.d.mentions, { ephemeral: reply.ephemeral || isEmpty(reply) });
      if (r.files.length === 0) {
        await this.d.out.prepare(r);
        return respond(message(r.body));
      }
      // Files cannot ride on the initial response of an HTTP interaction: defer, then attach.
      await respond({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: reply.ephemeral ? { flags: EPHEMERAL_FLAG } : {} });
      return this.d.out.editOriginal(session, r);
    }
    await respond({ type: InteractionResponseType.DeferredChannelMessageWithSource });
    const reply = await running;
    const r = renderMessage(isEmpty(reply) ? { text: '✅ Done.' } : reply, this.d.mentions, { ephemeral: reply.ephemeral });
    if (reply.ephemeral) {
      // The deferral was public; the answer is for the author only.
      await this.d.out.deleteOriginal(session);
      await this.d.out.followUp(session, r);
    } else {
      await this.d.out.editOriginal(session, r);
    }
  }
}
