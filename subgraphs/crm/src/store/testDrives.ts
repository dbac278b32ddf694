import { and, insertRow, type Queryable, type Scope, SqlParams, updateRow } from '@l2c/shared';
import type { TestDriveRow } from './rows.ts';
import { scopeSql } from './scope.ts';

export async function testDrivesByIds(db: Queryable, scope: Scope, ids: readonly string[]): Promise<TestDriveRow[]> {
  return selectTestDrives(db, scope, 'id', ids);
}

export async function testDrivesByLeadIds(db: Queryable, scope: Scope, ids: readonly string[]): Promise<TestDriveRow[]> {
  return selectTestDrives(db, scope, 'lead_id', ids);
}

export async function testDrivesByOpportunityIds(db: Queryable, scope: Scope, ids: readonly string[]): Promise<TestDriveRow[]> {
  return selectTestDrives(db, scope, 'opportunity_id', ids);
}

export function insertTestDrive(db: Queryable, row: Omit<TestDriveRow, 'created_at' | 'updated_at'>): Promise<TestDriveRow> {
  return insertRow<TestDriveRow>(db, 'test_drives', { ...row });
}

export async function updateTestDriveRow(db: Queryable, id: string, changes: Partial<TestDriveRow>): Promise<TestDriveRow> {
  return (await updateRow<TestDriveRow>(db, 'test_drives', id, changes))!;
}

/** Links a converted lead's test drives to its new opportunity, so the drives show on both. */
export async function linkTestDrivesToOpportunity(db: Queryable, leadId: string, opportunityId: string): Promise<void> {
  await db.query('update test_drives set opportunity_id = $2, updated_at = now() where lead_id = $1 and opportunity_id is null', [leadId, opportunityId]);
}

/** Per dealer: completed test drives rated 4 or 5, for dealer matching. */
export async function positiveTestDriveCounts(db: Queryable): Promise<Map<string, number>> {
  const rows = await db.query<{ dealer_id: string; n: number }>(
    "select dealer_id, count(*)::int as n from test_drives where status = 'COMPLETED' and rating >= 4 group by dealer_id",
  );
  return new Map(rows.map((row) => [row.dealer_id, row.n]));
}

async function selectTestDrives(db: Queryable, scope: Scope, column: 'id' | 'lead_id' | 'opportunity_id', ids: readonly string[]): Promise<TestDriveRow[]> {
  const p = new SqlParams();
  const where = and([`t.${column} = any(${p.add(ids)})`, scopeSql.dealerOwned(scope, 't.dealer_id', p.add)]);
  return db.query<TestDriveRow>(`select t.* from test_drives t where ${where.join(' and ')} order by t.scheduled_at, t.id`, p.values);
}
