import { badInput, conflict } from '@l2c/shared';
import type { LeadRow, LeadStatusKind, LeadStatusRow } from '../store/rows.ts';

/** The qualification criteria; a lead is qualified only when all three are met. */
export const CRITERIA = [
  ['need', 'need'],
  ['authority', 'authority'],
  ['ability_to_deliver', 'ability to deliver'],
] as const;

export type Criteria = Pick<LeadRow, 'need' | 'authority' | 'ability_to_deliver'>;

/** The names of the criteria not met, in the order need, authority, ability to deliver. */
export function unmetCriteria(criteria: Criteria): string[] {
  return CRITERIA.filter(([column]) => !criteria[column]).map(([, label]) => label);
}

/**
 * Which status kinds a lead may move to from each kind. Qualified is reached only with every criterion met;
 * the nurture path starts from Unqualified; conversion and archiving have their own commands.
 */
const TRANSITIONS: Record<LeadStatusKind, readonly LeadStatusKind[]> = {
  OPEN: ['OPEN', 'WORKING', 'QUALIFIED', 'UNQUALIFIED'],
  WORKING: ['OPEN', 'WORKING', 'QUALIFIED', 'UNQUALIFIED'],
  QUALIFIED: ['WORKING', 'QUALIFIED', 'UNQUALIFIED'],
  UNQUALIFIED: ['OPEN', 'WORKING', 'UNQUALIFIED', 'NURTURE'],
  NURTURE: ['OPEN', 'WORKING', 'UNQUALIFIED', 'NURTURE'],
};

/** Converted and archived leads are history: refuse any change to them. */
export function assertLeadChangeable(lead: LeadRow): void {
  if (lead.converted_at) {
    throw conflict(`lead ${lead.id} was converted on ${lead.converted_at.toISOString().slice(0, 10)}; it can no longer change`, {
      rule: 'LEAD_CONVERTED',
      opportunityId: lead.converted_opportunity_id,
    });
  }
  if (lead.archived_at) throw conflict(`lead ${lead.id} is archived; it can no longer change`, { rule: 'LEAD_ARCHIVED' });
}

/** Checks a move of `lead` to `target`; throws with the rule broken. */
export function assertStatusChange(lead: LeadRow, target: LeadStatusRow): void {
  assertLeadChangeable(lead);
  if (!TRANSITIONS[lead.status_kind].includes(target.kind)) {
    const allowed = TRANSITIONS[lead.status_kind].join(', ');
    throw conflict(`lead ${lead.id} is ${lead.status} (${lead.status_kind}); it can move only to statuses of kind ${allowed}, not to ${target.name} (${target.kind})`, {
      rule: 'LEAD_STATUS_TRANSITION',
    });
  }
  if (target.kind === 'QUALIFIED') {
    const unmet = unmetCriteria(lead);
    if (unmet.length > 0) {
      throw conflict(`lead ${lead.id} cannot be ${target.name}: qualification criteria not met: ${unmet.join(', ')}`, {
        rule: 'LEAD_CRITERIA_UNMET',
        unmet,
      });
    }
  }
}

/** Unqualified and nurtured leads may be archived; the reason is required. */
export function assertArchivable(lead: LeadRow, reason: string): void {
  assertLeadChangeable(lead);
  if (lead.status_kind !== 'UNQUALIFIED' && lead.status_kind !== 'NURTURE') {
    throw conflict(`lead ${lead.id} is ${lead.status}; only unqualified or nurtured leads can be archived`, { rule: 'LEAD_NOT_UNQUALIFIED' });
  }
  if (reason.trim() === '') throw badInput('reason', reason, 'must say why the lead is archived');
}

/** Picks the status a nurture request names, or the first status of kind NURTURE. */
export function nurtureStatus(statuses: readonly LeadStatusRow[], name: string | null | undefined): LeadStatusRow {
  const candidates = statuses.filter((s) => s.kind === 'NURTURE');
  const chosen = name ? candidates.find((s) => s.name === name) : candidates[0];
  if (!chosen) {
    throw badInput('status', name ?? null, `must be a lead status of kind NURTURE (${candidates.map((s) => s.name).join(', ') || 'none defined'})`);
  }
  return chosen;
}

/** The status named, or a clear error listing the statuses that exist. */
export function findStatus(statuses: readonly LeadStatusRow[], name: string): LeadStatusRow {
  const status = statuses.find((s) => s.name === name);
  if (!status) throw badInput('status', name, `must be one of the lead statuses: ${statuses.map((s) => s.name).join(', ')}`);
  return status;
}
