// The `briefing` command: the briefing now, posted to its channels and answered where it was asked.
import type { CommandSpec } from '../../core/skill.js';
import type { BriefingService } from './service.js';

export function briefingCommands(svc: () => BriefingService): CommandSpec[] {
  return [
    {
      command: 'briefing',
      summary: "Posts the morning briefing now (to its channels, and here): status, incidents, on call, changes, monitors, standup blockers.",
      usage: 'briefing [id]',
      examples: ['briefing', 'briefing morning'],
      args: [{ name: 'id', kind: 'word', required: false, description: 'which configured briefing (default: the one for your team)' }],
      async run(ctx, args) {
        const s = svc();
        const b = s.pick(args.optStr('id'), ctx.person?.id);
        const msg = s.compose(b, ctx.now);
        if (!b) return msg;
        const to = await s.postNow(b, msg, ctx.channel);
        await s.audit(ctx.actor, b.id, to.length);
        return { ...msg, text: to.length > 0 ? `Also posted to ${to.map((c) => (c.platform === 'console' ? c.id : `${c.platform}:${c.id}`)).join(', ')}.` : undefined };
      },
    },
  ];
}
