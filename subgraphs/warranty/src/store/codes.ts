import { insertRow, updateRow, type Queryable } from '@l2c/shared';
import type { CodeBook } from '../domain/eligibility.ts';
import type { CodeCatalogue } from '../domain/claimInput.ts';
import type { CodeKind, CodeRow, FaultLaborRow } from './rows.ts';

export async function codesByIds(db: Queryable, ids: readonly string[]): Promise<CodeRow[]> {
  return db.query<CodeRow>('select * from codes where id = any($1)', [ids]);
}

export async function listCodes(db: Queryable, kind: CodeKind | null, includeInactive: boolean): Promise<CodeRow[]> {
  return db.query<CodeRow>(
    `select * from codes where ($1::text is null or kind = $1) and ($2 or is_active) order by kind, code`,
    [kind, includeInactive],
  );
}

export async function codeByKind(db: Queryable, kind: CodeKind, code: string): Promise<CodeRow | null> {
  const [row] = await db.query<CodeRow>('select * from codes where kind = $1 and code = $2', [kind, code]);
  return row ?? null;
}

export async function codesByKindAndCodes(db: Queryable, kind: CodeKind, codes: readonly string[]): Promise<CodeRow[]> {
  return db.query<CodeRow>('select * from codes where kind = $1 and code = any($2)', [kind, codes]);
}

export async function insertCode(db: Queryable, row: Omit<CodeRow, 'created_at' | 'updated_at' | 'is_active'>): Promise<CodeRow> {
  return insertRow<CodeRow>(db, 'codes', row);
}

export async function updateCode(db: Queryable, id: string, changes: Partial<CodeRow>): Promise<CodeRow> {
  return (await updateRow<CodeRow>(db, 'codes', id, changes))!;
}

/** The labor operations that repair each of the faults, by labor code. */
export async function laborOfFaults(db: Queryable, faultIds: readonly string[]): Promise<FaultLaborRow[]> {
  return db.query<FaultLaborRow>(
    `select f.id, f.fault_code_id, f.labor_code_id, f.hours from fault_labor_operations f join codes c on c.id = f.labor_code_id
      where f.fault_code_id = any($1) order by c.code`,
    [faultIds],
  );
}

export async function upsertFaultLabor(db: Queryable, row: FaultLaborRow): Promise<void> {
  await db.query(
    `insert into fault_labor_operations (id, fault_code_id, labor_code_id, hours) values ($1, $2, $3, $4)
     on conflict (fault_code_id, labor_code_id) do update set hours = excluded.hours, updated_at = now()`,
    [row.id, row.fault_code_id, row.labor_code_id, row.hours],
  );
}

export async function deleteFaultLabor(db: Queryable, faultId: string, laborId: string): Promise<boolean> {
  const rows = await db.query('delete from fault_labor_operations where fault_code_id = $1 and labor_code_id = $2 returning id', [faultId, laborId]);
  return rows.length > 0;
}

/** The book the eligibility rules and claim input are checked against: every active code, in one read. */
export async function readCodeBook(db: Queryable): Promise<{ book: CodeBook; catalogue: CodeCatalogue; byCode: Map<string, CodeRow> }> {
  const codes = await db.query<CodeRow>('select * from codes where is_active');
  const mappings = await db.query<{ fault: string; labor: string; hours: string | null; standard_hours: string | null }>(
    `select f.code as fault, l.code as labor, m.hours, l.standard_hours
       from fault_labor_operations m join codes f on f.id = m.fault_code_id join codes l on l.id = m.labor_code_id
      where f.is_active and l.is_active`,
  );
  const labor = new Map(codes.filter((c) => c.kind === 'LABOR').map((c) => [c.code, { standardHours: c.standard_hours, rate: c.rate }]));
  const expense = new Map(codes.filter((c) => c.kind === 'EXPENSE').map((c) => [c.code, { limitAmount: c.limit_amount }]));
  const faultLabor = new Map<string, Map<string, string>>();
  for (const m of mappings) {
    const hours = m.hours ?? m.standard_hours;
    if (hours === null) continue;
    const repairs = faultLabor.get(m.fault) ?? new Map<string, string>();
    repairs.set(m.labor, hours);
    faultLabor.set(m.fault, repairs);
  }
  return {
    book: { labor, expense, faultLabor },
    catalogue: { faults: new Set(codes.filter((c) => c.kind === 'FAULT').map((c) => c.code)), labor, expenses: new Set(expense.keys()) },
    byCode: new Map(codes.map((c) => [`${c.kind}:${c.code}`, c])),
  };
}
