// What the change skill shows, after the change is stored: the card in the approvers' channel
// on every running platform (kept current in place), DMs to the requester and reminders to
// approvers. Chat failures are logged by the hub and never undo a stored decision.
import type { ChangesConfig } from '../../core/config/index.js';
import type { OutMessage } from '../../core/card.js';
import type { Collection } from '../../core/ports.js';
import type { SkillDeps } from '../../core/skill.js';
import type { ChannelSpec, MessageRef } from '../../core/types.js';
import { changeCard } from './cards.js';
import type { Change } from './model.js';
import { policyOf, type ApprovalPolicy } from './policy.js';

export class ChangeNotifier {
  /** Per change, the running card refresh, so copies end on the latest state in order. */
  private readonly refreshing = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: SkillDeps,
    private readonly col: Collection<Change>,
    private readonly cfg: () => ChangesConfig,
  ) {}

  /** The policy of a stored change, or undefined when its group left the config. */
  policy(c: Change): ApprovalPolicy | undefined {
    try {
      return policyOf(this.cfg(), c.approverGroup, c.approvalsNeeded);
    } catch {
      return undefined;
    }
  }

  /** The card; shared copies show times in the org's zone. */
  message(c: Change, historyLines?: number, zone = this.deps.config.timezone): OutMessage {
    const service = this.deps.config.services.find((s) => s.id === c.serviceId);
    return { card: changeCard(c, { zone, policy: this.policy(c), serviceName: service?.name, historyLines }) };
  }

  /** The approver group's channel, per platform falling back to `changes.channel`, else #changes. */
  private channelSpec(groupId: string): ChannelSpec {
    const cfg = this.cfg();
    const group = cfg.approver_groups.find((g) => g.id === groupId);
    return { ...cfg.channel, ...group?.channel };
  }

  /** Posts the card to the approvers' channel on every running platform and stores where. */
  async postCard(c: Change): Promise<MessageRef[]> {
    const refs = await this.deps.chat.postAll(this.deps.chat.resolve(this.channelSpec(c.approverGroup), '#changes'), this.message(c));
    if (refs.length) await this.addRefs(c.id, refs);
    return refs;
  }

  private async addRefs(id: string, refs: MessageRef[]): Promise<void> {
    await this.col.update(id, (cur) => ({ ...cur, messages: [...cur.messages, ...refs] }));
  }

  /** Brings every posted copy of the card to the stored state (serialised per change). */
  refresh(id: string): Promise<void> {
    const run = async () => {
      const c = this.col.get(id);
      if (c?.messages.length) await this.deps.chat.update(c.messages, this.message(c));
    };
    const next = (this.refreshing.get(id) ?? Promise.resolve()).then(run).catch((e: Error) => this.deps.log.warn({ change: id, err: { message: e.message } }, 'change card refresh failed'));
    this.refreshing.set(id, next);
    void next.finally(() => {
      if (this.refreshing.get(id) === next) this.refreshing.delete(id);
    });
    return next;
  }

  /** Tells the requester: by DM on each platform of theirs, or to the platform account they used. */
  async toRequester(c: Change, text: string): Promise<void> {
    const msg: OutMessage = { text, ...this.message(c) };
    const by = c.requestedBy;
    let refs: MessageRef[] = [];
    if (by.personId) refs = await this.deps.chat.dmPerson(by.personId, msg);
    else {
      const ref = await this.deps.chat
        .port(by.platform)
        ?.dm(by.userId, msg)
        .catch((e: Error) => void this.deps.log.warn({ change: c.id, err: { message: e.message } }, 'change DM to requester failed'));
      if (ref) refs = [ref];
    }
    // The DM carries the card too (with its buttons), so it is kept current like the others.
    if (refs.length) await this.addRefs(c.id, refs);
  }

  /** DMs each approver the card with a reminder, and keeps those copies current too. */
  async remind(c: Change, personIds: string[], text: string): Promise<void> {
    const msg: OutMessage = { text, ...this.message(c) };
    const refs = (await Promise.all(personIds.map((p) => this.deps.chat.dmPerson(p, msg)))).flat();
    if (refs.length) await this.addRefs(c.id, refs);
  }
}
