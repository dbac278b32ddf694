import { insertRow, updateRow, type Queryable } from '@l2c/shared';
import type { Program } from '../domain/incentive.ts';
import type { ProgramRow, SalesReportKind } from './rows.ts';

export async function programsByIds(db: Queryable, ids: readonly string[]): Promise<ProgramRow[]> {
  return db.query<ProgramRow>('select * from incentive_programs where id = any($1)', [ids]);
}

export async function listPrograms(db: Queryable, options: { includeInactive: boolean; appliesTo?: SalesReportKind }): Promise<ProgramRow[]> {
  return db.query<ProgramRow>(
    'select * from incentive_programs where ($1 or is_active) and ($2::text is null or applies_to = $2) order by code',
    [options.includeInactive, options.appliesTo ?? null],
  );
}

export async function insertProgram(db: Queryable, row: Omit<ProgramRow, 'created_at' | 'updated_at' | 'is_active'>): Promise<ProgramRow> {
  return insertRow<ProgramRow>(db, 'incentive_programs', { ...row, tiers: JSON.stringify(row.tiers) });
}

export async function setProgramActive(db: Queryable, id: string, isActive: boolean): Promise<ProgramRow | null> {
  return updateRow<ProgramRow>(db, 'incentive_programs', id, { is_active: isActive });
}

export function programOf(row: ProgramRow): Program {
  return {
    id: row.id,
    code: row.code,
    appliesTo: row.applies_to,
    productCodes: row.product_codes,
    saleTypes: row.sale_types,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    calculation: row.calculation,
    amountPerUnit: row.amount_per_unit,
    percent: row.percent,
    tierBasis: row.tier_basis,
    tiers: row.tiers,
    tradeSharePercent: row.trade_share_percent,
    maxDeliveryMileage: row.max_delivery_mileage,
    isActive: row.is_active,
  };
}
