// The chat side of an incident, through the neutral ChatHub: its own channels (a channel, or
// a thread where the platform cannot create one), invitations, the card kept current in place,
// posts to the incident channels and announcements in the team's incidents channel.
// Every call here happens after the change is stored; a platform failure is logged by the hub
// and never undoes or fails the change.
import type { OutMessage } from '../../core/card.js';
import type { SkillDeps } from '../../core/skill.js';
import type { Actor, ChannelRef, MessageRef } from '../../core/types.js';
import { vendorsOf } from '../vendor/index.js';
import { announcementCard, incidentCard, type CardContext } from './cards.js';
import type { Incident } from './model.js';
import { severityTable, type SeverityTable } from './severities.js';

export interface OpenedSpaces {
  channels: ChannelRef[];
  /** Thread roots opened in a team incidents channel: there the starter is the announcement, kept current like one. */
  roots: MessageRef[];
}

/** The root message of a thread (its id is the thread's id), so it can be edited in place. */
const rootOf = (c: ChannelRef & { threadId: string }): MessageRef => ({
  platform: c.platform,
  channelId: c.id,
  messageId: c.threadId,
  threadId: c.threadId,
  ...(c.serviceUrl ? { serviceUrl: c.serviceUrl } : {}),
});

/** Whether the incident lives as a thread inside this channel (so the channel hears of it there). */
const threadIn = (inc: Pick<Incident, 'channels'>, c: ChannelRef): boolean => inc.channels.some((x) => x.platform === c.platform && x.id === c.id && x.threadId !== undefined);

export class IncidentSpaces {
  readonly severities: SeverityTable;
  /** One refresh at a time per incident, always rendering the latest stored state. */
  private readonly refreshing = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: SkillDeps,
    private readonly latest: (id: string) => Incident | undefined,
  ) {
    this.severities = severityTable(deps.config);
  }

  /** The zone of the incident's team (else the organisation's): the channel's shared clock. */
  teamZone(inc: Pick<Incident, 'teamId'>): string {
    return this.deps.config.teams.find((t) => t.id === inc.teamId)?.timezone ?? this.deps.config.timezone;
  }

  cardContext(zone: string): CardContext {
    const { config, people } = this.deps;
    return {
      severities: this.severities,
      serviceName: (id) => config.services.find((s) => s.id === id)?.name ?? id,
      name: (id) => people.nameOf(id),
      people: people.all().map((p) => ({ id: p.id, name: p.name })),
      zone,
      now: this.deps.clock.now(),
      vendors: (serviceId) => vendorsOf(config, serviceId),
    };
  }

  /** The team's incidents channels on the running platforms (none for private incidents). */
  announcementChannels(inc: Pick<Incident, 'teamId' | 'private'>): ChannelRef[] {
    if (inc.private || !inc.teamId) return [];
    return this.deps.chat.teamChannel(inc.teamId, 'incidents');
  }

  private names(inc: Incident): string[] {
    // A thread has no name to join: its root is the announcement itself.
    return inc.channels
      .filter((c) => !c.threadId)
      .map((c) => (c.platform === 'console' ? c.id : `#${inc.channelName}`))
      .filter((n, i, a) => a.indexOf(n) === i);
  }

  announcement(inc: Incident): OutMessage {
    const card = announcementCard(inc, this.cardContext(this.teamZone(inc)), this.names(inc));
    return { card };
  }

  card(inc: Incident): OutMessage {
    return { card: incidentCard(inc, this.cardContext(this.teamZone(inc))) };
  }

  /**
   * Opens the incident's spaces: on the declarer's platform, and on every other running
   * platform where the owning team has an incidents channel (the parent for a thread).
   */
  async open(inc: Incident, declarer: Actor): Promise<OpenedSpaces> {
    const parents = this.deps.chat.teamChannel(inc.teamId ?? '', 'incidents');
    const platforms = this.deps.chat.platforms().filter((p) => p === declarer.platform || parents.some((c) => c.platform === p));
    platforms.sort((a, b) => Number(b === declarer.platform) - Number(a === declarer.platform));
    const starter = this.announcement(inc);
    const opened = await Promise.all(
      platforms.map(async (platform) => {
        const parent = parents.find((c) => c.platform === platform);
        const topic = `${inc.severity} · ${inc.title}`.slice(0, 250);
        // A private incident never opens a thread in a shared channel: its title would show there.
        const channel = await this.deps.chat.createChannel(platform, inc.private ? { name: inc.channelName, private: true, topic } : { name: inc.channelName, topic, parent, threadStarter: starter });
        // A thread opened inside the incidents channel itself already announces the incident there.
        const root = channel?.threadId && parent && channel.id === parent.id && !inc.private ? rootOf({ ...channel, threadId: channel.threadId }) : undefined;
        return { channel, root };
      }),
    );
    return {
      channels: opened.flatMap((o) => (o.channel ? [o.channel] : [])),
      roots: opened.flatMap((o) => (o.root ? [o.root] : [])),
    };
  }

  /** Invites people (person ids) and, for a declarer not in the config, their own account. */
  async invite(inc: Incident, personIds: string[], guest?: Actor): Promise<void> {
    await Promise.all(
      inc.channels.map(async (channel) => {
        if (personIds.length) await this.deps.chat.invitePeople(channel, personIds);
        const port = guest && guest.platform === channel.platform ? this.deps.chat.port(channel.platform) : undefined;
        if (port && guest) await port.invite(channel, [guest.userId]).catch((e) => this.deps.log.warn({ err: { message: (e as Error).message } }, 'invite failed'));
      }),
    );
  }

  /** Posts to the incident's own channels (without any: where its card is). */
  toIncident(inc: Incident, msg: OutMessage): Promise<MessageRef[]> {
    const where = inc.channels.length ? inc.channels : inc.cards.map((c) => ({ platform: c.platform, id: c.channelId, threadId: c.threadId, serviceUrl: c.serviceUrl }));
    return this.deps.chat.postAll(where, msg);
  }

  /**
   * Posts to the team's incidents channels (not for private incidents). Where the incident is a
   * thread in that channel, the thread gets the post (toIncident) and its root is kept current:
   * posting it at the top as well would say everything twice in one channel.
   */
  toAnnouncements(inc: Incident, msg: OutMessage): Promise<MessageRef[]> {
    return this.deps.chat.postAll(
      this.announcementChannels(inc).filter((c) => !threadIn(inc, c)),
      msg,
    );
  }

  /** Brings the card and the announcement up to date in place, from the latest stored state. */
  refresh(id: string): Promise<void> {
    const prev = this.refreshing.get(id) ?? Promise.resolve();
    const next = prev.then(async () => {
      const inc = this.latest(id);
      if (!inc) return;
      await this.deps.chat.update(inc.cards, this.card(inc));
      if (inc.announcements.length) await this.deps.chat.update(inc.announcements, this.announcement(inc));
    });
    const settled = next.catch((e) => this.deps.log.warn({ err: e, incident: id }, 'incident card refresh failed'));
    this.refreshing.set(id, settled);
    void settled.then(() => {
      if (this.refreshing.get(id) === settled) this.refreshing.delete(id);
    });
    return settled;
  }
}
