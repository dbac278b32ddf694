import { insertRow, updateRow, type Queryable } from '@l2c/shared';
import type { WarrantyOnAsset } from '../domain/eligibility.ts';
import type { AssetWarrantyRow, ExclusionRow, ExtensionRow, ProductWarrantyTermRow, WarrantyTermRow } from './rows.ts';

export async function termsByIds(db: Queryable, ids: readonly string[]): Promise<WarrantyTermRow[]> {
  return db.query<WarrantyTermRow>('select * from warranty_terms where id = any($1)', [ids]);
}

export async function listTerms(db: Queryable, includeInactive: boolean): Promise<WarrantyTermRow[]> {
  return db.query<WarrantyTermRow>('select * from warranty_terms where $1 or is_active order by code', [includeInactive]);
}

export async function termByCode(db: Queryable, code: string): Promise<WarrantyTermRow | null> {
  const [row] = await db.query<WarrantyTermRow>('select * from warranty_terms where code = $1', [code]);
  return row ?? null;
}

export async function insertTerm(db: Queryable, row: Omit<WarrantyTermRow, 'created_at' | 'updated_at' | 'is_active' | 'exclusions_summary'>): Promise<WarrantyTermRow> {
  return insertRow<WarrantyTermRow>(db, 'warranty_terms', row);
}

export async function updateTerm(db: Queryable, id: string, changes: Partial<WarrantyTermRow>): Promise<WarrantyTermRow> {
  return (await updateRow<WarrantyTermRow>(db, 'warranty_terms', id, changes))!;
}

export async function productTermsByTermIds(db: Queryable, termIds: readonly string[]): Promise<ProductWarrantyTermRow[]> {
  return db.query<ProductWarrantyTermRow>('select id, term_id, product_id, product_family from product_warranty_terms where term_id = any($1) order by created_at, id', [termIds]);
}

export async function insertProductTerm(db: Queryable, row: ProductWarrantyTermRow): Promise<void> {
  await insertRow(db, 'product_warranty_terms', { ...row });
}

export async function deleteProductTerm(db: Queryable, id: string): Promise<string | null> {
  const [row] = await db.query<{ term_id: string }>('delete from product_warranty_terms where id = $1 returning term_id', [id]);
  return row?.term_id ?? null;
}

/** The active terms that cover a delivered product: named for it, or for its family. */
export async function termsForProduct(db: Queryable, productId: string | null, family: string | null): Promise<WarrantyTermRow[]> {
  return db.query<WarrantyTermRow>(
    `select distinct t.* from warranty_terms t join product_warranty_terms p on p.term_id = t.id
      where t.is_active
        and (p.product_id is null or p.product_id = $1)
        and (p.product_family is null or lower(p.product_family) = lower($2))
        and ($1::text is not null or $2::text is not null)
      order by t.code`,
    [productId, family],
  );
}

export async function exclusionsOfTerms(db: Queryable, termIds: readonly string[]): Promise<ExclusionRow[]> {
  return db.query<ExclusionRow>('select * from coverage_exclusions where term_id = any($1) order by kind, code', [termIds]);
}

export async function exclusionsOfWarranties(db: Queryable, warrantyIds: readonly string[]): Promise<ExclusionRow[]> {
  return db.query<ExclusionRow>('select * from coverage_exclusions where asset_warranty_id = any($1) order by kind, code', [warrantyIds]);
}

export async function insertExclusion(db: Queryable, row: Omit<ExclusionRow, never>): Promise<void> {
  await insertRow(db, 'coverage_exclusions', { ...row });
}

export async function deleteExclusion(db: Queryable, id: string): Promise<ExclusionRow | null> {
  const [row] = await db.query<ExclusionRow>('delete from coverage_exclusions where id = $1 returning *', [id]);
  return row ?? null;
}

export async function assetWarrantiesByIds(db: Queryable, ids: readonly string[], forUpdate = false): Promise<AssetWarrantyRow[]> {
  return db.query<AssetWarrantyRow>(`select * from asset_warranties where id = any($1)${forUpdate ? ' for update' : ''}`, [ids]);
}

export async function warrantiesByAssetIds(db: Queryable, assetIds: readonly string[]): Promise<AssetWarrantyRow[]> {
  return db.query<AssetWarrantyRow>('select * from asset_warranties where asset_id = any($1) order by start_date, number', [assetIds]);
}

export async function updateAssetWarranty(db: Queryable, id: string, changes: Partial<AssetWarrantyRow>): Promise<AssetWarrantyRow> {
  return (await updateRow<AssetWarrantyRow>(db, 'asset_warranties', id, changes))!;
}

export async function extensionsByWarrantyIds(db: Queryable, ids: readonly string[]): Promise<ExtensionRow[]> {
  return db.query<ExtensionRow>('select * from asset_warranty_extensions where asset_warranty_id = any($1) order by created_at, id', [ids]);
}

export async function insertExtension(db: Queryable, row: Omit<ExtensionRow, 'created_at'>): Promise<void> {
  await insertRow(db, 'asset_warranty_extensions', { ...row });
}

/** An asset's warranties as eligibility reads them: coverage as registered, with the term's and their own exclusions. */
export async function warrantiesOnAsset(db: Queryable, assetId: string): Promise<WarrantyOnAsset[]> {
  const warranties = await warrantiesByAssetIds(db, [assetId]);
  if (warranties.length === 0) return [];
  const [ofTerms, own] = [await exclusionsOfTerms(db, warranties.map((w) => w.term_id)), await exclusionsOfWarranties(db, warranties.map((w) => w.id))];
  return warranties.map((w) => ({
    id: w.id,
    number: w.number,
    type: w.type,
    startDate: w.start_date,
    partsEndDate: w.parts_end_date,
    laborEndDate: w.labor_end_date,
    expensesEndDate: w.expenses_end_date,
    mileageLimit: w.mileage_limit,
    partsPercent: w.parts_percent,
    laborPercent: w.labor_percent,
    expensesPercent: w.expenses_percent,
    deductible: w.deductible,
    voidDate: w.void_date,
    voidCondition: w.void_condition,
    voidReason: w.void_reason,
    exclusions: [...ofTerms.filter((e) => e.term_id === w.term_id), ...own.filter((e) => e.asset_warranty_id === w.id)].map((e) => ({ kind: e.kind, code: e.code, reason: e.reason })),
  }));
}
