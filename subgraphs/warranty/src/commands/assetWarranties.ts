import { badInput, conflict, dateValue, intValue, notFound, requiredText, type Queryable, type Store } from '@l2c/shared';
import { coverageFrom, coverageStart, exclusionsSummary, extendCoverage, type CoverageDates } from '../domain/coverage.ts';
import { entity, recordWarrantyEvents, WarrantyEventType, type WarrantyEvent } from '../events.ts';
import type { CpqAsset } from '../intake/assetDirectory.ts';
import { assetsByIds, productsByIds, upsertAssets } from '../store/assets.ts';
import {
  assetWarrantiesByIds,
  exclusionsOfWarranties,
  insertExclusion,
  insertExtension,
  termsByIds,
  termsForProduct,
  updateAssetWarranty,
  warrantiesByAssetIds,
} from '../store/coverage.ts';
import type { AssetRow, AssetWarrantyRow, WarrantyTermRow } from '../store/rows.ts';
import { assertManager, idSource, type CommandContext } from './context.ts';
import { exclusionFrom } from './terms.ts';

/**
 * Assets and the warranties they carry. CPQ's assets arrive through the graph (an activated order's, or one a claim
 * names); each gets the active terms that cover its product or product family, from its purchase or install date.
 * Registering is idempotent: an asset carries each term once.
 */

/** Records CPQ's assets and gives them their products' warranties; returns the warranties registered now. */
export async function registerAssets(store: Store, assets: readonly CpqAsset[], newId: () => string): Promise<AssetWarrantyRow[]> {
  if (assets.length === 0) return [];
  return store.transaction(async (tx) => {
    const products = assets.flatMap((a) => (a.product ? [{ id: a.product.id, code: a.product.code, name: a.product.name, family: a.product.family, category: a.product.category }] : []));
    await upsertAssets(
      tx,
      assets.map((a) => ({ id: a.id, name: a.name, product_id: a.product?.id ?? null, account_id: a.accountId, dealer_id: a.dealerId, vin: a.vin, install_date: a.installDate, purchase_date: a.purchaseDate })),
      [...new Map(products.map((p) => [p.id, p])).values()],
    );
    const registered: AssetWarrantyRow[] = [];
    for (const asset of await assetsByIds(tx, assets.map((a) => a.id))) registered.push(...(await registerProductTerms(tx, asset, newId)));
    return registered;
  });
}

async function registerProductTerms(tx: Queryable, asset: AssetRow, newId: () => string): Promise<AssetWarrantyRow[]> {
  if (!asset.product_id) return [];
  const [product] = await productsByIds(tx, [asset.product_id]);
  const terms = await termsForProduct(tx, asset.product_id, product?.family ?? null);
  const held = new Set((await warrantiesByAssetIds(tx, [asset.id])).map((w) => w.term_id));
  const registered: AssetWarrantyRow[] = [];
  for (const term of terms) {
    if (held.has(term.id)) continue;
    const start = coverageStart({ effectiveStart: term.effective_start }, { purchaseDate: asset.purchase_date, installDate: asset.install_date });
    if (!start) continue;
    registered.push(await insertWarranty(tx, asset, term, start, newId));
  }
  return registered;
}

/** Gives an asset a term's coverage from a start date (default: the term's effective start for the asset). */
export async function registerAssetWarranty(ctx: CommandContext, assetId: string, termId: string, startDate: string | null | undefined): Promise<AssetWarrantyRow> {
  assertManager(ctx, 'registerAssetWarranty');
  return ctx.store.transaction(async (tx) => {
    const [asset] = await assetsByIds(tx, [assetId]);
    if (!asset) throw notFound('Asset', assetId, 'assetId');
    const [term] = await termsByIds(tx, [termId]);
    if (!term) throw notFound('WarrantyTerm', termId, 'termId');
    if (!term.is_active) throw conflict(`warranty term ${term.code} is not active`, { rule: 'TERM_INACTIVE' });
    const start = startDate ? dateValue('startDate', startDate) : coverageStart({ effectiveStart: term.effective_start }, { purchaseDate: asset.purchase_date, installDate: asset.install_date });
    if (!start) throw badInput('startDate', startDate ?? null, `the asset has no ${term.effective_start === 'INSTALL_DATE' ? 'install' : 'purchase'} date: give the start date`);
    if ((await warrantiesByAssetIds(tx, [assetId])).some((w) => w.term_id === termId)) throw conflict(`the asset already carries warranty term ${term.code}`, { rule: 'ALREADY_REGISTERED' });
    return insertWarranty(tx, asset, term, start, idSource(ctx));
  });
}

