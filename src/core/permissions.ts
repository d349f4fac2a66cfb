// Permissions, decided here in the core from the config (never in an adapter).
import type { Config, Permission } from './config/index.js';
import type { Person } from './people.js';

export class Permissions {
  constructor(private readonly config: Config) {}

  isAdmin(personId: string | undefined): boolean {
    return personId !== undefined && this.config.permissions.admins.includes(personId);
  }

  /** Whether a principal list (`alice`, `team:platform`) includes the person. */
  private listed(list: string[], personId: string): boolean {
    return list.some((p) => (p.startsWith('team:') ? this.config.teams.some((t) => t.id === p.slice(5) && t.members.includes(personId)) : p === personId));
  }

  /** Whether the person (undefined: an account not in the config) holds a permission. */
  can(person: Person | undefined, permission: Permission): boolean {
    if (!person) return false;
    if (this.isAdmin(person.id)) return true;
    if (permission === 'admin') return false;
    const list = this.config.permissions[permission];
    if (list) return this.listed(list, person.id);
    switch (permission) {
      case 'sev1':
        return true;
      case 'changes':
        return (this.config.changes?.approver_groups ?? []).some((g) => g.members.includes(person.id));
      default:
        return false;
    }
  }

  /** Why a permission is missing, for the refusal message. */
  explain(permission: Permission): string {
    const list = permission === 'admin' ? undefined : this.config.permissions[permission];
    const who = list?.length ? list.join(', ') : permission === 'changes' ? 'members of an approver group' : 'admins';
    return `this needs the \`${permission}\` permission (held by ${who}${this.config.permissions.admins.length ? ` and admins: ${this.config.permissions.admins.join(', ')}` : ''})`;
  }
}
