// Who may see a private incident, and which incident a channel belongs to. Pure.
import type { Actor, ChannelRef } from '../../core/types.js';
import type { Incident } from './model.js';

/** How an actor is listed on an incident: a person id, or `platform:userId` when unknown. */
export function memberOf(actor: Actor): { members: string[]; accounts: string[] } {
  return actor.personId ? { members: [actor.personId], accounts: [] } : { members: [], accounts: [`${actor.platform}:${actor.userId}`] };
}

/** Whether a channel (or a thread inside it) is one of the incident's own spaces. */
export function isIncidentChannel(inc: Pick<Incident, 'channels'>, channel: ChannelRef): boolean {
  return inc.channels.some((c) => c.platform === channel.platform && c.id === channel.id && (!c.threadId || c.threadId === channel.threadId));
}

/**
 * A public incident is visible to everyone; a private one to its members, admins, and
 * whoever speaks in its own channel (they are in it). Everyone else is told it does not exist.
 */
export function canSee(inc: Incident, actor: Actor, channel: ChannelRef | undefined, isAdmin: boolean): boolean {
  if (!inc.private || isAdmin) return true;
  if (actor.personId && inc.members.includes(actor.personId)) return true;
  if (inc.accounts.includes(`${actor.platform}:${actor.userId}`)) return true;
  return channel !== undefined && isIncidentChannel(inc, channel);
}

/** `inc-42-database-down`: lowercase ASCII words of the title, short enough for every platform. */
export function channelName(prefix: string, n: number, title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug ? `${prefix}-${n}-${slug}` : `${prefix}-${n}`;
}
