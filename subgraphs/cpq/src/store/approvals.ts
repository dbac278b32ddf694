import { insertRow, insertRows, type Queryable, sequenced, updateRow } from '@l2c/shared';
import type {
  ApprovalChainEntryRow,
  ApprovalChainRow,
  ApprovalConditionRow,
  ApprovalGroupMemberRow,
  ApprovalGroupRow,
  ApprovalRow,
  ApprovalRuleRow,
  ApprovalStatus,
  ApproverRow,
} from './rows.ts';

/*
 * Approval definitions (approvers, groups, chains, rules) are the OEM's internal set-up: every caller may read them,
 * only staff change them. Approvals themselves are reached through a quote the caller may see.
 */

export async function approversByIds(db: Queryable, ids: readonly string[]): Promise<ApproverRow[]> {
  return db.query<ApproverRow>('select * from approvers where id = any($1)', [ids]);
}

export async function allApprovers(db: Queryable): Promise<ApproverRow[]> {
  return db.query<ApproverRow>('select * from approvers order by name, id');
}

export async function approverBySubject(db: Queryable, subject: string): Promise<ApproverRow | null> {
  const [row] = await db.query<ApproverRow>('select * from approvers where user_subject = $1', [subject]);
  return row ?? null;
}

/** The approvers a person is (by identity subject) or is the named delegate of, with that delegate's subject. */
export async function approversActingAs(db: Queryable, subject: string): Promise<(ApproverRow & { delegate_subject: string | null })[]> {
  return db.query(
    `select a.*, d.user_subject as delegate_subject from approvers a left join approvers d on d.id = a.delegate_id
      where a.user_subject = $1 or d.user_subject = $1`,
    [subject],
  );
}

/** Whether a group, chain or rule already has this name. */
export async function approvalNameTaken(db: Queryable, table: 'approval_groups' | 'approval_chains' | 'approval_rules', name: string): Promise<boolean> {
  const rows = await db.query(`select 1 from ${table} where name = $1`, [name]);
  return rows.length > 0;
}

export function insertApprover(db: Queryable, row: Pick<ApproverRow, 'id' | 'name' | 'user_subject' | 'email'>): Promise<ApproverRow> {
  return insertRow<ApproverRow>(db, 'approvers', { ...row });
}

export async function updateApproverRow(db: Queryable, id: string, changes: Partial<ApproverRow>): Promise<void> {
  await updateRow(db, 'approvers', id, changes);
}

export async function groupsByIds(db: Queryable, ids: readonly string[]): Promise<ApprovalGroupRow[]> {
  return db.query<ApprovalGroupRow>('select * from approval_groups where id = any($1)', [ids]);
}

export async function allGroups(db: Queryable): Promise<ApprovalGroupRow[]> {
  return db.query<ApprovalGroupRow>('select * from approval_groups order by name, id');
}

export async function membersByGroupIds(db: Queryable, ids: readonly string[]): Promise<ApprovalGroupMemberRow[]> {
  return db.query<ApprovalGroupMemberRow>('select m.* from approval_group_members m join approvers a on a.id = m.approver_id where m.group_id = any($1) order by a.name, a.id', [ids]);
}

export async function insertGroup(db: Queryable, row: Pick<ApprovalGroupRow, 'id' | 'name' | 'require_all'>, memberIds: readonly string[]): Promise<ApprovalGroupRow> {
  const group = await insertRow<ApprovalGroupRow>(db, 'approval_groups', { ...row });
  await insertRows(db, 'approval_group_members', memberIds.map((approver_id) => ({ group_id: row.id, approver_id })));
  return group;
}

export async function chainsByIds(db: Queryable, ids: readonly string[]): Promise<ApprovalChainRow[]> {
  return db.query<ApprovalChainRow>('select * from approval_chains where id = any($1)', [ids]);
}

export async function allChains(db: Queryable): Promise<ApprovalChainRow[]> {
  return db.query<ApprovalChainRow>('select * from approval_chains order by name, id');
}

export async function entriesByChainIds(db: Queryable, ids: readonly string[]): Promise<ApprovalChainEntryRow[]> {
  return db.query<ApprovalChainEntryRow>('select * from approval_chain_entries where chain_id = any($1) order by level, id', [ids]);
}

export async function insertChain(db: Queryable, row: Pick<ApprovalChainRow, 'id' | 'name'>, entries: readonly Omit<ApprovalChainEntryRow, 'chain_id'>[]): Promise<ApprovalChainRow> {
  const chain = await insertRow<ApprovalChainRow>(db, 'approval_chains', { ...row });
  await insertRows(db, 'approval_chain_entries', entries.map((entry) => ({ ...entry, chain_id: row.id })));
  return chain;
}

export async function rulesByIds(db: Queryable, ids: readonly string[]): Promise<ApprovalRuleRow[]> {
  return db.query<ApprovalRuleRow>('select * from approval_rules where id = any($1)', [ids]);
}

