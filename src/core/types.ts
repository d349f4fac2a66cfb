// Platform-neutral identities of people, channels and messages. Stored records embed
// ChannelRef and MessageRef, so they are zod schemas first and types second.
import { z } from 'zod';

export const PLATFORMS = ['slack', 'discord', 'teams', 'console'] as const;
export const PlatformIdSchema = z.enum(PLATFORMS);
export type PlatformId = z.infer<typeof PlatformIdSchema>;

/** A place messages go: a channel, a DM conversation, or a thread inside one. */
export const ChannelRefSchema = z.object({
  platform: PlatformIdSchema,
  id: z.string().min(1),
  threadId: z.string().optional(),
  /** Teams: the Bot Connector URL that serves this conversation. */
  serviceUrl: z.string().optional(),
});
export type ChannelRef = z.infer<typeof ChannelRefSchema>;

/** One posted message, so it can be edited in place later. */
export const MessageRefSchema = z.object({
  platform: PlatformIdSchema,
  channelId: z.string().min(1),
  messageId: z.string().min(1),
  threadId: z.string().optional(),
  serviceUrl: z.string().optional(),
});
export type MessageRef = z.infer<typeof MessageRefSchema>;

/** Who is acting: the platform account, and the configured person behind it when known. */
export interface Actor {
  platform: PlatformId;
  /** The platform's own user id (`U123`, a Discord snowflake, `29:…`, a console person id). */
  userId: string;
  /** The `people[].id` this account belongs to; undefined for people not in the config. */
  personId?: string;
  /** A display name for messages and the audit log. */
  name: string;
  /** IANA zone used to read times this actor types. */
  timezone: string;
}

/** The actor as stored in timelines and the audit log. */
export const ActorRefSchema = z.object({
  platform: PlatformIdSchema,
  userId: z.string(),
  personId: z.string().optional(),
  name: z.string(),
});
export type ActorRef = z.infer<typeof ActorRefSchema>;

export function actorRef(a: Actor): ActorRef {
  return { platform: a.platform, userId: a.userId, personId: a.personId, name: a.name };
}

/** Per-platform ids of one logical channel, as written in the config. */
export const ChannelSpecSchema = z
  .object({
    slack: z.string().min(1).optional(),
    discord: z.string().min(1).optional(),
    teams: z.string().min(1).optional(),
    console: z.string().min(1).optional(),
  })
  .strict();
export type ChannelSpec = z.infer<typeof ChannelSpecSchema>;
