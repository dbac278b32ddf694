import { badInput, conflict, decimalValue, forbidden, intValue, notFound, optionalText, requiredText, type Queryable } from '@l2c/shared';
import { checkTerm, checkTiers, type DiscountTier } from '../domain/pricing.ts';
import { entity, CpqEventType, recordCpqEvents } from '../events.ts';
import {
  dealerPriceBook,
  inventoryByIds,
  insertPriceBook,
  insertProduct,
  priceBooksByIds,
  productsByCodes,
  productsByIds,
  replaceTiers,
  updateProductRow,
  upsertEntry,
  upsertInventory,
} from '../store/catalogue.ts';
import type { ChargeType, InventoryRow, PriceBookEntryRow, PriceBookRow, ProductCategory, ProductRow } from '../store/rows.ts';
import { assertCanSell, assertInternal, idSource, withoutUndefined, type CommandContext } from './context.ts';

export interface CreateProductInput {
  code: string;
  name: string;
  category: ProductCategory;
  family?: string | null;
  description?: string | null;
  chargeType?: ChargeType | null;
  defaultSubscriptionTerm?: number | null;
  entitlementName?: string | null;
  entitlementMonths?: number | null;
}

/** Adds a product. Recurring products need the term their list price is for; one-time products have none. */
export async function createProduct(ctx: CommandContext, input: CreateProductInput): Promise<ProductRow> {
  assertInternal(ctx, 'createProduct');
  const code = requiredText('input.code', input.code, 40).toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9-]*$/.test(code)) throw badInput('input.code', input.code, 'must be letters, digits and dashes, e.g. "V-LYR-LIFE"');
  const chargeType = input.chargeType ?? 'ONE_TIME';
  const term = input.defaultSubscriptionTerm ?? null;
  if (chargeType === 'RECURRING' && term === null) throw badInput('input.defaultSubscriptionTerm', term, 'a recurring product needs the term (months) its list price is for');
  if (chargeType === 'ONE_TIME' && term !== null) throw badInput('input.defaultSubscriptionTerm', term, 'only recurring products have a subscription term');
  return ctx.store.transaction(async (tx) => {
    if ((await productsByCodes(tx, [code])).length) throw conflict(`a product with code ${code} exists already`, { rule: 'PRODUCT_CODE_TAKEN', code });
    const product = await insertProduct(tx, {
      id: idSource(ctx)(),
      code,
      name: requiredText('input.name', input.name, 120),
      category: input.category,
      family: optionalText('input.family', input.family, 60) ?? null,
      description: optionalText('input.description', input.description, 2000) ?? null,
      charge_type: chargeType,
      default_subscription_term: term === null ? null : checkTerm(term, 'input.defaultSubscriptionTerm'),
      ...entitlementColumns(input),
    });
    await recordCpqEvents(tx, [{ type: CpqEventType.ProductChanged, entity: entity('Product', product.id), changes: { code, created: true } }]);
    return product;
  });
}

export interface UpdateProductInput {
  name?: string | null;
  family?: string | null;
  description?: string | null;
  isActive?: boolean | null;
  entitlementName?: string | null;
  entitlementMonths?: number | null;
}

export async function updateProduct(ctx: CommandContext, id: string, input: UpdateProductInput): Promise<ProductRow> {
  assertInternal(ctx, 'updateProduct');
  return ctx.store.transaction(async (tx) => {
    const before = await readProduct(tx, id);
    const changes = withoutUndefined({
      name: input.name == null ? undefined : requiredText('input.name', input.name, 120),
      family: optionalText('input.family', input.family, 60),
      description: optionalText('input.description', input.description, 2000),
      is_active: input.isActive ?? undefined,
      ...(input.entitlementName !== undefined || input.entitlementMonths !== undefined
        ? entitlementColumns({
            entitlementName: input.entitlementName !== undefined ? input.entitlementName : before.entitlement_name,
            entitlementMonths: input.entitlementMonths !== undefined ? input.entitlementMonths : before.entitlement_months,
          })
        : {}),
    });
    const product = (await updateProductRow(tx, id, changes))!;
    await recordCpqEvents(tx, [{ type: CpqEventType.ProductChanged, entity: entity('Product', id), changes: { fields: Object.keys(changes) } }]);
    return product;
  });
}