export async function allRules(db: Queryable, activeOnly = false): Promise<ApprovalRuleRow[]> {
  return db.query<ApprovalRuleRow>(`select * from approval_rules${activeOnly ? ' where is_active' : ''} order by level, name, id`);
}

export async function conditionsByRuleIds(db: Queryable, ids: readonly string[]): Promise<ApprovalConditionRow[]> {
  return db.query<ApprovalConditionRow>('select * from approval_conditions where rule_id = any($1) order by rule_id, index', [ids]);
}

export async function insertRule(db: Queryable, row: Omit<ApprovalRuleRow, 'created_at' | 'updated_at' | 'is_active'>, conditions: readonly Omit<ApprovalConditionRow, 'rule_id'>[]): Promise<ApprovalRuleRow> {
  const rule = await insertRow<ApprovalRuleRow>(db, 'approval_rules', { ...row });
  await insertRows(db, 'approval_conditions', conditions.map((c) => ({ ...c, rule_id: row.id })));
  return rule;
}

export async function setRuleActive(db: Queryable, id: string, active: boolean): Promise<ApprovalRuleRow | null> {
  return updateRow<ApprovalRuleRow>(db, 'approval_rules', id, { is_active: active });
}

/** Approvals by their own ids, with their quote's dealer for scope checks; `forUpdate` locks them. */
export async function approvalsByIds(db: Queryable, ids: readonly string[], forUpdate = false): Promise<(ApprovalRow & { quote_dealer_id: string | null })[]> {
  return db.query<ApprovalRow & { quote_dealer_id: string | null }>(
    `select a.*, q.dealer_id as quote_dealer_id from approvals a join quotes q on q.id = a.quote_id where a.id = any($1)${forUpdate ? ' for update of a' : ''}`,
    [ids],
  );
}

/** Every approval of the quotes, every submission, in order of submission, level and creation. */
export async function approvalsByQuoteIds(db: Queryable, quoteIds: readonly string[]): Promise<ApprovalRow[]> {
  return db.query<ApprovalRow>('select * from approvals where quote_id = any($1) order by submission, level, created_at, id', [quoteIds]);
}

export async function insertApprovals(db: Queryable, rows: readonly Omit<ApprovalRow, 'created_at' | 'updated_at'>[]): Promise<void> {
  await insertRows(db, 'approvals', rows.map((row, i) => ({ ...row, inputs: JSON.stringify(row.inputs), created_at: sequenced(i) })));
}

export async function updateApprovalRow(db: Queryable, id: string, changes: Partial<ApprovalRow>): Promise<void> {
  await updateRow(db, 'approvals', id, changes);
}

export async function setApprovalStatuses(db: Queryable, ids: readonly string[], status: ApprovalStatus, stamp: 'requested_at' | null): Promise<void> {
  if (ids.length === 0) return;
  await db.query(`update approvals set status = $2${stamp ? ', requested_at = now()' : ''}, updated_at = now() where id = any($1)`, [ids, status]);
}

/** Open approvals (requested now) the subjects' approvers may decide: their own, their groups', and those delegated to them. */
export async function openApprovalsFor(db: Queryable, approverIds: readonly string[]): Promise<ApprovalRow[]> {
  return db.query<ApprovalRow>(
    `select a.* from approvals a
      where a.status = 'REQUESTED'
        and (a.approver_id = any($1) or (a.approver_id is null and a.group_id in (select group_id from approval_group_members where approver_id = any($1))))
      order by a.requested_at, a.id`,
    [approverIds],
  );
}

/**
 * Replaces an approver everywhere in one transaction's worth of statements: rules, chain entries, group memberships
 * (a group already holding the replacement just loses the old member) and approvals not decided yet.
 */
export async function replaceApproverEverywhere(db: Queryable, oldId: string, newId: string): Promise<{ rules: number; chainEntries: number; groupMemberships: number; pendingApprovals: string[] }> {
  const rules = await db.query('update approval_rules set approver_id = $2, updated_at = now() where approver_id = $1 returning id', [oldId, newId]);
  const chainEntries = await db.query('update approval_chain_entries set approver_id = $2 where approver_id = $1 returning id', [oldId, newId]);
  const memberships = await db.query(
    `update approval_group_members m set approver_id = $2 where m.approver_id = $1
       and not exists (select 1 from approval_group_members o where o.group_id = m.group_id and o.approver_id = $2) returning group_id`,
    [oldId, newId],
  );
  const dropped = await db.query('delete from approval_group_members where approver_id = $1 returning group_id', [oldId]);
  const pending = await db.query<{ id: string }>(
    "update approvals set approver_id = $2, updated_at = now() where approver_id = $1 and status in ('ASSIGNED', 'REQUESTED') returning id",
    [oldId, newId],
  );
  return { rules: rules.length, chainEntries: chainEntries.length, groupMemberships: memberships.length + dropped.length, pendingApprovals: pending.map((p) => p.id) };
}
