// The durable escalation engine. Each open page stores when its next step is due and has one
// scheduler job (key `page:<id>`) at that time. The job's handler re-reads the page and takes
// the step only if it is still due — checked inside the store's write lock, a compare-and-set
// — then DMs the people of that step and marks each notification sent. So a restart (even
// kill -9) neither loses a step (the job is still pending and runs on start) nor doubles one
// (the step number moved on; notifications already marked sent are not sent again).
import type { Collection } from '../../core/ports.js';
import type { SkillDeps } from '../../core/skill.js';
import { type ActorRef, type ChannelRef } from '../../core/types.js';
import { UserError } from '../../core/errors.js';
import { stepDue, takeStep } from './escalation.js';
import { KeyedLock } from './keyed-lock.js';
import { acknowledgePage, note, queueDeliveries, resolvePage, type Page, type PageSeverity } from './model.js';
import type { Outbox } from './outbox.js';
import { pageMessage } from './page-cards.js';
import type { Roster } from './roster.js';
import type { ResolvedTarget } from './targets.js';

export const STEP_JOB = 'oncall.page-step';
const jobKey = (id: string) => `page:${id}`;

export interface OpenRequest {
  summary: string;
  severity: PageSeverity;
  target: ResolvedTarget;
  source: string;
  by?: ActorRef;
  incidentId?: string;
  dedupKey?: string;
  /** Where the page's card is posted (besides the DMs). */
  channels?: ChannelRef[];
}

type Deps = Pick<SkillDeps, 'chat' | 'clock' | 'scheduler' | 'events' | 'outbound' | 'people' | 'metrics' | 'log' | 'config'>;

export class PageEngine {
  private readonly lock = new KeyedLock();
  private readonly lateness;
  private readonly opened;

  constructor(
    private readonly deps: Deps,
    readonly pages: Collection<Page>,
    private readonly roster: Roster,
    private readonly outbox: Outbox,
  ) {
    this.lateness = deps.metrics.histogram('switchboard_page_step_lateness_seconds', 'Escalation steps: due time to DM sent', [], [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60]);
    this.opened = deps.metrics.counter('switchboard_pages_total', 'Pages opened, by severity and source', ['severity', 'source']);
    deps.metrics.gauge('switchboard_pages_open', 'Pages not resolved, by status', ['status'], () =>
      (['triggered', 'acknowledged'] as const).map((status) => ({ labels: { status }, value: pages.filter((p) => p.status === status).length })),
    );
    deps.scheduler.handle(STEP_JOB, async (job) => this.run(String((job.payload as { pageId?: string } | null)?.pageId ?? '')));
  }

  get(id: string): Page {
    const p = this.pages.get(id.toUpperCase());
    if (!p) throw new UserError(`There is no page ${id.toUpperCase()}.`);
    return p;
  }

  /** Opens a page and takes its first step at once (DMs out before this resolves). */
  async open(req: OpenRequest): Promise<Page> {
    const now = this.deps.clock.now();
    const created = await this.pages.create('PAGE', (id) => {
      const page: Page = {
        id,
        summary: req.summary,
        severity: req.severity,
        status: 'triggered',
        source: req.source,
        target: req.target.label,
        serviceId: req.target.serviceId,
        incidentId: req.incidentId,
        dedupKey: req.dedupKey,
        policy: req.target.policy,
        createdAt: now.toISOString(),
        createdBy: req.by,
        step: -1,
        nextStepAt: now.toISOString(),
        exhausted: false,
        notifications: [],
        cards: [],
        deliveries: [],
        timeline: [],
      };
      const by = req.by ? `by ${req.by.personId ? `@${req.by.personId}` : req.by.name}` : `from ${req.source}`;
      return queueDeliveries(note(page, now, 'opened', `Opened ${by}: ${req.summary}`), 'trigger', this.deps.outbound.available());
    });
    this.opened.inc({ severity: `sev${req.severity}`, source: req.source });
    await this.run(created.id);
    const refs = await this.deps.chat.postAll(req.channels ?? [], pageMessage(this.get(created.id), this.deps.people.defaultZone, this.deps.clock.now()));
    if (refs.length) await this.pages.update(created.id, (p) => ({ ...p, cards: [...p.cards, ...refs] }));
    const page = this.get(created.id);
    await this.emit('page.triggered', page, req.by);
    void this.outbox.flush(page.id);
    return page;
  }

  /** The job handler (and the inline first step): take the step if due, send what is pending, arm the next. */
  run(pageId: string): Promise<void> {
    return this.lock.run(pageId, async () => {
      let page = this.pages.get(pageId);
      if (!page) return;
      const now = this.deps.clock.now();
      if (stepDue(page, now)) page = await this.pages.update(pageId, (p) => (stepDue(p, now) ? takeStep(p, now, this.roster.resolve) : p));
      // The step is stored (claimed); arming its successor and sending its DMs are independent,
      // so their writes share one group commit.
      await Promise.all([this.arm(page), this.deliver(page)]);
    });
  }

