// Slack → the core. Every listener acknowledges first (Bolt sends the HTTP response or the
// Socket Mode ack right then; a slash command's ack may carry an answer ready in the same
// turn, slash-commands.ts), claims the delivery once (Slack's retries and repeated interaction
// payloads act once; a claim that cannot be stored acts on nothing and says so), turns the
// payload into a neutral command, form submission or reaction, and answers after the ack
// (replies.ts). Nothing here decides business rules.
import type { App, webApi } from '@slack/bolt';
import type { Deduper } from '../../core/dedupe.js';
import type { Directory } from '../../core/people.js';
import type { Logger } from '../../core/ports.js';
import type { Router } from '../../core/router.js';
import { isValidZone } from '../../core/time.js';
import type { Actor, ChannelRef } from '../../core/types.js';
import type { SlackChat } from './chat-port.js';
import { slackToPlain } from './mrkdwn.js';
import {
  actionIntent,
  AppMentionSchema,
  BlockActionsSchema,
  clickedMessage,
  deliveryId,
  DirectMessageSchema,
  emojiName,
  messageCommand,
  ReactionAddedSchema,
  viewValues,
  ViewSubmissionSchema,
} from './parse.js';
import type { PayloadStore } from './payload-store.js';
import type { RecentIds } from './recent-ids.js';
import { ReplySender, type ReplyTarget } from './replies.js';
import { SlashCommands } from './slash-commands.js';
import { responder } from './response-url.js';
import { decodeSlot, parseForm, parseModalMeta } from './slots.js';

export interface InboundDeps {
  router: Router;
  people: Directory;
  dedupe: Deduper;
  /** Slash commands are claimed in memory (see recent-ids.ts). */
  recent: RecentIds;
  log: Logger;
  chat: SlackChat;
  client: webApi.WebClient;
  payloads: PayloadStore;
  botUserId: () => string | undefined;
  /** Commands that, said with nothing after them, mean another (`incident declare` → `incident`). */
  bareAliases: Record<string, string>;
  /** Send a slash command's answer inside its ack when it is ready without I/O (slash-commands.ts). */
  answerInAck: boolean;
  /** Keeps track of work still running after the ack (for idle() and a clean stop). */
  track: (work: Promise<void>) => Promise<void>;
}

const isDmChannel = (id: string) => id.startsWith('D');

/** Said when a delivery's exactly-once claim cannot be stored (the data store refuses writes). */
export const NOT_RECORDED = '⚠️ Switchboard could not record this request (its data store is not accepting writes right now), so nothing was done. Please try again in a moment.';

export class SlackInbound {
  private readonly replies: ReplySender;
  private readonly commands: SlashCommands;

  constructor(private readonly deps: InboundDeps) {
    this.replies = new ReplySender(deps.chat, deps.client, deps.log);
    const { router, recent, bareAliases, answerInAck } = deps;
    this.commands = new SlashCommands({ router, recent, bareAliases, answerInAck, replies: this.replies, actor: (id, name) => this.actor(id, name) });
  }

  /** Registers one listener per kind of delivery; each acknowledges before any I/O. */
  register(app: App): void {
    const { track } = this.deps;
    // A slash command's ack may carry its answer (slash-commands.ts); it is never held back behind I/O.
    app.command(/.*/, async ({ ack, body }) => track(this.safely('command', () => this.commands.handle(body, ack))));
    app.action(/.*/, async ({ ack, body }) => {
      await ack();
      await track(this.safely('action', () => this.onAction(body)));
    });
    app.view({ type: 'view_submission', callback_id: /.*/ }, async ({ ack, body }) => {
      await ack();
      await track(this.safely('view', () => this.onSubmit(body)));
    });
    app.view({ type: 'view_closed', callback_id: /.*/ }, async ({ ack }) => ack());
    app.shortcut(/.*/, async ({ ack }) => ack());
    app.options(/.*/, async ({ ack }) => ack({ options: [] }));
    // Events are acknowledged by Bolt before listeners run.
    app.event('app_mention', async ({ body }) => track(this.safely('mention', () => this.onMessage(body.event_id, body.event))));
    app.event('message', async ({ body }) => track(this.safely('message', () => this.onMessage(body.event_id, body.event))));
    app.event('reaction_added', async ({ body }) => track(this.safely('reaction', () => this.onReaction(body.event_id, body.event))));
  }

