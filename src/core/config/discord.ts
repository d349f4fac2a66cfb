// Discord-specific settings (optional): where incident channels are made. Platform ids are
// configuration like any other; the credentials stay in the environment.
import { z } from 'zod';
import { got, platformIdString } from './primitives.js';

const snowflake = (what: string) =>
  platformIdString(what).regex(/^\d{5,25}$/, { error: (i) => `expected a Discord ${what} (digits, in quotes), got ${got(i.input)}` });

export const discordSchema = z
  .object({
    /** `channel`: a text channel per incident; `thread`: a thread in the team's incident channel. */
    incident_channels: z.enum(['channel', 'thread'], { error: (i) => `expected channel or thread, got ${got(i.input)}` }).default('channel'),
    /** The server (guild) incident channels are created in when no parent channel tells. */
    guild: snowflake('server id').optional(),
    /** The category new incident channels go in (default: the parent channel's category). */
    category: snowflake('category id').optional(),
  })
  .strict();
export type DiscordConfig = z.infer<typeof discordSchema>;
