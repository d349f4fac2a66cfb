// Inbound activities → the core router, and answers back. Every delivery is claimed once (Teams
// retries), the conversation is stored before anything is said in it, messages are acknowledged
// at once and answered through the Bot Connector, and a card button (Action.Execute) answers
// within Teams' invoke deadline: with the clicked card as the skill just updated it, or with a
// short message only the clicker sees.
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { messageToText } from '../../core/text.js';
import { text, type Reply } from '../../core/card.js';
import type { Deduper } from '../../core/dedupe.js';
import type { Directory } from '../../core/people.js';
import type { Logger } from '../../core/ports.js';
import type { Router } from '../../core/router.js';
import type { Actor, ChannelRef, MessageRef } from '../../core/types.js';
import type { ConversationBook } from './conversations.js';
import type { TeamsOutbound } from './outbound.js';
import { parseActivity, type ActivityOrigin, type Parsed, type TeamsActivity } from './parse.js';

/** The HTTP answer to an invoke (the SDK sends `body` as the response). */
export interface InvokeAnswer {
  status: number;
  body?: unknown;
}

export interface InboundOptions {
  router: Router;
  people: Directory;
  dedupe: Deduper;
  book: ConversationBook;
  out: TeamsOutbound;
  log: Logger;
  /** How long a button click may take before Teams gets "working on it" (Teams waits a few seconds). */
  invokeDeadlineMs: number;
  /** Remembers display names for lookupUser. */
  sawUser(id: string, name: string | undefined): void;
}

const cardAnswer = (card: IAdaptiveCard): InvokeAnswer => ({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card } });
const messageAnswer = (text: string): InvokeAnswer => ({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text.slice(0, 1000) } });

const hasContent = (r: Reply) => Boolean(r.text || r.card || r.file || r.form);

/** Said when the store could not record a delivery: nothing was done, so trying again is safe. */
export const UNRECORDED = '⚠️ I could not record that just now, so I did nothing. Please try again in a moment.';

export class TeamsInbound {
  constructor(private readonly o: InboundOptions) {}

  private actor(o: ActivityOrigin): Actor {
    const { id, name, aadObjectId } = o.user;
    this.o.sawUser(id, name);
    const actor = this.o.people.actor('teams', id, name);
    if (actor.personId || !aadObjectId || !this.o.people.byAccount('teams', aadObjectId)) return actor;
    return { ...this.o.people.actor('teams', aadObjectId, name), userId: id };
  }

  /**
   * Where a command was said. Every post in a Teams channel starts a thread of its own, so a new
   * post is said in the channel itself (as a Slack command is): `status subscribe` subscribes
   * the channel, and a later `status unsubscribe` in another post finds it. A reply inside a
   * thread (an incident's) is said in that thread.
   */
  private channel(o: ActivityOrigin): ChannelRef {
    const newPost = o.threadId !== undefined && o.threadId === o.activityId;
    return { platform: 'teams', id: o.conversationId, ...(newPost ? {} : { threadId: o.threadId }), serviceUrl: o.serviceUrl };
  }

  /** Where the answer goes: the thread the message is in (a new post's own thread). */
  private replyTo(o: ActivityOrigin): ChannelRef {
    return { platform: 'teams', id: o.conversationId, threadId: o.threadId, serviceUrl: o.serviceUrl };
  }

  private messageRef(o: ActivityOrigin, messageId: string | undefined): MessageRef | undefined {
    return messageId ? { platform: 'teams', channelId: o.conversationId, messageId, threadId: o.threadId, serviceUrl: o.serviceUrl } : undefined;
  }

  private text(r: Reply): string {
    return messageToText(r, { name: (id) => `@${this.o.people.nameOf(id)}` });
  }

  /**
   * Stores the conversation (durable before visible) and claims the delivery: 'repeat' for a
   * retry, 'unrecorded' when the store refused either write — then nothing is done and nothing
   * is claimed, so the person (or Teams' own retry) can simply try again.
   */
  private async admit(p: Exclude<Parsed, { kind: 'ignore' }>): Promise<'new' | 'repeat' | 'unrecorded'> {
    const id = p.origin.activityId;
    try {
      await this.o.book.remember(p.origin);
      if (id && !(await this.o.dedupe.claim(`teams:${id}`))) {
        this.o.log.info({ activityId: id }, 'teams: repeated delivery ignored');
        return 'repeat';
      }
      return 'new';
    } catch (e) {
      this.o.log.error({ activityId: id, err: { message: (e as Error).message } }, 'teams: could not record a delivery; nothing was done');
      return 'unrecorded';
    }
  }

  /** Runs what a message or click asks for; never throws (the router answers every failure). */
  private run(p: Extract<Parsed, { kind: 'command' | 'action' }>): Promise<Reply> {
    const base = { actor: this.actor(p.origin), channel: this.channel(p.origin), canOpenForm: true };
    if (p.kind === 'command') return this.o.router.dispatch({ ...base, text: p.text, source: 'text' });
    const message = this.messageRef(p.origin, p.messageId);
    if (p.action.kind === 'form') return this.o.router.submitForm({ ...base, message }, p.action.template, p.action.values);
    return this.o.router.dispatch({ ...base, message, text: p.action.command, source: 'button' });
  }

