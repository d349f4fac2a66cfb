// The parts of Discord's payloads Switchboard reads, validated at the edge: a payload that
// does not fit gets a clear answer (or is ignored), never an exception deeper in. Everything
// else in a payload passes through untouched (loose objects).
import { z } from 'zod';

const id = z.string().regex(/^\d{1,25}$/);

const UserSchema = z.looseObject({ id, username: z.string(), global_name: z.string().nullish(), bot: z.boolean().optional() });

type Option = { name: string; type: number; value?: string | number | boolean; options?: Option[] };
const OptionSchema: z.ZodType<Option> = z.lazy(() =>
  z.looseObject({ name: z.string().max(32), type: z.number().int(), value: z.union([z.string(), z.number(), z.boolean()]).optional(), options: z.array(OptionSchema).max(25).optional() }),
);

/** What every interaction must have for Switchboard to act on it. */
export const InteractionSchema = z.looseObject({
  id,
  application_id: id,
  type: z.number().int().min(1).max(5),
  token: z.string().min(1).max(1000),
  channel: z.looseObject({ id, type: z.number().int().optional(), parent_id: id.nullish() }).optional(),
  channel_id: id.optional(),
  member: z.looseObject({ user: UserSchema }).optional(),
  user: UserSchema.optional(),
  message: z.looseObject({ id, channel_id: id, flags: z.number().int().optional() }).optional(),
});

export const CommandDataSchema = z.looseObject({ name: z.string().max(32), type: z.number().int(), options: z.array(OptionSchema).max(25).optional() });
export const ComponentDataSchema = z.looseObject({ custom_id: z.string().max(100), component_type: z.number().int(), values: z.array(z.string().max(100)).max(25).optional() });
export const ModalDataSchema = z.looseObject({ custom_id: z.string().max(100), components: z.array(z.looseObject({})).max(10) });

/** The data schema each interaction type must satisfy (PING and autocomplete need none). */
export const DATA_SCHEMAS: Record<number, z.ZodType | undefined> = { 2: CommandDataSchema, 3: ComponentDataSchema, 5: ModalDataSchema };

export const MessageCreateSchema = z.looseObject({ id, channel_id: id, author: UserSchema, content: z.string().optional(), webhook_id: z.string().optional() });

export const ReactionAddSchema = z.looseObject({
  user_id: id,
  channel_id: id,
  message_id: id,
  emoji: z.looseObject({ name: z.string().nullish() }),
  member: z.looseObject({ user: UserSchema.optional() }).optional(),
});

/** True when the payload has what Switchboard reads (the interaction and its type's data). */
export function validInteraction(raw: unknown): boolean {
  const env = InteractionSchema.safeParse(raw);
  if (!env.success) return false;
  const schema = DATA_SCHEMAS[env.data.type];
  const needsMessage = env.data.type === 3;
  return (!schema || schema.safeParse((raw as { data?: unknown }).data).success) && (!needsMessage || env.data.message !== undefined);
}