async function insertWarranty(tx: Queryable, asset: AssetRow, term: WarrantyTermRow, start: string, newId: () => string): Promise<AssetWarrantyRow> {
  const dates = coverageFrom(
    {
      months: term.months,
      mileageLimit: term.mileage_limit,
      effectiveStart: term.effective_start,
      partsPercent: term.parts_percent,
      laborPercent: term.labor_percent,
      expensesPercent: term.expenses_percent,
      partsMonths: term.parts_months,
      laborMonths: term.labor_months,
      expensesMonths: term.expenses_months,
    },
    start,
  );
  const [row] = await tx.query<AssetWarrantyRow>(
    `insert into asset_warranties (id, asset_id, term_id, type, start_date, end_date, parts_percent, labor_percent, expenses_percent,
       parts_end_date, labor_end_date, expenses_end_date, mileage_limit, deductible)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) on conflict (asset_id, term_id) do nothing returning *`,
    [newId(), asset.id, term.id, term.type, dates.startDate, dates.endDate, term.parts_percent, term.labor_percent, term.expenses_percent, dates.partsEndDate, dates.laborEndDate, dates.expensesEndDate, dates.mileageLimit, term.deductible],
  );
  if (!row) throw conflict(`the asset already carries warranty term ${term.code}`, { rule: 'ALREADY_REGISTERED' });
  await recordWarrantyEvents(tx, [
    { type: WarrantyEventType.AssetWarrantyRegistered, entity: entity('AssetWarranty', row.id), dealerIds: [asset.dealer_id], changes: { number: row.number, assetId: asset.id, termCode: term.code, startDate: row.start_date, endDate: row.end_date, mileageLimit: row.mileage_limit } },
  ]);
  return row;
}

export async function addAssetWarrantyExclusion(ctx: CommandContext, id: string, input: { kind: 'PART' | 'FAULT' | 'LABOR' | 'EXPENSE'; code: string; reason: string }): Promise<AssetWarrantyRow> {
  assertManager(ctx, 'addAssetWarrantyExclusion');
  const exclusion = exclusionFrom(input);
  return ctx.store.transaction(async (tx) => {
    const warranty = await lockWarranty(tx, id);
    const own = await exclusionsOfWarranties(tx, [id]);
    if (own.some((e) => e.kind === exclusion.kind && e.code === exclusion.code)) throw conflict(`${exclusion.kind} ${exclusion.code} is already excluded from ${warranty.number}`, { rule: 'ALREADY_EXCLUDED' });
    await insertExclusion(tx, { id: idSource(ctx)(), term_id: null, asset_warranty_id: id, ...exclusion });
    return updateAssetWarranty(tx, id, { exclusions_summary: exclusionsSummary([...own, exclusion]) });
  });
}

