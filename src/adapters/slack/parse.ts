// Slack payloads → neutral pieces (pure). The schemas validate what we read at the edge: a
// signed request whose body is none of these shapes is answered 400 by the receiver, and a
// listener only ever sees fields it has checked.
import { z } from 'zod';
import type { MessageRef } from '../../core/types.js';
import { unescapeSlack } from './mrkdwn.js';
import { decodeSlot, type SlotKind } from './slots.js';

const id = z.string().min(1).max(100);

export const SlashCommandSchema = z.object({
  command: z.string().regex(/^\/[\w.-]{1,40}$/),
  text: z.string().max(20_000).default(''),
  user_id: id,
  user_name: z.string().optional(),
  channel_id: id,
  response_url: z.string().optional(),
  trigger_id: z.string().optional(),
});
export type SlashCommand = z.infer<typeof SlashCommandSchema>;

export const EventEnvelopeSchema = z.object({
  type: z.literal('event_callback'),
  event_id: id,
  event: z.looseObject({ type: z.string().min(1) }),
});

const ActionSchema = z.looseObject({
  action_id: z.string().min(1).max(255),
  type: z.string(),
  value: z.string().optional(),
  selected_option: z.object({ value: z.string() }).nullish(),
  action_ts: z.string().optional(),
});

export const BlockActionsSchema = z.looseObject({
  type: z.literal('block_actions'),
  user: z.looseObject({ id, name: z.string().optional(), username: z.string().optional() }),
  actions: z.array(ActionSchema).min(1),
  trigger_id: z.string().optional(),
  response_url: z.string().optional(),
  channel: z.looseObject({ id }).optional(),
  container: z.looseObject({ type: z.string(), message_ts: z.string().optional(), channel_id: z.string().optional(), is_ephemeral: z.boolean().optional() }).optional(),
  message: z.looseObject({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  view: z.looseObject({ id: z.string().optional(), private_metadata: z.string().optional() }).optional(),
});
export type BlockActions = z.infer<typeof BlockActionsSchema>;

const StateValueSchema = z.looseObject({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_date: z.string().nullish(),
  selected_date_time: z.number().nullish(),
});

export const ViewSubmissionSchema = z.looseObject({
  type: z.literal('view_submission'),
  user: z.looseObject({ id, name: z.string().optional(), username: z.string().optional() }),
  trigger_id: z.string().optional(),
  view: z.looseObject({
    id,
    callback_id: z.string().optional(),
    private_metadata: z.string().default(''),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), StateValueSchema)) }),
  }),
});
export type ViewSubmission = z.infer<typeof ViewSubmissionSchema>;

/** Interactions we acknowledge and otherwise ignore. */
const OtherInteractionSchema = z.looseObject({ type: z.enum(['view_closed', 'shortcut', 'message_action', 'block_suggestion']) });

/** Whether a signed, parsed body is something Slack sends us; anything else gets a 400. */
export function isSlackEnvelope(body: unknown): boolean {
  return [SlashCommandSchema, EventEnvelopeSchema, BlockActionsSchema, ViewSubmissionSchema, OtherInteractionSchema].some((s) => s.safeParse(body).success);
}

// ---- events ------------------------------------------------------------------------------

export const AppMentionSchema = z.looseObject({ type: z.literal('app_mention'), user: id, text: z.string().default(''), channel: id, ts: z.string(), thread_ts: z.string().optional(), bot_id: z.string().optional() });
export const DirectMessageSchema = z.looseObject({
  type: z.literal('message'),
  channel_type: z.literal('im'),
  user: id,
  text: z.string().default(''),
  channel: id,
  ts: z.string(),
  thread_ts: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
});
export const ReactionAddedSchema = z.looseObject({ type: z.literal('reaction_added'), user: id, reaction: z.string().min(1), item: z.looseObject({ type: z.literal('message'), channel: id, ts: z.string() }) });

// ---- text --------------------------------------------------------------------------------

/** Slack's own tokens in typed text → what was typed: `<https://x|x>` → `https://x`, entities undone; mentions stay. */
function typedText(text: string): string {
  return unescapeSlack(text.replace(/<((?:https?|mailto):[^|<>\s]+)(?:\|[^<>]*)?>/g, '$1'));
}

/** `/incident declare sev2 …` → `incident declare sev2 …` (`/ops …` keeps `ops`; the router drops it). */
export function commandText(command: string, text: string): string {
  return `${command.replace(/^\//, '')} ${typedText(text)}`.trim();
}

/**
 * The command in a mention or DM: the text after the bot's mention when there is one
 * (`hey <@B1> incident list` → `incident list`), else the whole text; Slack's escaping undone.
 */
export function messageCommand(text: string, botUserId: string | undefined): string {
  let t = text;
  if (botUserId) {
    const re = new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`);
    const m = re.exec(t);
    if (m) t = t.slice(m.index + m[0].length);
  }
  return typedText(t.replace(/^[\s:,]+/, '')).trim();
}

/** `thumbsup::skin-tone-2` → `thumbsup`. */
export function emojiName(reaction: string): string {
  return reaction.split('::')[0];
}

// ---- interactions ------------------------------------------------------------------------

/** A delivery id for exactly-once claims: events by event_id, interactions by trigger_id. */
export function deliveryId(kind: 'ev' | 'cmd' | 'act' | 'view', primary: string | undefined, fallback: string[]): string {
  return `${kind}:${primary ?? fallback.join(':')}`;
}

export type ActionIntent = { kind: 'command'; command: string } | { kind: 'form'; formJson: string } | { kind: 'none' };

/** What a clicked button or chosen option asks for, read from the slot we wrote. */
export function actionIntent(action: z.infer<typeof ActionSchema>, lookup: (hash: string) => string | undefined): ActionIntent {
  const m = /^sb\.(cmd|form|sel|url)\./.exec(action.action_id);
  if (!m || m[1] === 'url') return { kind: 'none' };
  const raw = m[1] === 'sel' ? action.selected_option?.value : action.value;
  const slot = decodeSlot(raw ?? undefined, lookup);
  const want: SlotKind = m[1] === 'form' ? 'f' : 'c';
  if (!slot || slot.kind !== want) return { kind: 'none' };
  return want === 'f' ? { kind: 'form', formJson: slot.data } : { kind: 'command', command: slot.data };
}

/** The clicked message, for in-place updates by the skill. */
export function clickedMessage(body: BlockActions): MessageRef | undefined {
  const ts = body.container?.message_ts ?? body.message?.ts;
  const channel = body.container?.channel_id ?? body.channel?.id;
  if (!ts || !channel || body.container?.is_ephemeral) return undefined;
  return { platform: 'slack', channelId: channel, messageId: ts, threadId: body.message?.thread_ts };
}

/** A modal's answers by input id; a chosen option's slot is decoded, a date-time becomes ISO. */
export function viewValues(view: ViewSubmission['view'], lookup: (hash: string) => string | undefined): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [blockId, actions] of Object.entries(view.state.values)) {
    const v = actions.v ?? Object.values(actions)[0];
    if (!v) continue;
    if (v.selected_option) {
      const slot = decodeSlot(v.selected_option.value, lookup);
      out[blockId] = slot?.kind === 'v' ? slot.data : undefined;
    } else if (typeof v.selected_date_time === 'number') {
      out[blockId] = new Date(v.selected_date_time * 1000).toISOString().replace(/\.000Z$/, 'Z');
    } else if (v.selected_date) {
      out[blockId] = v.selected_date;
    } else {
      out[blockId] = v.value ?? undefined;
    }
  }
  return out;
}
