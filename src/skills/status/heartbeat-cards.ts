// Neutral cards of the heartbeats: `status heartbeats` (every job: last run, result, next
// expected run), one job's recent runs, and the subscriber notice of a failing job.
import { actions, button, card, context, escapeMarkup, field, fields, linkButton, text, type Block, type Card, type OutMessage, type Tone } from '../../core/card.js';
import { quote } from '../../core/command.js';
import type { HeartbeatView } from '../../core/queries.js';
import { formatDuration } from '../../core/time.js';
import type { CatalogHeartbeat } from './catalog.js';
import { describeLastRun, describeNext, logSnippet, overdue, when } from './heartbeat-text.js';
import type { HeartbeatRun, Notice } from './model.js';
import type { StatusReader } from './reader.js';
import { STATUS_EMOJI, STATUS_LABEL } from './rules.js';

const e = escapeMarkup;

/** ❌ failing, ⚠️ due (within grace) or last run late, ✅ fine, ➖ nothing yet. */
function icon(v: HeartbeatView, now: Date): string {
  if (v.failing) return '❌';
  if (overdue(v, now) || v.lastResult === 'late') return '⚠️';
  return v.lastResult ? '✅' : '➖';
}

function setup(hb: CatalogHeartbeat, r: StatusReader): string {
  const parts = [`\`${hb.cron}\` ${hb.timezone}`, `grace ${formatDuration(hb.graceMs)}`];
  if (hb.componentId) parts.push(`marks ${e(r.catalog.name(hb.componentId))} ${STATUS_LABEL[hb.failureStatus].toLowerCase()}`);
  if (hb.page && hb.serviceId) parts.push(`pages ${e(r.catalog.serviceName(hb.serviceId))}'s on-call`);
  return parts.join(' · ');
}

/** `status heartbeats`: each job with its last run, result and next expected run. */
export function heartbeatsCard(r: StatusReader, now: Date): Card {
  const zone = r.catalog.zone;
  const views = r.heartbeats();
  if (views.length === 0) {
    return card('No heartbeats yet', [context('Scheduled jobs report in with `POST /heartbeat/<token>`: add them under `status.heartbeats` in the config.')], 'neutral');
  }
  const blocks: Block[] = [];
  for (const v of views) {
    const hb = r.catalog.heartbeat(v.id)!;
    const last = describeLastRun(v, now, zone);
    const failing = v.failing ? ` · failing` : '';
    const next = describeNext(v, now, zone);
    blocks.push(text(`${icon(v, now)} **${e(v.name)}** (\`${v.id}\`)${failing}\nLast run: ${last.text}\n${next.overdue ? `Now: ${next.text}` : `Next expected: ${next.text}`}`));
    blocks.push(context(setup(hb, r)));
  }
  blocks.push(context('`status heartbeats <id>` shows a job’s recent runs.'));
  const failing = views.filter((v) => v.failing).length;
  const tone: Tone = failing ? 'danger' : views.some((v) => icon(v, now) === '⚠️') ? 'warning' : 'success';
  return card(`Heartbeats: ${views.length} job${views.length === 1 ? '' : 's'}${failing ? `, ${failing} failing` : ''}`, blocks, tone);
}

const RESULT_WORDS: Record<HeartbeatRun['result'], string> = { ok: '✅ on time', late: '⚠️ late', failed: '❌ failed', missed: '❌ missed' };

/** `status heartbeats <id>`: the job's setup and its recent runs, newest first. */
export function heartbeatCard(r: StatusReader, hb: CatalogHeartbeat, now: Date): Card {
  const zone = r.catalog.zone;
  const v = r.heartbeats().find((x) => x.id === hb.id)!;
  const runs = [...r.heartbeatBook.state(hb).runs].reverse();
  const lines = runs.map((run) => {
    const count = run.count ? ` (${run.count} runs)` : '';
    const log = logSnippet(run.log, 150);
    return `\`${when(run.at, now, zone)}\` ${RESULT_WORDS[run.result]}${count} — expected ${when(run.expectedAt, now, zone)}${log ? ` — ${log}` : ''}`;
  });
  const blocks: Block[] = [
    fields([
      field('Status', v.failing ? `❌ failing since ${when(r.heartbeatBook.state(hb).failingSince!, now, zone)}` : icon(v, now) === '⚠️' ? '⚠️ late' : '✅ fine'),
      field('Next expected', describeNext(v, now, zone).text),
      field('Schedule', setup(hb, r), false),
    ]),
    text(lines.length ? `**Recent runs**\n${lines.join('\n')}` : '_No runs yet._'),
    context(`The job reports with \`curl -fsS -X POST --data-raw "$LOG" "${r.baseUrl()}/heartbeat/$TOKEN"\` (\`?status=fail\` or \`?status=$?\` for a failed run). The token stays in the config's environment; it is never shown.`),
  ];
  return card(`${icon(v, now)} Heartbeat ${e(hb.name)}`, blocks, v.failing ? 'danger' : 'success');
}

/** The subscriber notice of a failing job, edited in place until a good run ends it. */
export function heartbeatNotice(r: StatusReader, n: Notice): OutMessage {
  const hb = r.catalog.heartbeat(n.subject);
  const name = hb?.name ?? n.subject;
  const affected = n.componentIds.map((c) => field(e(r.catalog.name(c)), `${STATUS_EMOJI[r.book.state(c).status]} ${STATUS_LABEL[r.book.state(c).status]}`));
  const lines = n.lines.map((l) => `\`${when(l.at, new Date(l.at), r.catalog.zone)}\` ${e(l.text)}`).join('\n');
  const buttons = [linkButton('Status page', r.pageUrl()), button('Heartbeats', `status heartbeats ${n.subject}`)];
  if (n.open && hb?.serviceId) {
    const title = `${name}: scheduled job failing`.slice(0, 150);
    buttons.unshift(button('Declare incident', `incident declare sev3 ${quote(title)} service:${hb.serviceId}`, { style: 'danger' }));
  }
  const head = n.open ? `❌ ${e(name)}: failing` : `✅ ${e(name)}: recovered`;
  const blocks: Block[] = [...(affected.length ? [fields(affected)] : []), text(lines), actions(...buttons)];
  return { card: card(head, blocks, n.open ? 'danger' : 'success'), text: `${name}: ${n.open ? 'failing' : 'recovered'}` };
}