export async function voidAssetWarranty(ctx: CommandContext, id: string, input: { condition: string; voidDate: string; reason: string }): Promise<AssetWarrantyRow> {
  assertManager(ctx, 'voidAssetWarranty');
  const voidDate = dateValue('input.voidDate', input.voidDate);
  const reason = requiredText('input.reason', input.reason, 500);
  return ctx.store.transaction(async (tx) => {
    const warranty = await lockWarranty(tx, id);
    if (warranty.void_date) throw conflict(`${warranty.number} is already void from ${warranty.void_date}`, { rule: 'ALREADY_VOID' });
    if (voidDate < warranty.start_date) throw badInput('input.voidDate', input.voidDate, `must not be before the warranty starts (${warranty.start_date})`);
    const voided = await updateAssetWarranty(tx, id, { void_date: voidDate, void_condition: input.condition, void_reason: reason });
    const [asset] = await assetsByIds(tx, [warranty.asset_id]);
    await recordWarrantyEvents(tx, [{ type: WarrantyEventType.AssetWarrantyVoided, entity: entity('AssetWarranty', id), dealerIds: [asset?.dealer_id], changes: { number: warranty.number, assetId: warranty.asset_id, voidDate, condition: input.condition, reason } }]);
    return voided;
  });
}

export async function extendAssetWarranty(ctx: CommandContext, id: string, input: { extensionTermId?: string | null; months?: number | null; mileage?: number | null; reason: string }): Promise<AssetWarrantyRow> {
  assertManager(ctx, 'extendAssetWarranty');
  const reason = requiredText('input.reason', input.reason, 500);
  return ctx.store.transaction(async (tx) => {
    const warranty = await lockWarranty(tx, id);
    if (warranty.void_date) throw conflict(`${warranty.number} is void from ${warranty.void_date}; a void warranty cannot be extended`, { rule: 'WARRANTY_VOID' });
    let months = input.months == null ? 0 : intValue('input.months', input.months, 0, 240);
    let mileage = input.mileage == null ? 0 : intValue('input.mileage', input.mileage, 0, 1_000_000);
    if (input.extensionTermId) {
      const [term] = await termsByIds(tx, [input.extensionTermId]);
      if (!term) throw notFound('WarrantyTerm', input.extensionTermId, 'input.extensionTermId');
      if (term.type !== 'EXTENDED') throw badInput('input.extensionTermId', input.extensionTermId, `must be an EXTENDED term; ${term.code} is ${term.type}`);
      if (input.months != null || input.mileage != null) throw badInput('input.months', input.months ?? input.mileage, 'give an extended term or months and mileage, not both');
      months = term.months;
      mileage = term.mileage_limit ?? 0;
    }
    if (months === 0 && mileage === 0) throw badInput('input.months', input.months ?? null, 'an extension adds months or mileage (or names an extended term that does)');
    const before: CoverageDates = { startDate: warranty.start_date, endDate: warranty.end_date, partsEndDate: warranty.parts_end_date, laborEndDate: warranty.labor_end_date, expensesEndDate: warranty.expenses_end_date, mileageLimit: warranty.mileage_limit };
    const after = extendCoverage(before, months, mileage);
    await insertExtension(tx, { id: idSource(ctx)(), asset_warranty_id: id, extension_term_id: input.extensionTermId ?? null, months, mileage, reason, created_by: ctx.identity.subject });
    const extended = await updateAssetWarranty(tx, id, { end_date: after.endDate, parts_end_date: after.partsEndDate, labor_end_date: after.laborEndDate, expenses_end_date: after.expensesEndDate, mileage_limit: after.mileageLimit });
    const [asset] = await assetsByIds(tx, [warranty.asset_id]);
    const event: WarrantyEvent = { type: WarrantyEventType.AssetWarrantyExtended, entity: entity('AssetWarranty', id), dealerIds: [asset?.dealer_id], changes: { number: warranty.number, assetId: warranty.asset_id, months, mileage, endDate: { from: warranty.end_date, to: after.endDate }, mileageLimit: { from: warranty.mileage_limit, to: after.mileageLimit } } };
    await recordWarrantyEvents(tx, [event]);
    return extended;
  });
}

async function lockWarranty(tx: Queryable, id: string): Promise<AssetWarrantyRow> {
  const [warranty] = await assetWarrantiesByIds(tx, [id], true);
  if (!warranty) throw notFound('AssetWarranty', id);
  return warranty;
}
