import { badInput } from '@l2c/shared';
import { divideHalfUp, fromCents, fromPercentUnits, HUNDRED_PERCENT, lessPercent, mustCents, percentOf, toCents, toPercentUnits } from './money.ts';

/**
 * The price of a quote line, computed, never typed in. The waterfall follows Salesforce CPQ's, per unit:
 *
 *   list unit price          from the quote's price book (the dealer's book, else the standard one)
 *   × term / default term    subscriptions only: the prorated list price (CPQ's ProrateMultiplier)
 *   − volume discount %      the tier the quantity reaches (the highest tier whose minimum it meets)
 *   = regular unit price
 *   − additional discount    a percentage, or an amount per unit (one or the other, not both)
 *   = customer unit price = net unit price
 *   × quantity = net total
 *
 * Every unit price is rounded half-up to the cent as it is computed; totals are unit price × quantity and so exact.
 * A quote's totals are sums of its lines' totals, so lines, quote, orders and opportunity agree to the cent.
 */

export interface DiscountTier {
  /** The quantity from which the tier applies (inclusive). */
  minQuantity: number;
  /** Percentage, up to 2 decimal places. */
  discountPercent: string;
}

export interface PriceLineInput {
  /** Unit price from the price book, as exact decimal text. */
  listPrice: string;
  quantity: number;
  tiers?: readonly DiscountTier[];
  /** Additional discount as a percentage from 0 to 100. */
  discountPercent?: string | null;
  /** Additional discount as an amount off each unit, at most the regular unit price. */
  discountAmount?: string | null;
  /** Subscription lines: the term sold and the term the list price is for, both in months. */
  subscription?: { term: number; defaultTerm: number } | null;
}

/** A priced line: every amount is money text with 2 decimals, every percentage text with 2 decimals. */
export interface LinePrice {
  listPrice: string;
  /** List unit price for the term sold (equals `listPrice` for one-time products). */
  proratedListPrice: string;
  volumeDiscountPercent: string;
  regularPrice: string;
  discountPercent: string | null;
  discountAmount: string | null;
  customerPrice: string;
  netPrice: string;
  listTotal: string;
  netTotal: string;
  totalDiscountAmount: string;
  /** (list total − net total) ÷ list total, in percent. */
  totalDiscountPercent: string;
}

export interface QuoteTotals {
  listAmount: string;
  netAmount: string;
  discountAmount: string;
  /** The quote's overall discount off list, in percent: what the opportunity's discount becomes. */
  customerDiscountPercent: string;
}

/** Largest quantity on one line; a fleet deal is large, a typo of a million is not. */
export const MAX_QUANTITY = 100_000;
/** Longest subscription term, in months. */
export const MAX_TERM_MONTHS = 120;

/**
 * Prices one line. `field` prefixes the names in errors (`input.quantity`), so a refusal says which input broke which
 * rule: zero or negative quantities, discounts over 100 % or over the price, both kinds of discount at once.
 */
export function priceLine(input: PriceLineInput, field = 'input'): LinePrice {
  const quantity = checkQuantity(input.quantity, `${field}.quantity`);
  const list = toCents(input.listPrice);
  if (list === null || list < 0n) throw badInput(`${field}.listPrice`, input.listPrice, 'must be an amount of at least 0 with at most 2 decimal places');
  const prorated = input.subscription ? prorate(list, input.subscription, field) : list;
  const volume = volumeDiscount(input.tiers ?? [], quantity);
  const regular = lessPercent(prorated, volume);
  const { discountPercent, discountAmount, customer } = additionalDiscount(regular, input, field);
  const q = BigInt(quantity);
  const listTotal = prorated * q;
  const netTotal = customer * q;
  return {
    listPrice: fromCents(list),
    proratedListPrice: fromCents(prorated),
    volumeDiscountPercent: fromPercentUnits(volume),
    regularPrice: fromCents(regular),
    discountPercent,
    discountAmount,
    customerPrice: fromCents(customer),
    netPrice: fromCents(customer),
    listTotal: fromCents(listTotal),
    netTotal: fromCents(netTotal),
    totalDiscountAmount: fromCents(listTotal - netTotal),
    totalDiscountPercent: fromPercentUnits(percentOf(listTotal - netTotal, listTotal)),
  };
}

