import { fetchPage, insertRow, insertRows, SqlParams, updateRow, type Connection, type PageQuery, type Queryable, type Scope } from '@l2c/shared';
import type { ClaimCoverageRow, ClaimLineRow, ClaimRow, ClaimStatus, ClaimStatusChangeRow, PolicyRow } from './rows.ts';
import { and, dealerOwned } from './scope.ts';

export interface ClaimFilter {
  status?: ClaimStatus[] | null;
  dealerId?: string | null;
  assetId?: string | null;
}

const CLAIM = 'c.*, i.asset_id, i.failure_date, i.repair_date, i.mileage';
const FROM = 'claims c join claim_items i on i.claim_id = c.id';

export async function claimsByIds(db: Queryable, scope: Scope, ids: readonly string[], forUpdate = false): Promise<ClaimRow[]> {
  const p = new SqlParams();
  const where = and([`c.id = any(${p.add(ids)})`, dealerOwned(scope, 'c.dealer_id', p.add)]);
  return db.query<ClaimRow>(`select ${CLAIM} from ${FROM} where ${where.join(' and ')}${forUpdate ? ' for update of c' : ''}`, p.values);
}

export async function claimByNumber(db: Queryable, scope: Scope, number: string): Promise<ClaimRow | null> {
  const p = new SqlParams();
  const where = and([`c.number = ${p.add(number)}`, dealerOwned(scope, 'c.dealer_id', p.add)]);
  const [row] = await db.query<ClaimRow>(`select ${CLAIM} from ${FROM} where ${where.join(' and ')}`, p.values);
  return row ?? null;
}

export async function claimsByAssetIds(db: Queryable, scope: Scope, assetIds: readonly string[]): Promise<ClaimRow[]> {
  const p = new SqlParams();
  const where = and([`i.asset_id = any(${p.add(assetIds)})`, dealerOwned(scope, 'c.dealer_id', p.add)]);
  return db.query<ClaimRow>(`select ${CLAIM} from ${FROM} where ${where.join(' and ')} order by c.created_at desc, c.id`, p.values);
}

export async function listClaims(db: Queryable, scope: Scope, filter: ClaimFilter, page: PageQuery): Promise<Connection<ClaimRow>> {
  const p = new SqlParams();
  const where = and([
    dealerOwned(scope, 'c.dealer_id', p.add),
    filter.status?.length ? `c.status = any(${p.add(filter.status)})` : null,
    filter.dealerId ? `c.dealer_id = ${p.add(filter.dealerId)}` : null,
    filter.assetId ? `i.asset_id = ${p.add(filter.assetId)}` : null,
  ]);
  return fetchPage<ClaimRow>(db, { columns: CLAIM, from: FROM, where, params: p, sort: { sortExpr: 'c.created_at', sortType: 'timestamptz', idExpr: 'c.id', descending: true } }, page);
}

export async function insertClaim(db: Queryable, claim: { id: string; dealer_id: string; type: string; description: string | null; created_by: string }, item: { id: string; asset_id: string; failure_date: string; repair_date: string | null; mileage: number }): Promise<void> {
  await insertRow(db, 'claims', claim);
  await insertRow(db, 'claim_items', { ...item, claim_id: claim.id });
}

export async function updateClaimRow(db: Queryable, id: string, changes: Partial<Omit<ClaimRow, 'asset_id' | 'failure_date' | 'repair_date' | 'mileage'>>): Promise<void> {
  const { review_reasons, ...rest } = changes;
  await updateRow(db, 'claims', id, { ...rest, ...(review_reasons ? { review_reasons: JSON.stringify(review_reasons) } : {}) });
}

export async function updateClaimItem(db: Queryable, claimId: string, item: { asset_id: string; failure_date: string; repair_date: string | null; mileage: number }): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    'update claim_items set asset_id = $2, failure_date = $3, repair_date = $4, mileage = $5, updated_at = now() where claim_id = $1 returning id',
    [claimId, item.asset_id, item.failure_date, item.repair_date, item.mileage],
  );
  return row!.id;
}

export async function itemIdOfClaim(db: Queryable, claimId: string): Promise<string> {
  const [row] = await db.query<{ id: string }>('select id from claim_items where claim_id = $1', [claimId]);
  return row!.id;
}