  /** DMs every pending notification on every platform the person has; then marks them sent. */
  private async deliver(page: Page): Promise<void> {
    const pending = page.notifications.map((n, i) => ({ n, i })).filter((x) => x.n.status === 'pending');
    if (!pending.length || page.status !== 'triggered') return;
    const sent = await Promise.all(
      pending.map(async ({ n, i }) => {
        const person = this.deps.people.get(n.personId);
        const msg = pageMessage(page, this.deps.people.zoneOf(person), this.deps.clock.now(), n);
        return { i, refs: await this.deps.chat.dmPerson(n.personId, msg), at: this.deps.clock.now() };
      }),
    );
    for (const s of sent) this.lateness.observe({}, Math.max(0, s.at.getTime() - Date.parse(page.notifications[s.i].dueAt)) / 1000);
    await this.pages.update(page.id, (p) => {
      // A DM that went out while the page was acknowledged still keeps its refs, so its card is edited later.
      const notifications = p.notifications.map((n, i) => {
        const s = sent.find((x) => x.i === i);
        return s && n.status !== 'sent' ? { ...n, status: 'sent' as const, refs: s.refs, sentAt: s.at.toISOString() } : n;
      });
      let out: Page = { ...p, notifications };
      for (const s of sent) {
        const n = p.notifications[s.i];
        const platforms = [...new Set(s.refs.map((r) => r.platform))].join(', ');
        out = platforms
          ? note(out, s.at, 'notified', `Notified @${n.personId} by DM on ${platforms} (via ${n.via.replace(':', ' ')}).`)
          : note(out, s.at, 'unreachable', `Could not reach @${n.personId} on any running platform.`);
      }
      return out;
    });
  }

  /** Keeps exactly one pending job per open page, at its next step time. */
  private async arm(page: Page): Promise<void> {
    const key = jobKey(page.id);
    if (page.status !== 'triggered' || !page.nextStepAt) {
      if (this.deps.scheduler.pending(key)) await this.deps.scheduler.cancel(key);
      return;
    }
    const due = Date.parse(page.nextStepAt);
    if (this.deps.scheduler.pending(key)?.due.getTime() === due) return;
    await this.deps.scheduler.schedule({ kind: STEP_JOB, key, due: new Date(due), payload: { pageId: page.id } });
  }

  async acknowledge(id: string, by: ActorRef): Promise<Page> {
    const now = this.deps.clock.now();
    const page = await this.pages.update(this.get(id).id, (p) => acknowledgePage(p, by, now, this.deps.outbound.available()));
    await this.afterChange(page, 'page.acknowledged', by);
    return page;
  }

  async resolve(id: string, by: ActorRef | undefined, why?: string): Promise<Page> {
    const now = this.deps.clock.now();
    const actor = by ?? { platform: 'console' as const, userId: 'switchboard', name: 'Switchboard' };
    const page = await this.pages.update(this.get(id).id, (p) => resolvePage(p, actor, now, this.deps.outbound.available(), why));
    await this.afterChange(page, 'page.resolved', by);
    return page;
  }

  /** Takes the next step now (the page must still be triggered). */
  async escalate(id: string, by: ActorRef): Promise<Page> {
    const now = this.deps.clock.now();
    await this.pages.update(this.get(id).id, (p) => {
      if (p.status !== 'triggered') throw new UserError(`${p.id} is ${p.status}; only a triggered page escalates.`);
      return takeStep(p, now, this.roster.resolve, by);
    });
    await this.run(id.toUpperCase());
    const page = this.get(id);
    await this.refreshCards(page);
    return page;
  }

  /** Notes a repeat of the same problem (same dedup key) on the open page. */
  async repeated(id: string, summary: string, source: string): Promise<Page> {
    return this.pages.update(id, (p) => note(p, this.deps.clock.now(), 'repeated', `Raised again by ${source}: ${summary}`));
  }

  private async afterChange(page: Page, event: 'page.acknowledged' | 'page.resolved', by: ActorRef | undefined): Promise<void> {
    await this.arm(page);
    await this.refreshCards(page);
    await this.emit(event, page, by);
    void this.outbox.flush(page.id);
  }

  /** Edits every card of the page in place: each DM in its reader's zone, channel cards in the org's. */
  async refreshCards(page: Page): Promise<void> {
    const now = this.deps.clock.now();
    const byPerson = new Map<string, Page['notifications']>();
    for (const n of page.notifications) if (n.refs.length) byPerson.set(n.personId, [...(byPerson.get(n.personId) ?? []), n]);
    const updates = [...byPerson].map(([personId, ns]) =>
      this.deps.chat.update(
        ns.flatMap((n) => n.refs),
        pageMessage(page, this.deps.people.zoneOf(this.deps.people.get(personId)), now, ns[ns.length - 1]),
      ),
    );
    updates.push(this.deps.chat.update(page.cards, pageMessage(page, this.deps.people.defaultZone, now)));
    await Promise.all(updates);
  }

  private async emit(name: 'page.triggered' | 'page.acknowledged' | 'page.resolved', p: Page, by: ActorRef | undefined): Promise<void> {
    await this.deps.events.emit(name, { id: p.id, summary: p.summary, severity: p.severity, status: p.status, incidentId: p.incidentId, serviceId: p.serviceId, by, at: this.deps.clock.now().toISOString() });
  }

  /** After a restart: every triggered page gets its job back; unsent DMs go out at once. */
  async recover(): Promise<void> {
    const now = this.deps.clock.now();
    for (const p of this.pages.filter((x) => x.status === 'triggered')) {
      const key = jobKey(p.id);
      const unsent = p.notifications.some((n) => n.status === 'pending');
      if (unsent) await this.deps.scheduler.schedule({ kind: STEP_JOB, key, due: now, payload: { pageId: p.id } });
      else if (p.nextStepAt && !this.deps.scheduler.pending(key)) await this.deps.scheduler.schedule({ kind: STEP_JOB, key, due: new Date(p.nextStepAt), payload: { pageId: p.id } });
    }
    this.outbox.resume();
  }

  /** Resolves once in-flight steps and deliveries are done (tests, benchmarks). */
  async idle(): Promise<void> {
    await this.lock.idle();
    await this.outbox.idle();
  }
}
