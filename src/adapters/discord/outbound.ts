// Every message Switchboard sends to Discord goes through here: the actions behind its
// `c:` buttons are stored first (durable before visible), then the REST call is made with
// discord.js's REST client (rate limits, retries). Interaction callbacks and webhook
// follow-ups need no bot token, so the HTTP-only mode answers without one.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Routes, type APIInteractionResponse, type APIMessage, type REST } from 'discord.js';
import type { ActionStore } from './action-store.js';
import type { Rendered } from './render.js';

/** The interaction being handled, so edits and ephemeral posts made meanwhile can use its token. */
export interface Session {
  interactionId: string;
  applicationId: string;
  token: string;
  userId: string;
  channelId?: string;
  /** The message whose component was clicked (edited through the interaction token). */
  messageId?: string;
  /** Resolves once the initial response went out; follow-ups wait for it. */
  acked: Promise<void>;
}

export const sessions = new AsyncLocalStorage<Session>();

const withFiles = (r: Rendered) => ({ body: r.body, ...(r.files.length ? { files: r.files } : {}) });

export class Outbound {
  constructor(
    readonly rest: REST,
    private readonly actions: ActionStore,
  ) {}

  /** Stores the rendered message's actions; call before the message becomes visible. */
  async prepare(r: Rendered): Promise<void> {
    if (r.stored.length) await this.actions.save(r.stored);
  }

  async createMessage(channelId: string, r: Rendered, replyTo?: string): Promise<APIMessage> {
    await this.prepare(r);
    const body = replyTo ? { ...r.body, message_reference: { message_id: replyTo, fail_if_not_exists: false } } : r.body;
    return (await this.rest.post(Routes.channelMessages(channelId), { ...withFiles(r), body })) as APIMessage;
  }

  async editMessage(channelId: string, messageId: string, r: Rendered): Promise<void> {
    await this.prepare(r);
    await this.rest.patch(Routes.channelMessage(channelId, messageId), { body: r.body });
  }

  /** The initial response to an interaction over the REST callback route (gateway mode). */
  async callback(interactionId: string, token: string, body: APIInteractionResponse): Promise<void> {
    await this.rest.post(Routes.interactionCallback(interactionId, token), { body, auth: false });
  }

  async followUp(s: Pick<Session, 'applicationId' | 'token'>, r: Rendered): Promise<APIMessage> {
    await this.prepare(r);
    return (await this.rest.post(Routes.webhook(s.applicationId, s.token), { ...withFiles(r), auth: false })) as APIMessage;
  }

  /** Edits the interaction's original message (the deferred reply, or the clicked message). */
  async editOriginal(s: Pick<Session, 'applicationId' | 'token'>, r: Rendered): Promise<void> {
    await this.prepare(r);
    const { flags: _flags, ...body } = r.body;
    await this.rest.patch(Routes.webhookMessage(s.applicationId, s.token, '@original'), { ...withFiles(r), body, auth: false });
  }

  async deleteOriginal(s: Pick<Session, 'applicationId' | 'token'>): Promise<void> {
    await this.rest.delete(Routes.webhookMessage(s.applicationId, s.token, '@original'), { auth: false });
  }
}
