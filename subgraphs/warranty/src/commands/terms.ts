import { badInput, conflict, decimalValue, intValue, notFound, requiredText, type Queryable } from '@l2c/shared';
import { exclusionsSummary, type ExclusionFact } from '../domain/coverage.ts';
import { deleteExclusion, deleteProductTerm, exclusionsOfTerms, insertExclusion, insertProductTerm, insertTerm, termByCode, termsByIds, updateTerm } from '../store/coverage.ts';
import type { WarrantyTermRow, WarrantyType } from '../store/rows.ts';
import { assertManager, idSource, type CommandContext } from './context.ts';

/** Warranty terms (what is covered, how long, how far), the products they come with, and what they exclude. */

export interface WarrantyTermInput {
  code: string;
  name: string;
  type?: WarrantyType | null;
  months: number;
  mileageLimit?: number | null;
  effectiveStart?: 'PURCHASE_DATE' | 'INSTALL_DATE' | null;
  coverage?: readonly { category: 'PARTS' | 'LABOR' | 'EXPENSES'; percent: string; months?: number | null }[] | null;
  deductible?: string | null;
  isTransferable?: boolean | null;
}

const CODE = /^[A-Z0-9][A-Z0-9._/-]{0,39}$/;

export async function createWarrantyTerm(ctx: CommandContext, input: WarrantyTermInput): Promise<WarrantyTermRow> {
  assertManager(ctx, 'createWarrantyTerm');
  const code = input.code.trim().toUpperCase();
  if (!CODE.test(code)) throw badInput('input.code', input.code, 'must be letters, digits and . _ / - (at most 40)');
  const months = intValue('input.months', input.months, 1, 600);
  const categories = { PARTS: { percent: '100', months: null as number | null }, LABOR: { percent: '100', months: null as number | null }, EXPENSES: { percent: '100', months: null as number | null } };
  for (const [i, entry] of (input.coverage ?? []).entries()) {
    const field = `input.coverage[${i}]`;
    if ((input.coverage ?? []).findIndex((c) => c.category === entry.category) !== i) throw badInput(`${field}.category`, entry.category, 'is named twice');
    categories[entry.category] = {
      percent: decimalValue(`${field}.percent`, entry.percent, { scale: 2, min: 0, max: 100 }),
      months: entry.months == null ? null : intValue(`${field}.months`, entry.months, 1, months),
    };
  }
  return ctx.store.transaction(async (tx) => {
    if (await termByCode(tx, code)) throw conflict(`a warranty term ${code} exists already`, { rule: 'DUPLICATE_CODE', field: 'input.code' });
    return insertTerm(tx, {
      id: idSource(ctx)(),
      code,
      name: requiredText('input.name', input.name, 200),
      type: input.type ?? 'STANDARD',
      months,
      mileage_limit: input.mileageLimit == null ? null : intValue('input.mileageLimit', input.mileageLimit, 1, 10_000_000),
      effective_start: input.effectiveStart ?? 'PURCHASE_DATE',
      parts_percent: categories.PARTS.percent,
      labor_percent: categories.LABOR.percent,
      expenses_percent: categories.EXPENSES.percent,
      parts_months: categories.PARTS.months,
      labor_months: categories.LABOR.months,
      expenses_months: categories.EXPENSES.months,
      deductible: decimalValue('input.deductible', input.deductible ?? '0', { scale: 2, min: 0, max: 100_000 }),
      is_transferable: input.isTransferable ?? true,
    });
  });
}

export async function updateWarrantyTerm(ctx: CommandContext, id: string, input: { name?: string | null; deductible?: string | null; isActive?: boolean | null; isTransferable?: boolean | null }): Promise<WarrantyTermRow> {
  assertManager(ctx, 'updateWarrantyTerm');
  return ctx.store.transaction(async (tx) => {
    await lockTerm(tx, id);
    return updateTerm(tx, id, {
      ...(input.name != null ? { name: requiredText('input.name', input.name, 200) } : {}),
      ...(input.deductible != null ? { deductible: decimalValue('input.deductible', input.deductible, { scale: 2, min: 0, max: 100_000 }) } : {}),
      ...(input.isActive != null ? { is_active: input.isActive } : {}),
      ...(input.isTransferable != null ? { is_transferable: input.isTransferable } : {}),
    });
  });
}

