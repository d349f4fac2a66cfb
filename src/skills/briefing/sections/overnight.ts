// Overnight jobs: each heartbeat's last run since the previous briefing — ✅ on time,
// ⚠️ late, ❌ missed or failed. When anything failed the section leads the briefing.
import type { HeartbeatView } from '../../../core/queries.js';
import { overnightJobsSection } from '../../status/index.js';
import { section } from './section.js';

export const overnightSection = section<HeartbeatView[]>(
  'overnight',
  (src, ctx) => {
    const views = src.get('status')?.heartbeats?.(ctx.since);
    return views && views.length > 0 ? views : undefined;
  },
  (views, ctx) => {
    const s = overnightJobsSection(views, { since: ctx.since, now: ctx.now, zone: ctx.zone })!;
    const warn = s.lines.some((l) => l.icon === '⚠️');
    if (!s.first && !warn && s.lines.every((l) => l.icon !== '✅')) return { id: 'overnight', line: `**${s.title}**: nothing was due since the last briefing` };
    return { id: 'overnight', heading: `**${s.title}**`, lines: s.lines.map((l) => `${l.icon} ${l.text}`), tone: s.first ? 'danger' : warn ? 'warning' : undefined, lead: s.first };
  },
);