  /** Sends a reply where the command was given; a submitted stand-alone form is replaced by it. */
  private async answer(p: Extract<Parsed, { kind: 'command' | 'action' }>, reply: Reply): Promise<void> {
    if (!hasContent(reply)) return;
    const ref = p.kind === 'action' && p.action.kind === 'form' && p.action.replace && !reply.ephemeral ? this.messageRef(p.origin, p.messageId) : undefined;
    // The answer takes the form's place as a card, so the clicker's invoke can show it at once.
    if (ref) await this.o.out.update(ref, reply.card || !reply.text ? reply : { card: { blocks: [text(reply.text)] } });
    else await this.o.out.post(this.replyTo(p.origin), reply);
  }

  /** Handles an activity whose HTTP request is still open; returns the invoke answer, if any. */
  async handle(activity: TeamsActivity, background: (work: Promise<void>) => void): Promise<InvokeAnswer | undefined> {
    const p = parseActivity(activity);
    switch (p.kind) {
      case 'ignore':
        this.o.log.debug({ reason: p.reason }, 'teams: activity ignored');
        return undefined;
      case 'joined':
        await this.o.book.remember(p.origin);
        this.o.log.info({ conversation: p.origin.conversationId, kind: p.origin.kind, team: p.origin.teamId }, 'teams: conversation stored');
        return undefined;
      case 'left':
        await this.o.book.forget(p.origin);
        this.o.log.info({ conversation: p.origin.conversationId }, 'teams: removed from a conversation');
        return undefined;
      case 'command':
      case 'action':
        if (p.kind === 'action' && p.invoke) return this.invoke(p, background);
        // Acknowledge now; the reply goes out through the Bot Connector when the work is done.
        background(this.process(p));
        return undefined;
    }
  }

  private async process(p: Extract<Parsed, { kind: 'command' | 'action' }>): Promise<void> {
    const admitted = await this.admit(p);
    if (admitted === 'unrecorded') await this.o.out.post(this.replyTo(p.origin), { text: UNRECORDED });
    if (admitted !== 'new') return;
    await this.answer(p, await this.run(p));
  }

  /**
   * A private answer with a card (`incident show` behind a Show button) is more than an invoke's
   * short text can show: the card goes to the clicker alone — their 1:1 chat, or a post that
   * names them — and the invoke says so. Should that fail, the text is the answer.
   */
  private async privately(p: Extract<Parsed, { kind: 'action' }>, reply: Reply, said: string): Promise<InvokeAnswer> {
    try {
      await this.o.out.postEphemeral(this.replyTo(p.origin), p.origin.user.id, reply);
      return messageAnswer(`📬 Sent to you: ${said.split('\n')[0]}`);
    } catch (e) {
      this.o.log.warn({ err: { message: (e as Error).message } }, 'teams: a private answer to a click could not be posted');
      return messageAnswer(said || 'Done.');
    }
  }

  private async invoke(p: Extract<Parsed, { kind: 'action' }>, background: (work: Promise<void>) => void): Promise<InvokeAnswer> {
    const admitted = await this.admit(p);
    if (admitted === 'unrecorded') return messageAnswer(UNRECORDED);
    if (admitted === 'repeat') return messageAnswer('Already done.');
    let updated: IAdaptiveCard | undefined;
    const stop = this.o.out.onUpdate((ref, card) => {
      if (ref.messageId === p.messageId && ref.channelId === p.origin.conversationId) updated = card;
    });
    // What everyone should see is posted (or, for a stand-alone form, replaces it); what only the
    // clicker should see goes back in the invoke answer.
    const work = this.run(p).then(async (reply) => {
      if (hasContent(reply) && !reply.ephemeral) await this.answer(p, reply).catch((e) => this.o.log.warn({ err: e }, 'teams: reply to a click failed'));
      return reply;
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.o.invokeDeadlineMs)));
    try {
      const reply = await Promise.race([work, late]);
      if (reply === 'late') {
        // Too slow for Teams' invoke deadline: finish anyway; a private answer is posted for the clicker instead.
        background(
          work
            .then((r) => (r.ephemeral && hasContent(r) ? this.o.out.postEphemeral(this.replyTo(p.origin), p.origin.user.id, r) : undefined))
            .catch((e) => this.o.log.warn({ err: e }, 'teams: late reply to a click failed'))
            .finally(stop),
        );
        return messageAnswer('⏳ Working on it…');
      }
      stop();
      if (updated) return cardAnswer(updated);
      const said = this.text(reply);
      if (reply.ephemeral && (reply.card || reply.form || reply.file)) return this.privately(p, reply, said);
      return messageAnswer((reply.ephemeral ? said : said.split('\n')[0]) || 'Done.');
    } finally {
      clearTimeout(timer);
    }
  }
}
