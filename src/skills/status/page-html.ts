// GET /status: the status page as server-rendered HTML — no JavaScript, landmarks and headings
// for screen readers, a viewport for phones, one bar per day whose `title` gives the day's
// figures. Every piece of user or config text goes through `esc`.
import { DateTime } from 'luxon';
import type { ComponentStatus } from '../../core/config/index.js';
import { formatDuration, formatTime } from '../../core/time.js';
import type { Maintenance, StatusIncident } from './model.js';
import { PAGE_CSS } from './page-css.js';
import type { ComponentRow, PageModel } from './page-model.js';
import { impactForSeverity, STATUS_LABEL } from './rules.js';
import { formatUptime, type DayFigures } from './uptime.js';

/** Escapes text for HTML element content and quoted attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const IMPACT_LABEL = { none: 'No impact', minor: 'Minor impact', major: 'Major impact', critical: 'Critical impact' } as const;
const DOWN_ORDER: ComponentStatus[] = ['major_outage', 'partial_outage', 'degraded_performance', 'under_maintenance'];
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).replace('_', ' ');

function time(iso: string, zone: string): string {
  return `<time datetime="${esc(iso)}">${esc(formatTime(new Date(iso), zone))}</time>`;
}

/** The tooltip (and screen-reader text) of one day's bar. */
export function dayTitle(d: DayFigures, zone: string, incidents: string[], today: boolean): string {
  const date = dayLabel(d.day, zone);
  if (d.worst === 'nodata') return `${date}: no data`;
  const lines = [`${date}${today ? ' (so far)' : ''}: ${STATUS_LABEL[d.worst]}`];
  if (d.uptime !== undefined) lines.push(`${formatUptime(d.uptime)} uptime`);
  const spans = DOWN_ORDER.filter((s) => d.ms[s] > 0).map((s) => `${STATUS_LABEL[s]} ${formatDuration(d.ms[s])}`);
  lines.push(spans.length ? spans.join(', ') : 'No downtime');
  const checks = d.checks.up + d.checks.down;
  if (checks) lines.push(`${checks.toLocaleString('en-US')} checks, ${d.checks.down.toLocaleString('en-US')} failed${d.checks.avgMs !== undefined ? `, avg ${d.checks.avgMs} ms` : ''}`);
  if (incidents.length) lines.push(`Incidents: ${incidents.join(', ')}`);
  return lines.join('\n');
}

const labels = new Map<string, string>();
/** `Mon 2 Nov 2026`, memoised: a page has 90 days times every component. */
function dayLabel(day: string, zone: string): string {
  const key = `${zone} ${day}`;
  let label = labels.get(key);
  if (label === undefined) {
    label = DateTime.fromISO(day, { zone }).toFormat('ccc d LLL yyyy');
    if (labels.size > 1000) labels.clear();
    labels.set(key, label);
  }
  return label;
}

function componentHtml(c: ComponentRow, m: PageModel): string {
  const last = c.days.length - 1;
  const bars = c.days.map((d, i) => `<li class="bar b-${d.worst}" title="${esc(dayTitle(d, m.zone, c.incidentsByDay.get(d.day) ?? [], i === last))}"></li>`).join('');
  // Screen readers get one sentence with the days that had trouble instead of 90 list items.
  const trouble = c.days.filter((d) => d.worst !== 'nodata' && d.worst !== 'operational');
  const summary = `${c.name}, last ${c.days.length} days: ${formatUptime(c.uptime)} uptime. ${
    trouble.length ? `Days with trouble: ${trouble.map((d) => `${dayLabel(d.day, m.zone)}, ${STATUS_LABEL[d.worst as ComponentStatus]}${d.uptime !== undefined ? `, ${formatUptime(d.uptime)} uptime` : ''}`).join('; ')}.` : 'No trouble reported.'
  }`;
  return `<li class="component" id="component-${esc(c.id)}">
<div class="head"><h4>${esc(c.name)}</h4><span class="status st-${c.status}">${STATUS_LABEL[c.status]}</span></div>
${c.description ? `<p class="desc">${esc(c.description)}</p>` : ''}${c.note && c.status !== 'operational' ? `<p class="note">${esc(c.note)}</p>` : ''}
<p class="sr">${esc(summary)}</p>
<ol class="bars" aria-hidden="true">${bars}</ol>
<div class="axis"><span class="d90">${c.days.length} days ago</span><span class="d30">30 days ago</span><span class="rule"></span><span class="uptime">${esc(formatUptime(c.uptime))} uptime</span><span class="rule"></span><span>Today</span></div>
</li>`;
}

