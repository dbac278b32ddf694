import { badInput, dateValue, optionalText, type Queryable } from '@l2c/shared';
import { termEnd } from '../domain/contractTerms.ts';
import { checkTerm, priceLine, quoteTotals, type LinePrice } from '../domain/pricing.ts';
import { productsByCodes, tiersByProductIds, unitPrices } from '../store/catalogue.ts';
import { linesByQuoteIds, updateQuoteRow } from '../store/quotes.ts';
import type { ProductRow, QuoteLineRow, QuoteRow } from '../store/rows.ts';

/** A line as a seller asks for it: a product by code, a quantity, an optional discount, and where and when. */
export interface LineSpec {
  productCode: string;
  quantity: number;
  discountPercent?: string | null;
  discountAmount?: string | null;
  subscriptionTerm?: number | null;
  startDate?: string | null;
  shipTo?: string | null;
  requestedDate?: string | null;
}

export type PricedLine = Omit<QuoteLineRow, 'id' | 'quote_id' | 'number' | 'created_at' | 'updated_at'>;

/**
 * Prices lines for a quote from its price book, in three statements whatever the number of lines: the products, their
 * unit prices (the quote's book, else the standard one), their discount tiers. `field` names the input in errors.
 */
export async function priceLines(tx: Queryable, quote: Pick<QuoteRow, 'price_book_id' | 'subscription_term' | 'start_date'>, specs: readonly LineSpec[], field: (i: number) => string): Promise<PricedLine[]> {
  if (specs.length === 0) return [];
  const codes = specs.map((spec) => spec.productCode.trim().toUpperCase());
  const products = new Map((await productsByCodes(tx, codes)).map((p) => [p.code, p]));
  const ids = [...products.values()].map((p) => p.id);
  const [prices, tiers] = await Promise.all([unitPrices(tx, quote.price_book_id, ids), tiersByProductIds(tx, ids)]);
  return specs.map((spec, i) => {
    const name = field(i);
    const product = products.get(codes[i]!);
    if (!product) throw badInput(`${name}.productCode`, spec.productCode, 'is not a product in the catalogue');
    if (!product.is_active) throw badInput(`${name}.productCode`, spec.productCode, 'is no longer sold (the product is inactive)');
    const listPrice = prices.get(product.id);
    if (listPrice === undefined) throw badInput(`${name}.productCode`, spec.productCode, "has no price in the quote's price book or the standard one");
    const productTiers = tiers.filter((t) => t.product_id === product.id).map((t) => ({ minQuantity: t.min_quantity, discountPercent: t.discount_percent }));
    return pricedLine(product, listPrice, productTiers, spec, quote, name);
  });
}

/** Recomputes the quote's totals from its lines (exact sums) and stores them. */
export async function refreshTotals(tx: Queryable, quoteId: string): Promise<void> {
  const totals = quoteTotals((await linesByQuoteIds(tx, [quoteId])).map((l) => ({ listTotal: l.list_total, netTotal: l.net_total })));
  await updateQuoteRow(tx, quoteId, {
    list_amount: totals.listAmount,
    net_amount: totals.netAmount,
    discount_amount: totals.discountAmount,
    customer_discount_percent: totals.customerDiscountPercent,
  });
}

/** The spec a stored line was priced from, so it can be priced again (a clone, a changed quantity). */
export function specOf(line: QuoteLineRow): LineSpec {
  return {
    productCode: line.product_code,
    quantity: line.quantity,
    discountPercent: line.discount_percent,
    discountAmount: line.discount_amount,
    subscriptionTerm: line.subscription_term,
    startDate: line.start_date,
    shipTo: line.ship_to,
    requestedDate: line.requested_date,
  };
}

function pricedLine(
  product: ProductRow,
  listPrice: string,
  tiers: { minQuantity: number; discountPercent: string }[],
  spec: LineSpec,
  quote: Pick<QuoteRow, 'subscription_term' | 'start_date'>,
  field: string,
): PricedLine {
  const recurring = product.charge_type === 'RECURRING';
  if (!recurring && spec.subscriptionTerm != null) throw badInput(`${field}.subscriptionTerm`, spec.subscriptionTerm, `${product.code} is sold once, not by subscription`);
  const term = recurring ? checkTerm(spec.subscriptionTerm ?? quote.subscription_term, `${field}.subscriptionTerm`) : null;
  const startDate = spec.startDate == null ? null : dateValue(`${field}.startDate`, spec.startDate);
  const price: LinePrice = priceLine(
    {
      listPrice,
      quantity: spec.quantity,
      tiers,
      discountPercent: spec.discountPercent,
      discountAmount: spec.discountAmount,
      subscription: term === null ? null : { term, defaultTerm: product.default_subscription_term! },
    },
    field,
  );
  return {
    product_id: product.id,
    product_code: product.code,
    product_name: product.name,
    category: product.category,
    family: product.family,
    charge_type: product.charge_type,
    quantity: spec.quantity,
    list_price: price.listPrice,
    prorated_list_price: price.proratedListPrice,
    volume_discount_percent: price.volumeDiscountPercent,
    regular_price: price.regularPrice,
    discount_percent: price.discountPercent,
    discount_amount: price.discountAmount,
    customer_price: price.customerPrice,
    net_price: price.netPrice,
    list_total: price.listTotal,
    net_total: price.netTotal,
    total_discount_amount: price.totalDiscountAmount,
    total_discount_percent: price.totalDiscountPercent,
    subscription_term: term,
    start_date: startDate,
    end_date: term === null ? null : termEnd(startDate ?? quote.start_date, term),
    ship_to: optionalText(`${field}.shipTo`, spec.shipTo, 120) ?? null,
    requested_date: spec.requestedDate == null ? null : dateValue(`${field}.requestedDate`, spec.requestedDate),
  };
}
