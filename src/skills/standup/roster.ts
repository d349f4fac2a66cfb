// Who takes part in which standup, in which zone: the config read once, with the lookups the
// commands and the scheduled rounds share.
import type { Config, StandupConfig, TeamConfig } from '../../core/config/index.js';
import { UserError } from '../../core/errors.js';
import type { Directory } from '../../core/people.js';
import { standupDayOf } from './calendar.js';

export class Roster {
  constructor(
    private readonly config: Config,
    private readonly people: Directory,
  ) {}

  all(): StandupConfig[] {
    return this.config.standups;
  }

  get(id: string): StandupConfig | undefined {
    return this.config.standups.find((s) => s.id === id);
  }

  /** A standup named by its id or by its team's id. */
  find(key: string): StandupConfig | undefined {
    const k = key.toLowerCase().replace(/^#/, '');
    return this.get(k) ?? this.config.standups.find((s) => s.team === k);
  }

  team(s: StandupConfig): TeamConfig | undefined {
    return this.config.teams.find((t) => t.id === s.team);
  }

  teamName(s: StandupConfig): string {
    return this.team(s)?.name ?? s.team;
  }

  /** The team's zone: summaries, reminders and standup days are read in it. */
  zone(s: StandupConfig): string {
    return this.team(s)?.timezone ?? this.config.timezone;
  }

  members(s: StandupConfig): string[] {
    return this.team(s)?.members ?? [];
  }

  /** The standups a person takes part in. */
  of(personId: string): StandupConfig[] {
    return this.config.standups.filter((s) => this.members(s).includes(personId));
  }

  /** Members grouped by their own zone: one prompt schedule per zone. */
  promptZones(s: StandupConfig): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const id of this.members(s)) {
      const zone = this.people.zoneOf(this.people.get(id));
      out.set(zone, [...(out.get(zone) ?? []), id]);
    }
    return out;
  }

  /** The standup day an instant belongs to (the day of the next summary). */
  dayAt(s: StandupConfig, at: Date): string {
    return standupDayOf(s, this.zone(s), at);
  }

  /** The standup a command is about: named by `key`, else the speaker's only one. */
  pick(personId: string | undefined, key: string | undefined): StandupConfig {
    const ids = this.config.standups.map((s) => s.id).join(', ');
    if (this.config.standups.length === 0) throw new UserError('No standups are configured (see `standups:` in the config).');
    if (key) {
      const s = this.find(key);
      if (!s) throw new UserError(`There is no standup or team "${key.slice(0, 40)}". Standups: ${ids}.`);
      return s;
    }
    const mine = personId ? this.of(personId) : [];
    if (mine.length === 1) return mine[0];
    if (mine.length > 1) throw new UserError(`You are in ${mine.length} standups (${mine.map((s) => s.id).join(', ')}): say which with team:<id>.`);
    if (this.config.standups.length === 1) return this.config.standups[0];
    throw new UserError(`Say which standup with team:<id>. Standups: ${ids}.`);
  }

  /** The standup a person answers: like `pick`, but only one they are a member of. */
  pickOwn(personId: string, key: string | undefined): StandupConfig {
    const s = this.pick(personId, key);
    if (!this.members(s).includes(personId)) throw new UserError(`You are not a member of ${this.teamName(s)}, so the ${s.id} standup does not ask you.`);
    return s;
  }
}
