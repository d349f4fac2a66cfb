// Puts the application commands on Discord: bulk overwrite (PUT), so commands a skill no
// longer has disappear too. A guild's commands update at once; global ones may take a while
// to reach every client.
import { REST, Routes, type RESTOptions } from 'discord.js';
import type { CommandDef } from './command-defs.js';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Register in this server only (instant); omit for global commands. */
  guildId?: string;
  apiUrl?: string;
  rest?: Partial<RESTOptions>;
}

export interface Registered {
  scope: string;
  names: string[];
}

export async function registerCommands(definitions: CommandDef[], o: RegisterOptions): Promise<Registered> {
  const rest = new REST({ version: '10', ...(o.apiUrl ? { api: o.apiUrl } : {}), ...o.rest }).setToken(o.token);
  const route = o.guildId ? Routes.applicationGuildCommands(o.applicationId, o.guildId) : Routes.applicationCommands(o.applicationId);
  const saved = (await rest.put(route, { body: definitions })) as Array<{ name: string }>;
  return { scope: o.guildId ? `server ${o.guildId}` : 'global', names: saved.map((c) => c.name) };
}