/** Replaces a claim's coverages and lines (drafts and claims sent back are rewritten whole). */
export async function replaceLines(db: Queryable, claimId: string, coverages: readonly Omit<ClaimCoverageRow, 'status' | 'approved_amount' | 'asset_warranty_id' | 'coverage_type'>[], lines: readonly Omit<ClaimLineRow, 'fault_code_id' | 'fault_code' | 'eligibility' | 'eligibility_reasons' | 'allowed_amount' | 'covered_percent' | 'covered_amount' | 'asset_warranty_id' | 'status' | 'approved_amount' | 'decision_reason' | 'decided_by'>[]): Promise<void> {
  await db.query('delete from claim_coverages where claim_id = $1', [claimId]);
  await insertRows(db, 'claim_coverages', coverages.map((c) => ({ ...c })));
  await insertRows(db, 'claim_lines', lines.map((l) => ({ ...l })));
}

export async function linesByClaimIds(db: Queryable, claimIds: readonly string[]): Promise<ClaimLineRow[]> {
  return db.query<ClaimLineRow>(
    `select l.*, v.fault_code_id, f.code as fault_code from claim_lines l join claim_coverages v on v.id = l.coverage_id join codes f on f.id = v.fault_code_id
      where l.claim_id = any($1) order by l.claim_id, l.line_number`,
    [claimIds],
  );
}

export async function coveragesByClaimIds(db: Queryable, claimIds: readonly string[]): Promise<ClaimCoverageRow[]> {
  return db.query<ClaimCoverageRow>('select * from claim_coverages where claim_id = any($1) order by claim_id, position', [claimIds]);
}

export async function updateLine(db: Queryable, id: string, changes: Partial<ClaimLineRow>): Promise<void> {
  const { eligibility_reasons, fault_code_id: _fault, fault_code: _code, ...rest } = changes;
  await updateRow(db, 'claim_lines', id, { ...rest, ...(eligibility_reasons ? { eligibility_reasons: JSON.stringify(eligibility_reasons) } : {}) });
}

export async function updateCoverage(db: Queryable, id: string, changes: Partial<ClaimCoverageRow>): Promise<void> {
  await updateRow(db, 'claim_coverages', id, changes);
}

export async function recordStatusChange(db: Queryable, change: { claim_id: string; from_status: ClaimStatus | null; to_status: ClaimStatus; reason: string | null; changed_by: string | null }): Promise<void> {
  await db.query('insert into claim_status_changes (claim_id, from_status, to_status, reason, changed_by) values ($1, $2, $3, $4, $5)', [change.claim_id, change.from_status, change.to_status, change.reason, change.changed_by]);
}

export async function historyByClaimIds(db: Queryable, claimIds: readonly string[]): Promise<ClaimStatusChangeRow[]> {
  return db.query<ClaimStatusChangeRow>('select * from claim_status_changes where claim_id = any($1) order by claim_id, id', [claimIds]);
}

/** Earlier claims (submitted or later) on the asset for one of the faults, with the failure within `days` before. */
export async function earlierClaimsForFaults(db: Queryable, claimId: string, assetId: string, faultCodes: readonly string[], failureDate: string, days: number): Promise<{ number: string; fault: string; failure_date: string }[]> {
  if (days <= 0 || faultCodes.length === 0) return [];
  return db.query(
    `select c.number, f.code as fault, i.failure_date
       from claims c join claim_items i on i.claim_id = c.id join claim_coverages v on v.claim_id = c.id join codes f on f.id = v.fault_code_id
      where i.asset_id = $1 and c.id <> $2 and f.code = any($3) and c.status not in ('DRAFT', 'REJECTED')
        and i.failure_date <= $4::date and i.failure_date >= $4::date - $5::int
      order by i.failure_date desc, c.number`,
    [assetId, claimId, faultCodes, failureDate, days],
  );
}

export async function readPolicy(db: Queryable): Promise<PolicyRow> {
  const [row] = await db.query<PolicyRow>("select * from adjudication_policies where id = 'default'");
  return row!;
}

export async function writePolicy(db: Queryable, policy: Omit<PolicyRow, 'id' | 'updated_at'>): Promise<PolicyRow> {
  const [row] = await db.query<PolicyRow>(
    `update adjudication_policies set auto_approve_limit = $1, review_fault_codes = $2, repeat_repair_days = $3, cap_over_limit = $4, updated_by = $5, updated_at = now()
      where id = 'default' returning *`,
    [policy.auto_approve_limit, policy.review_fault_codes, policy.repeat_repair_days, policy.cap_over_limit, policy.updated_by],
  );
  return row!;
}