export async function coverProducts(ctx: CommandContext, termId: string, input: { productId?: string | null; productFamily?: string | null }): Promise<WarrantyTermRow> {
  assertManager(ctx, 'coverProducts');
  const productId = input.productId?.trim() || null;
  const productFamily = input.productFamily?.trim() || null;
  if (!productId && !productFamily) throw badInput('input', input, 'name a product (productId), a product family, or both');
  return ctx.store.transaction(async (tx) => {
    const term = await lockTerm(tx, termId);
    await insertProductTerm(tx, { id: idSource(ctx)(), term_id: term.id, product_id: productId, product_family: productFamily });
    return term;
  });
}

export async function uncoverProducts(ctx: CommandContext, productWarrantyTermId: string): Promise<WarrantyTermRow> {
  assertManager(ctx, 'uncoverProducts');
  return ctx.store.transaction(async (tx) => {
    const termId = await deleteProductTerm(tx, productWarrantyTermId);
    if (!termId) throw notFound('ProductWarrantyTerm', productWarrantyTermId);
    return (await termsByIds(tx, [termId]))[0]!;
  });
}

/** An exclusion's input, checked: codes upper-case, a reason the dealer will read. */
export function exclusionFrom(input: { kind: ExclusionFact['kind']; code: string; reason: string }): ExclusionFact {
  const code = input.code.trim().toUpperCase();
  if (!CODE.test(code)) throw badInput('input.code', input.code, 'must be letters, digits and . _ / - (at most 40)');
  return { kind: input.kind, code, reason: requiredText('input.reason', input.reason, 300) };
}

export async function addTermExclusion(ctx: CommandContext, termId: string, input: { kind: ExclusionFact['kind']; code: string; reason: string }): Promise<WarrantyTermRow> {
  assertManager(ctx, 'addTermExclusion');
  const exclusion = exclusionFrom(input);
  return ctx.store.transaction(async (tx) => {
    const term = await lockTerm(tx, termId);
    const existing = await exclusionsOfTerms(tx, [termId]);
    if (existing.some((e) => e.kind === exclusion.kind && e.code === exclusion.code)) throw conflict(`${exclusion.kind} ${exclusion.code} is already excluded from ${term.code}`, { rule: 'ALREADY_EXCLUDED' });
    await insertExclusion(tx, { id: idSource(ctx)(), term_id: termId, asset_warranty_id: null, ...exclusion });
    return updateTerm(tx, termId, { exclusions_summary: exclusionsSummary([...existing, exclusion]) });
  });
}

export async function removeExclusion(ctx: CommandContext, id: string): Promise<boolean> {
  assertManager(ctx, 'removeExclusion');
  return ctx.store.transaction(async (tx) => {
    const removed = await deleteExclusion(tx, id);
    if (!removed) throw notFound('Exclusion', id);
    if (removed.term_id) await updateTerm(tx, removed.term_id, { exclusions_summary: exclusionsSummary(await exclusionsOfTerms(tx, [removed.term_id])) });
    else {
      const rest = await tx.query<ExclusionFact>('select kind, code, reason from coverage_exclusions where asset_warranty_id = $1', [removed.asset_warranty_id]);
      await tx.query('update asset_warranties set exclusions_summary = $2, updated_at = now() where id = $1', [removed.asset_warranty_id, exclusionsSummary(rest)]);
    }
    return true;
  });
}

async function lockTerm(tx: Queryable, id: string): Promise<WarrantyTermRow> {
  const [term] = await tx.query<WarrantyTermRow>('select * from warranty_terms where id = $1 for update', [id]);
  if (!term) throw notFound('WarrantyTerm', id);
  return term;
}