function incidentHtml(i: StatusIncident, m: PageModel, names: (ids: string[]) => string): string {
  const impact = impactForSeverity(i.severity);
  const updates = [...i.updates]
    .reverse()
    .map((u) => `<li><p><strong>${esc(cap(u.status))}</strong> — ${esc(u.text)}</p><p class="when">${time(u.at, m.zone)}</p></li>`)
    .join('');
  const affects = i.componentIds.length ? ` · Affects ${esc(names(i.componentIds))}` : '';
  return `<article class="card incident impact-${impact}" id="incident-${esc(i.id)}" aria-labelledby="incident-${esc(i.id)}-title">
<h3 id="incident-${esc(i.id)}-title">${esc(i.title)}</h3>
<p class="meta">${esc(i.id)} · ${IMPACT_LABEL[impact]} · ${esc(cap(i.status))}${affects}</p>
<ol class="updates">${updates}</ol>
</article>`;
}

function maintenanceHtml(x: Maintenance, m: PageModel, names: (ids: string[]) => string): string {
  const state = x.state === 'in_progress' ? 'In progress' : x.state === 'scheduled' ? 'Scheduled' : cap(x.state);
  return `<article class="card maint" id="maintenance-${esc(x.id)}">
<h3>${esc(x.message)}</h3>
<p class="meta">${esc(x.id)} · ${state} · ${esc(names(x.componentIds))}</p>
<p>${time(x.start, m.zone)} – ${time(x.end, m.zone)}</p>
</article>`;
}

function historyHtml(m: PageModel, names: (ids: string[]) => string): string {
  return m.history
    .map((h) => {
      const label = DateTime.fromISO(h.day, { zone: m.zone }).toFormat('d LLL yyyy');
      const items = [
        ...h.incidents.map(
          (i) =>
            `<div class="item"><p><strong>${esc(i.title)}</strong> <span class="meta">${esc(i.id)} · ${IMPACT_LABEL[impactForSeverity(i.severity)]}</span></p>${i.updates
              .slice()
              .reverse()
              .map((u) => `<p><strong>${esc(cap(u.status))}</strong> — ${esc(u.text)} <span class="when">${time(u.at, m.zone)}</span></p>`)
              .join('')}</div>`,
        ),
        ...h.maintenance.map((x) => `<div class="item"><p><strong>${esc(x.message)}</strong> <span class="meta">${esc(x.id)} · maintenance · ${esc(names(x.componentIds))}</span></p><p class="when">${time(x.start, m.zone)} – ${time(x.finishedAt ?? x.end, m.zone)}</p></div>`),
      ];
      return `<div class="day"><h3>${esc(label)}</h3>${items.length ? items.join('') : '<p class="none">No incidents reported.</p>'}</div>`;
    })
    .join('');
}

export function renderPage(m: PageModel): string {
  const byId = new Map(m.groups.flatMap((g) => g.components).map((c) => [c.id, c.name]));
  const names = (ids: string[]) => ids.map((id) => byId.get(id) ?? id).join(', ');
  const maintenanceNow = m.indicator === 'none' && m.description !== 'All Systems Operational';
  const groups = m.groups
    .map(
      (g) => `<section class="card group"${g.name ? ` aria-label="${esc(g.name)}"` : ''}>
${g.name ? `<h3><span>${esc(g.name)}</span><span class="status st-${g.status}">${STATUS_LABEL[g.status]}</span></h3>` : ''}
<ul class="components">${g.components.map((c) => componentHtml(c, m)).join('\n')}</ul>
</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(m.title)}: ${esc(m.description)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<a class="skip" href="#components">Skip to components</a>
<div class="wrap">
<header><h1>${esc(m.title)}</h1></header>
<main>
<section class="banner ind-${maintenanceNow ? 'maintenance' : m.indicator}" role="status" aria-label="Overall status">
<p class="overall">${esc(m.description)}</p><p class="when">Updated ${time(m.now.toISOString(), m.zone)}</p>
</section>
${m.open.length ? `<section aria-labelledby="open-title"><h2 id="open-title">Open incidents</h2>${m.open.map((i) => incidentHtml(i, m, names)).join('\n')}</section>` : ''}
${m.maintenance.length ? `<section aria-labelledby="maint-title"><h2 id="maint-title">Maintenance</h2>${m.maintenance.map((x) => maintenanceHtml(x, m, names)).join('\n')}</section>` : ''}
<section id="components" aria-labelledby="components-title"><h2 id="components-title">Components</h2>
${groups || '<p class="none">No components are configured.</p>'}
</section>
<section aria-labelledby="history-title"><h2 id="history-title">Past incidents</h2><div class="card">${historyHtml(m, names)}</div></section>
</main>
<footer><span>Times in ${esc(m.zone)}.</span><a href="/api/status.json">JSON API</a></footer>
</div>
</body>
</html>
`;
}