/** A quote's totals: exact sums of its lines, and the overall discount off list. */
export function quoteTotals(lines: readonly Pick<LinePrice, 'listTotal' | 'netTotal'>[]): QuoteTotals {
  const list = lines.reduce((sum, line) => sum + mustCents(line.listTotal), 0n);
  const net = lines.reduce((sum, line) => sum + mustCents(line.netTotal), 0n);
  return {
    listAmount: fromCents(list),
    netAmount: fromCents(net),
    discountAmount: fromCents(list - net),
    customerDiscountPercent: fromPercentUnits(percentOf(list - net, list)),
  };
}

/** The volume discount a quantity earns: the tier with the highest minimum the quantity reaches; 0 when none. */
export function volumeDiscount(tiers: readonly DiscountTier[], quantity: number): bigint {
  let best: DiscountTier | null = null;
  for (const tier of tiers) {
    if (quantity >= tier.minQuantity && (!best || tier.minQuantity > best.minQuantity)) best = tier;
  }
  return best ? checkPercent(best.discountPercent, 'discountTier.discountPercent') : 0n;
}

/** Checks discount tiers as an admin defines them: minimums from 1, distinct, percentages from 0 to 100. */
export function checkTiers(tiers: readonly DiscountTier[], field: string): DiscountTier[] {
  const seen = new Set<number>();
  return tiers.map((tier, i) => {
    if (!Number.isInteger(tier.minQuantity) || tier.minQuantity < 1 || tier.minQuantity > MAX_QUANTITY) {
      throw badInput(`${field}[${i}].minQuantity`, tier.minQuantity, `must be a whole number from 1 to ${MAX_QUANTITY}`);
    }
    if (seen.has(tier.minQuantity)) throw badInput(`${field}[${i}].minQuantity`, tier.minQuantity, 'must differ from the other tiers');
    seen.add(tier.minQuantity);
    return { minQuantity: tier.minQuantity, discountPercent: fromPercentUnits(checkPercent(tier.discountPercent, `${field}[${i}].discountPercent`)) };
  });
}

/** A percentage from 0 to 100 with at most 2 decimal places, in hundredths of a percent. */
export function checkPercent(text: string, field: string): bigint {
  const units = toPercentUnits(text);
  if (units === null) throw badInput(field, text, 'must be a percentage with at most 2 decimal places, e.g. "12.5"');
  if (units < 0n) throw badInput(field, text, 'must not be negative');
  if (units > HUNDRED_PERCENT) throw badInput(field, text, 'must be at most 100 (a discount cannot exceed the price)');
  return units;
}

export function checkQuantity(quantity: number, field: string): number {
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    throw badInput(field, quantity, `must be a whole number from 1 to ${MAX_QUANTITY}; remove the line instead of pricing nothing`);
  }
  return quantity;
}

export function checkTerm(term: number, field: string): number {
  if (!Number.isInteger(term) || term < 1 || term > MAX_TERM_MONTHS) throw badInput(field, term, `must be a whole number of months from 1 to ${MAX_TERM_MONTHS}`);
  return term;
}

function prorate(list: bigint, subscription: { term: number; defaultTerm: number }, field: string): bigint {
  const term = checkTerm(subscription.term, `${field}.subscriptionTerm`);
  const defaultTerm = checkTerm(subscription.defaultTerm, 'product.defaultSubscriptionTerm');
  return divideHalfUp(list * BigInt(term), BigInt(defaultTerm));
}

function additionalDiscount(regular: bigint, input: PriceLineInput, field: string) {
  const hasPercent = input.discountPercent != null && input.discountPercent !== '';
  const hasAmount = input.discountAmount != null && input.discountAmount !== '';
  if (hasPercent && hasAmount) {
    throw badInput(`${field}.discountAmount`, input.discountAmount, 'give a discount as a percentage or as an amount, not both');
  }
  if (hasPercent) {
    const percent = checkPercent(input.discountPercent!, `${field}.discountPercent`);
    return { discountPercent: fromPercentUnits(percent), discountAmount: null, customer: lessPercent(regular, percent) };
  }
  if (hasAmount) {
    const amount = toCents(input.discountAmount!);
    if (amount === null) throw badInput(`${field}.discountAmount`, input.discountAmount, 'must be an amount with at most 2 decimal places');
    if (amount < 0n) throw badInput(`${field}.discountAmount`, input.discountAmount, 'must not be negative');
    if (amount > regular) {
      throw badInput(`${field}.discountAmount`, input.discountAmount, `must be at most the regular unit price ${fromCents(regular)} (a discount cannot exceed the price)`);
    }
    return { discountPercent: null, discountAmount: fromCents(amount), customer: regular - amount };
  }
  return { discountPercent: null, discountAmount: null, customer: regular };
}
