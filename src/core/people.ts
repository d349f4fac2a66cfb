// The people directory: one person recognised across platforms. Maps platform accounts to
// `people[]` entries, resolves mentions, and answers each person's zone and platform ids.
import type { Config, PersonConfig } from './config/index.js';
import type { Actor, PlatformId } from './types.js';

export type Person = PersonConfig;

export class Directory {
  private readonly byId = new Map<string, Person>();
  private readonly byPlatform = new Map<string, Person>();
  readonly defaultZone: string;

  constructor(private readonly config: Config) {
    this.defaultZone = config.timezone;
    for (const p of config.people) {
      this.byId.set(p.id, p);
      if (p.slack) this.byPlatform.set(`slack:${p.slack}`, p);
      if (p.discord) this.byPlatform.set(`discord:${p.discord}`, p);
      if (p.teams) this.byPlatform.set(`teams:${p.teams}`, p);
      if (p.teams_aad) this.byPlatform.set(`teams:${p.teams_aad.toLowerCase()}`, p);
      this.byPlatform.set(`console:${p.id}`, p);
    }
  }

  /** Everyone in the config. */
  all(): Person[] {
    return [...this.byId.values()];
  }

  get(id: string): Person | undefined {
    return this.byId.get(id);
  }

  /** The person behind a platform account, if configured. */
  byAccount(platform: PlatformId, userId: string): Person | undefined {
    return this.byPlatform.get(`${platform}:${platform === 'teams' ? userId.toLowerCase() : userId}`) ?? this.byPlatform.get(`${platform}:${userId}`);
  }

  /** The person's account id on a platform (console: the person id). */
  accountOn(person: Person, platform: PlatformId): string | undefined {
    if (platform === 'console') return person.id;
    // Teams can also reach someone known only by their Azure AD object id.
    if (platform === 'teams') return person.teams ?? person.teams_aad;
    return person[platform];
  }

  /** The zone a person reads times in: theirs, else their first team's, else the org's. */
  zoneOf(person: Person | undefined): string {
    if (!person) return this.defaultZone;
    if (person.timezone) return person.timezone;
    const team = this.config.teams.find((t) => t.members.includes(person.id) && t.timezone);
    return team?.timezone ?? this.defaultZone;
  }

  /** Builds the Actor for a platform account (unknown accounts get a name and the org zone). */
  actor(platform: PlatformId, userId: string, fallbackName?: string, fallbackZone?: string): Actor {
    const p = this.byAccount(platform, userId);
    return {
      platform,
      userId,
      personId: p?.id,
      name: p?.name ?? fallbackName ?? userId,
      timezone: p ? this.zoneOf(p) : (fallbackZone ?? this.defaultZone),
    };
  }

  /** Teams a person belongs to. */
  teamsOf(personId: string): string[] {
    return this.config.teams.filter((t) => t.members.includes(personId)).map((t) => t.id);
  }

  /** A name for messages: the person's name, or the id when unknown. */
  nameOf(personId: string): string {
    return this.byId.get(personId)?.name ?? personId;
  }

  /**
   * Resolves a token that names a person: `@id`, a bare id, `<@U123>`, `<@!123>`, `<@123>`,
   * `<@U123|name>`, or the mention forms the adapters produce (`<@teams:29:…>`).
   */
  resolve(token: string, platform: PlatformId): Person | undefined {
    const t = token.trim();
    const m = /^<@!?([^>|]+)(?:\|[^>]*)?>$/.exec(t);
    if (m) {
      const inner = m[1];
      const qualified = /^(slack|discord|teams|console):(.+)$/.exec(inner);
      if (qualified) return this.byAccount(qualified[1] as PlatformId, qualified[2]);
      return this.byAccount(platform, inner) ?? this.byId.get(inner);
    }
    const id = t.startsWith('@') ? t.slice(1) : t;
    return this.byId.get(id.toLowerCase());
  }
}