/** Replaces the volume discount tiers of a product (an empty list removes them). */
export async function setDiscountTiers(ctx: CommandContext, productId: string, tiers: readonly DiscountTier[]): Promise<ProductRow> {
  assertInternal(ctx, 'setDiscountTiers');
  const checked = checkTiers(tiers, 'tiers');
  return ctx.store.transaction(async (tx) => {
    const product = await readProduct(tx, productId, 'productId');
    await replaceTiers(tx, productId, checked);
    await recordCpqEvents(tx, [{ type: CpqEventType.PriceChanged, entity: entity('Product', productId), changes: { discountTiers: checked } }]);
    return product;
  });
}

/** A dealer's own price book; the standard book comes with the catalogue. A dealer has at most one active book. */
export async function createPriceBook(ctx: CommandContext, input: { name: string; dealerId?: string | null }): Promise<PriceBookRow> {
  assertInternal(ctx, 'createPriceBook');
  const name = requiredText('input.name', input.name, 120);
  return ctx.store.transaction(async (tx) => {
    if (input.dealerId) {
      const existing = await dealerPriceBook(tx, input.dealerId);
      if (existing) throw conflict(`dealer ${input.dealerId} already has the price book ${JSON.stringify(existing.name)}`, { rule: 'DEALER_HAS_PRICE_BOOK' });
    }
    return insertPriceBook(tx, { id: idSource(ctx)(), name, is_standard: false, dealer_id: input.dealerId ?? null });
  });
}

/** Sets a product's unit price in a price book. */
export async function setPrice(ctx: CommandContext, priceBookId: string, productId: string, unitPrice: string): Promise<PriceBookEntryRow> {
  assertInternal(ctx, 'setPrice');
  const price = decimalValue('unitPrice', unitPrice, { scale: 2, min: 0 });
  return ctx.store.transaction(async (tx) => {
    const [book] = await priceBooksByIds(tx, ctx.scope, [priceBookId]);
    if (!book) throw notFound('PriceBook', priceBookId, 'priceBookId');
    await readProduct(tx, productId, 'productId');
    const entry = await upsertEntry(tx, { id: idSource(ctx)(), price_book_id: priceBookId, product_id: productId, unit_price: price });
    await recordCpqEvents(tx, [{ type: CpqEventType.PriceChanged, entity: entity('PriceBookEntry', entry.id), dealerIds: [book.dealer_id], changes: { priceBookId, productId, unitPrice: entry.unit_price } }]);
    return entry;
  });
}

/** Sets a dealer's stock of a product. A partner sets its own dealer's stock only. */
export async function setInventory(ctx: CommandContext, dealerId: string, productCode: string, quantityOnHand: number): Promise<InventoryRow> {
  assertCanSell(ctx, 'setInventory');
  if (ctx.scope.kind === 'dealer' && ctx.scope.dealerAccountId !== dealerId) throw forbidden(`dealerId: a partner keeps the stock of its own dealer ${ctx.scope.dealerAccountId} only`);
  const quantity = intValue('quantityOnHand', quantityOnHand, 0, 1_000_000);
  return ctx.store.transaction(async (tx) => {
    const [product] = await productsByCodes(tx, [productCode.trim().toUpperCase()]);
    if (!product) throw notFound('Product', productCode, 'productCode');
    const saved = await upsertInventory(tx, { id: idSource(ctx)(), dealer_id: dealerId, product_id: product.id, quantity_on_hand: quantity });
    await recordCpqEvents(tx, [
      { type: CpqEventType.InventoryChanged, entity: entity('InventoryItem', saved.id), dealerIds: [dealerId], changes: { productCode: product.code, quantityOnHand: { from: saved.before, to: quantity } } },
    ]);
    const [row] = await inventoryByIds(tx, ctx.scope, [saved.id]);
    return row!;
  });
}

async function readProduct(db: Queryable, id: string, field?: string): Promise<ProductRow> {
  const [product] = await productsByIds(db, [id]);
  if (!product) throw notFound('Product', id, field);
  return product;
}

function entitlementColumns(input: { entitlementName?: string | null; entitlementMonths?: number | null }) {
  const name = optionalText('input.entitlementName', input.entitlementName, 120) ?? null;
  const months = input.entitlementMonths == null ? null : intValue('input.entitlementMonths', input.entitlementMonths, 1, 240);
  if (months !== null && name === null) throw badInput('input.entitlementName', input.entitlementName, 'an entitlement with a duration needs a name');
  return { entitlement_name: name, entitlement_months: months };
}
