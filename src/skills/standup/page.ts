// GET /standups/:id — the last summaries of a standup as a small server-rendered HTML page
// (the link at the foot of every summary card). Every answer is escaped; no script runs.
import type { HttpResponse } from '../../core/ports.js';
import { dayLabel } from './calendar.js';
import type { SummaryModel } from './summary.js';

export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-cache',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
};

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ENTITIES[c]);

const CSS = `body{font:15px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem;border-bottom:1px solid #ddd}
.blockers{background:#fff4e5;border-left:4px solid #f59e0b;padding:.5rem 1rem}.q{color:#555;font-style:italic;margin:.25rem 0 0}
p{margin:.1rem 0 .5rem;white-space:pre-wrap}.muted{color:#666}`;

function daySection(m: SummaryModel): string {
  const parts = [`<section><h2>${esc(dayLabel(m.day))} <span class="muted">(${m.day})</span></h2>`];
  if (m.blockers.length > 0) {
    parts.push(`<div class="blockers"><strong>Blockers</strong><ul>${m.blockers.map((b) => `<li><strong>${esc(b.name)}</strong>: ${esc(b.text)}</li>`).join('')}</ul></div>`);
  }
  for (const a of m.answered) {
    parts.push(`<h3>${esc(a.name)}</h3>`);
    for (const x of a.answers) parts.push(`<div class="q">${esc(x.question)}</div><p>${x.blocker ? '🚧 ' : ''}${esc(x.text)}</p>`);
  }
  if (m.answered.length === 0) parts.push('<p class="muted">Nobody answered.</p>');
  if (m.away.length > 0) parts.push(`<p class="muted">Away: ${esc(m.away.join(', '))}</p>`);
  if (m.missing.length > 0) parts.push(`<p class="muted">No answer: ${esc(m.missing.join(', '))}</p>`);
  parts.push(`<p class="muted">${m.answered.length} of ${m.members} answered</p></section>`);
  return parts.join('\n');
}

/** The page of a standup's summaries, newest first. */
export function renderHistory(title: string, days: SummaryModel[]): HttpResponse {
  const body = days.length > 0 ? days.map(daySection).join('\n') : '<p class="muted">No summary has been posted yet.</p>';
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${CSS}</style></head><body><h1>${esc(title)}</h1>
${body}
</body></html>`;
  return { status: 200, headers: PAGE_HEADERS, body: html };
}
