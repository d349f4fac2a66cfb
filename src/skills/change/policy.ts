// Who approves a change and how many must: the approver group and quorum per risk from
// `changes.approvals`, read as pure functions of the config.
import type { ChangesConfig, Risk } from '../../core/config/index.js';
import { UserError } from '../../core/errors.js';
import type { ChangeType } from './model.js';

/** An approver group with its live members and the number of approvals a change needs. */
export interface ApprovalPolicy {
  groupId: string;
  groupName: string;
  members: readonly string[];
  count: number;
}

/**
 * The group and quorum for a new change. Standard changes need no approval (their template is
 * the approval); emergency changes are reviewed after by `approvals.emergency` (else one member
 * of the group of their risk). Without `approvals`, the first group approves: 1, or 2 for high.
 */
export function quorumFor(cfg: ChangesConfig, risk: Risk, type: ChangeType): { group: string; count: number } {
  const a = cfg.approvals;
  let q: { group: string; count: number } | undefined;
  if (a) q = type === 'emergency' ? (a.emergency ?? { group: a[risk].group, count: 1 }) : a[risk];
  else {
    const g = cfg.approver_groups[0];
    if (g) q = { group: g.id, count: type === 'emergency' || risk !== 'high' ? 1 : Math.min(2, g.members.length) };
  }
  if (!q) throw new UserError('Change approval is not set up: the config has no `changes.approver_groups`. Ask an admin to add one.');
  return { group: q.group, count: type === 'standard' ? 0 : q.count };
}

/** The policy of a group as the config says now (members may have changed since the request). */
export function policyOf(cfg: ChangesConfig, groupId: string, count: number): ApprovalPolicy {
  const g = cfg.approver_groups.find((x) => x.id === groupId);
  if (!g) throw new UserError(`The approver group "${groupId}" of this change is no longer in the config; ask an admin.`);
  return { groupId: g.id, groupName: g.name ?? g.id, members: g.members, count };
}

/** Members who may approve a change by this requester (everyone but the requester). */
export function eligibleApprovers(policy: ApprovalPolicy, requesterPersonId: string | undefined): string[] {
  return policy.members.filter((m) => m !== requesterPersonId);
}