  private async safely(what: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.deps.log.error({ err: { message: (e as Error).message, stack: (e as Error).stack }, what }, 'slack delivery failed');
    }
  }

  /**
   * True the first time a delivery is seen; a payload without an id cannot be deduplicated and
   * acts. When the claim cannot be stored, nothing acts (a retry would not be recognised) and the
   * person is told so: Slack was already acknowledged and will not send it again.
   */
  private async claim(id: string | undefined, to: () => Promise<ReplyTarget>): Promise<boolean> {
    if (!id) return true;
    try {
      const first = await this.deps.dedupe.claim(`slack:${id}`);
      if (!first) this.deps.log.debug({ delivery: id }, 'slack delivery seen before; ignored');
      return first;
    } catch (e) {
      this.deps.log.error({ err: { message: (e as Error).message }, delivery: id }, 'slack delivery could not be claimed; not acted on');
      await this.replies.send({ text: NOT_RECORDED, ephemeral: true }, await to());
      return false;
    }
  }

  /** The actor behind a Slack user: a configured person, or a looked-up guest. */
  private async actor(userId: string, fallbackName?: string): Promise<Actor> {
    const { people, chat } = this.deps;
    if (people.byAccount('slack', userId)) return people.actor('slack', userId);
    const u = await chat.lookupUser(userId).catch(() => undefined);
    return people.actor('slack', userId, u?.name ?? fallbackName, u?.timezone && isValidZone(u.timezone) ? u.timezone : undefined);
  }

  private async onMessage(eventId: string, event: unknown): Promise<void> {
    const mention = AppMentionSchema.safeParse(event);
    const dm = DirectMessageSchema.safeParse(event);
    const m = mention.success ? mention.data : dm.success ? dm.data : undefined;
    if (!m || m.bot_id || m.user === this.deps.botUserId()) return;
    if (dm.success && dm.data.subtype) return; // edits, joins, bot posts
    if (mention.success && isDmChannel(m.channel)) return; // the DM's message event answers it
    const channel: ChannelRef = { platform: 'slack', id: m.channel, threadId: m.thread_ts };
    const to: ReplyTarget = { channel, userId: m.user, isDm: isDmChannel(m.channel) };
    if (!(await this.claim(deliveryId('ev', eventId, []), async () => to))) return;
    const actor = await this.actor(m.user);
    const reply = await this.deps.router.dispatch({ actor, channel, text: messageCommand(m.text, this.deps.botUserId()), source: 'text' });
    await this.replies.send(reply, to);
  }

  private async onAction(body: unknown): Promise<void> {
    const parsed = BlockActionsSchema.safeParse(body);
    if (!parsed.success) return;
    const b = parsed.data;
    const action = b.actions[0];
    const intent = actionIntent(action, this.deps.payloads.get);
    if (intent.kind === 'none') return;
    const target = async (): Promise<ReplyTarget> => {
      const channel = await this.actionChannel(b.channel?.id ?? b.container?.channel_id, b.view?.private_metadata, b.user.id);
      return { channel, userId: b.user.id, isDm: isDmChannel(channel.id), respond: responder(b.response_url), triggerId: b.trigger_id };
    };
    if (!(await this.claim(deliveryId('act', b.trigger_id, [b.user.id, action.action_id, action.action_ts ?? '']), target))) return;
    const actor = await this.actor(b.user.id, b.user.username ?? b.user.name);
    const to = await target();
    if (intent.kind === 'form') {
      const form = parseForm(intent.formJson);
      if (!form || !(await this.replies.openModal(form, to))) await this.replies.send({ text: '⚠️ That form could not be opened. Please click the button again.', ephemeral: true }, to);
      return;
    }
    const reply = await this.deps.router.dispatch({ actor, channel: to.channel, text: intent.command, source: 'button', message: clickedMessage(b), canOpenForm: Boolean(b.trigger_id) });
    await this.replies.send(reply, to);
  }

  /** The channel of a click: the message's, or the origin of the modal it was in, or a DM. */
  private async actionChannel(channelId: string | undefined, metadata: string | undefined, userId: string): Promise<ChannelRef> {
    if (channelId) return { platform: 'slack', id: channelId };
    const meta = this.modalMeta(metadata);
    if (meta?.ch) return { platform: 'slack', id: meta.ch, threadId: meta.th };
    return { platform: 'slack', id: await this.deps.chat.dmChannel(userId) };
  }

  private modalMeta(metadata: string | undefined) {
    const slot = decodeSlot(metadata, this.deps.payloads.get);
    return slot?.kind === 'm' ? parseModalMeta(slot.data) : undefined;
  }

  private async onSubmit(body: unknown): Promise<void> {
    const parsed = ViewSubmissionSchema.safeParse(body);
    if (!parsed.success) return;
    const { user, view, trigger_id } = parsed.data;
    const meta = this.modalMeta(view.private_metadata);
    if (!meta) return; // not one of our modals
    const target = async (): Promise<ReplyTarget> => {
      const channel: ChannelRef = meta.ch ? { platform: 'slack', id: meta.ch, threadId: meta.th } : { platform: 'slack', id: await this.deps.chat.dmChannel(user.id) };
      return { channel, userId: user.id, isDm: isDmChannel(channel.id) };
    };
    if (!(await this.claim(deliveryId('view', trigger_id, [view.id, String(view.hash ?? '')]), target))) return;
    const actor = await this.actor(user.id, user.username ?? user.name);
    const to = await target();
    const reply = await this.deps.router.submitForm({ actor, channel: to.channel, canOpenForm: false }, meta.c, viewValues(view, this.deps.payloads.get));
    await this.replies.send(reply, to);
  }

  private async onReaction(eventId: string, event: unknown): Promise<void> {
    const parsed = ReactionAddedSchema.safeParse(event);
    if (!parsed.success) return;
    const r = parsed.data;
    const emoji = emojiName(r.reaction);
    const wanted = this.deps.router.skills().some((s) => s.reactions?.some((x) => x.emoji.includes(emoji)));
    if (!wanted || r.user === this.deps.botUserId()) return;
    const channel: ChannelRef = { platform: 'slack', id: r.item.channel };
    if (!(await this.claim(deliveryId('ev', eventId, []), async () => ({ channel, userId: r.user, isDm: isDmChannel(channel.id) })))) return;
    const actor = await this.actor(r.user);
    const target = await this.fetchMessage(r.item.channel, r.item.ts).catch((e) => {
      this.deps.log.warn({ err: { message: (e as Error).message } }, 'slack could not fetch the reacted message');
      return undefined;
    });
    await this.deps.router.reaction({ actor, channel, message: { platform: 'slack', channelId: r.item.channel, messageId: r.item.ts }, emoji, target });
  }

  /** The reacted-to message: from the channel's history, else from its thread. */
  private async fetchMessage(channel: string, ts: string) {
    const { client, people, chat } = this.deps;
    const history = await client.conversations.history({ channel, latest: ts, inclusive: true, limit: 1 });
    let m = history.messages?.find((x) => x.ts === ts);
    if (!m) {
      const replies = await client.conversations.replies({ channel, ts, latest: ts, inclusive: true, limit: 200 });
      m = replies.messages?.find((x) => x.ts === ts);
    }
    if (!m) return undefined;
    const authorId = m.user ?? m.bot_id ?? 'unknown';
    const known = (id: string) => people.byAccount('slack', id)?.name;
    if (m.user && !known(m.user)) await chat.lookupUser(m.user).catch(() => undefined);
    const nameOf = (id: string) => known(id) ?? chat.cachedName(id);
    return { text: slackToPlain(m.text ?? '', nameOf), authorName: nameOf(authorId) ?? m.username ?? authorId, authorId, at: new Date(Number(ts) * 1000) };
  }
}
