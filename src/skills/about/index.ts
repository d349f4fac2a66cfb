// The `whoami` command: which person Switchboard recognises behind this account, on which
// platforms, in which zone, with which permissions. Useful when setting up people[].
import { card, fields, field, context } from '../../core/card.js';
import { PERMISSIONS } from '../../core/config/index.js';
import type { Skill, SkillDeps } from '../../core/skill.js';
import { formatTime } from '../../core/time.js';

export function createAboutSkill(deps: Pick<SkillDeps, 'people' | 'permissions'>): Skill {
  return {
    id: 'about',
    description: 'who Switchboard thinks you are',
    commands: [
      {
        command: 'whoami',
        summary: 'Shows the person behind your account, their linked accounts, zone and permissions.',
        usage: 'whoami',
        examples: ['whoami'],
        async run(ctx) {
          const p = ctx.person;
          if (!p) {
            return {
              ephemeral: true,
              card: card('You are not in the config', [
                context(`This ${ctx.actor.platform} account (${ctx.actor.userId}) is not linked to anyone in people[]. You may declare incidents and page; ask an admin to add your id to approve changes or edit schedules.`),
              ]),
            };
          }
          const perms = PERMISSIONS.filter((x) => deps.permissions.can(p, x));
          const accounts = (['slack', 'discord', 'teams', 'email'] as const).filter((k) => p[k]).map((k) => `${k}: ${p[k]}`);
          return {
            ephemeral: true,
            card: card(`${p.name} (@${p.id})`, [
              fields([
                field('Accounts', accounts.join('\n') || 'console only', false),
                field('Time zone', `${ctx.zone} (now ${formatTime(ctx.now, ctx.zone)})`),
                field('Teams', deps.people.teamsOf(p.id).join(', ') || '—'),
                field('Permissions', deps.permissions.isAdmin(p.id) ? 'admin (all)' : perms.join(', ') || 'declare incidents and page'),
              ]),
            ]),
          };
        },
      },
    ],
  };
}
