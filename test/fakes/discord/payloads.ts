// Discord payloads as Discord sends them (typed with discord-api-types): slash commands,
// button clicks, select choices, modal submissions, messages and reactions. Ids and tokens
// are fresh per call, so each is a new delivery unless a test repeats one on purpose.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionType,
  type APIApplicationCommandInteractionDataOption,
  type APIChatInputApplicationCommandInteraction,
  type APIMessageComponentInteraction,
  type APIModalSubmitInteraction,
  type APIUser,
  type GatewayMessageCreateDispatchData,
  type GatewayMessageReactionAddDispatchData,
} from 'discord-api-types/v10';
import { messagePayload, nextId } from './rest.js';

export const APP_ID = '340000000000000001';
export const GUILD_ID = '330000000000000001';
/** The example config's Discord channels: platform and payments teams, incidents, changes. */
export const CHANNEL = { platform: '320000000000000001', incidents: '320000000000000002', payments: '320000000000000003', changes: '320000000000000004', category: '320000000000000099' } as const;

export const user = (id: string, username: string, global_name: string | null = null): APIUser => ({ id, username, global_name, discriminator: '0', avatar: null });
export const ALICE = user('310000000000000001', 'alice', 'Alice Martin');
export const BOB = user('310000000000000002', 'bob', 'Bob Okafor');
export const STRANGER = user('310000000000009999', 'mallory', 'Mallory');
export const BOT = { ...user('350000000000000001', 'switchboard', 'Switchboard'), bot: true };

interface Common {
  user?: APIUser;
  channelId?: string;
  id?: string;
  token?: string;
  /** In a DM with the bot (channelId is the DM channel): `user` instead of guild and member. */
  dm?: boolean;
  /** channelId is a thread of this channel. */
  threadOf?: string;
}

function envelope(c: Common) {
  const u = c.user ?? ALICE;
  const channelId = c.channelId ?? CHANNEL.platform;
  if (c.dm) {
    return {
      id: c.id ?? nextId(),
      application_id: APP_ID,
      token: c.token ?? `tok-${nextId()}`,
      version: 1 as const,
      channel: { id: channelId, type: 1 },
      channel_id: channelId,
      user: u,
      app_permissions: '0',
      locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: {},
      context: 1,
      attachment_size_limit: 8_388_608,
    };
  }
  return {
    id: c.id ?? nextId(),
    application_id: APP_ID,
    token: c.token ?? `tok-${nextId()}`,
    version: 1 as const,
    guild_id: GUILD_ID,
    guild: { id: GUILD_ID, features: [], locale: 'en-US' },
    channel: c.threadOf ? { id: channelId, type: 11, parent_id: c.threadOf } : { id: channelId, type: 0 },
    channel_id: channelId,
    member: { user: u, roles: [], joined_at: '2026-01-01T00:00:00Z', deaf: false, mute: false, flags: 0, permissions: '0' },
    app_permissions: '0',
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: {},
    context: 0,
    attachment_size_limit: 8_388_608,
  };
}

export type OptionValue = string | number | boolean;

const TYPE_OF = (v: OptionValue, user: boolean) =>
  user ? ApplicationCommandOptionType.User : typeof v === 'number' ? ApplicationCommandOptionType.Integer : typeof v === 'boolean' ? ApplicationCommandOptionType.Boolean : ApplicationCommandOptionType.String;

/** `/name [sub] option:value…`; option names starting with `@` are user options. */
export function slashCommand(name: string, sub: string | undefined, options: Record<string, OptionValue> = {}, c: Common = {}): APIChatInputApplicationCommandInteraction {
  const opts = Object.entries(options).map(([k, v]) => ({ name: k.replace(/^@/, ''), type: TYPE_OF(v, k.startsWith('@')), value: v })) as APIApplicationCommandInteractionDataOption[];
  const data = {
    id: nextId(),
    name,
    type: ApplicationCommandType.ChatInput,
    options: sub ? [{ name: sub, type: ApplicationCommandOptionType.Subcommand, options: opts }] : opts,
  };
  return { ...envelope(c), type: InteractionType.ApplicationCommand, data } as unknown as APIChatInputApplicationCommandInteraction;
}

/** A click on a button (or a choice in a select with `values`) of a posted message. */
export function componentClick(customId: string, message: { id: string; channel_id: string; flags?: number }, values?: string[], c: Common = {}): APIMessageComponentInteraction {
  const data = values ? { custom_id: customId, component_type: ComponentType.StringSelect, values } : { custom_id: customId, component_type: ComponentType.Button };
  const msg = { id: message.id, channel_id: message.channel_id, flags: message.flags ?? 0, content: '', embeds: [], components: [], author: BOT, timestamp: new Date().toISOString() };
  return { ...envelope({ channelId: message.channel_id, ...c }), type: InteractionType.MessageComponent, data, message: msg } as unknown as APIMessageComponentInteraction;
}

/**
 * A submitted modal; each answer in a Label, as current Discord clients send them (an array
 * answers a select). A modal opened from a button carries that button's message, as on Discord.
 */
export function modalSubmit(customId: string, answers: Record<string, string | string[]>, c: Common & { message?: { id: string; channel_id: string } } = {}): APIModalSubmitInteraction {
  const components = Object.entries(answers).map(([id, value], i) => ({
    type: ComponentType.Label,
    id: i + 1,
    component: Array.isArray(value) ? { type: ComponentType.StringSelect, id: i + 10, custom_id: id, values: value } : { type: ComponentType.TextInput, id: i + 10, custom_id: id, value },
  }));
  const message = c.message ? { message: { id: c.message.id, channel_id: c.message.channel_id, flags: 0, content: '', embeds: [], components: [], author: BOT, timestamp: new Date().toISOString() } } : {};
  const channelId = c.channelId ?? c.message?.channel_id;
  return { ...envelope({ ...c, channelId }), ...message, type: InteractionType.ModalSubmit, data: { custom_id: customId, components } } as unknown as APIModalSubmitInteraction;
}

export function messageCreate(content: string, c: Common = {}): GatewayMessageCreateDispatchData {
  const member = { roles: [], joined_at: '2026-01-01T00:00:00Z', deaf: false, mute: false, flags: 0 };
  const m = messagePayload(c.channelId ?? CHANNEL.platform, c.user ?? ALICE, { content, ...(c.id ? { id: c.id } : {}) });
  return { ...m, guild_id: GUILD_ID, member } as unknown as GatewayMessageCreateDispatchData;
}

export function reactionAdd(emoji: string, message: { id: string; channel_id: string }, c: Common = {}): GatewayMessageReactionAddDispatchData {
  const u = c.user ?? ALICE;
  return {
    user_id: u.id,
    channel_id: message.channel_id,
    message_id: message.id,
    guild_id: GUILD_ID,
    member: { user: u, roles: [], joined_at: '2026-01-01T00:00:00Z', deaf: false, mute: false, flags: 0 },
    emoji: { id: null, name: emoji },
    burst: false,
    type: 0,
  } as unknown as GatewayMessageReactionAddDispatchData;
}
