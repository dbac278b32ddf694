import { ACCESSORIES, SPARE_PARTS, VEHICLES, type Product } from './catalogue.ts';
import type { Random } from './random.ts';

/** One product a customer is interested in, before it becomes a lead or opportunity line item. */
export interface Wish {
  product: Product;
  quantity: number;
  notes: string | null;
}

const VEHICLE_NOTES = ['Colour: graphite grey metallic', 'Prefers automatic transmission', 'Wants the winter package', 'Needs delivery by spring'];

/**
 * What a customer asks for: mostly one vehicle (several of the same for a business fleet) with a few accessories,
 * sometimes only spare parts for a car they already own.
 */
export function makeWishes(rng: Random, isBusiness: boolean): Wish[] {
  if (rng.chance(0.12)) {
    return rng.sample(SPARE_PARTS, rng.int(1, 3)).map((product) => ({ product, quantity: rng.int(1, 4), notes: null }));
  }
  const vehicle = rng.pick(VEHICLES);
  const quantity = isBusiness && rng.chance(0.6) ? rng.int(2, 8) : 1;
  const wishes: Wish[] = [{ product: vehicle, quantity, notes: rng.chance(0.3) ? rng.pick(VEHICLE_NOTES) : null }];
  if (rng.chance(0.45)) {
    for (const product of rng.sample(ACCESSORIES, rng.int(1, 2))) wishes.push({ product, quantity, notes: null });
  }
  return wishes;
}

/** The total of `price × quantity` less a discount given in hundredths of a percent, in exact cents. */
export function discountedCents(lines: readonly { priceCents: number; quantity: number }[], discountBasisPoints: number): number {
  const gross = lines.reduce((sum, line) => sum + line.priceCents * line.quantity, 0);
  return Math.round((gross * (10_000 - discountBasisPoints)) / 10_000);
}

/** Exact decimal text for `numeric` columns: `2749000` cents → `"27490.00"`. */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`cents must be a non-negative safe integer (got ${cents})`);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** Basis points as a `numeric(5,2)` percentage: `350` → `"3.50"`. */
export function basisPointsToPercent(basisPoints: number): string {
  return centsToDecimal(basisPoints);
}

const PRODUCTS_BY_CODE = new Map([...VEHICLES, ...SPARE_PARTS, ...ACCESSORIES].map((product) => [product.code, product]));

/** The catalogue entry for a product code; line items copied from leads get their price from here. */
export function productByCode(code: string | null): Product | undefined {
  return code === null ? undefined : PRODUCTS_BY_CODE.get(code);
}
