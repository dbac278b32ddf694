import { allocateCents, divideHalfUp, HUNDRED_PERCENT, mustCents, parseScaled } from '@l2c/shared';

/**
 * Incentives for approved sales, as data: a program says which sales it pays for (kind of report, products, sale
 * types, sale dates, delivery mileage) and how much (per unit, a percentage of the price, or by tiers of quantity or
 * unit price). In a trade between dealers the program's trade share goes to the dealer that supplied the vehicle or
 * parts, the rest to the selling dealer; the split adds up to the incentive to the cent.
 */

export type SalesReportKind = 'REBATE_CLAIM' | 'TRANSACTION_JOURNAL';

export interface Tier {
  from: string;
  perUnit?: string | null;
  percent?: string | null;
}

export interface Program {
  id: string;
  code: string;
  appliesTo: SalesReportKind;
  productCodes: readonly string[];
  saleTypes: readonly string[];
  validFrom: string;
  validTo: string;
  calculation: 'PER_UNIT' | 'PERCENT_OF_PRICE' | 'TIERED';
  amountPerUnit: string | null;
  percent: string | null;
  tierBasis: 'QUANTITY' | 'UNIT_PRICE' | null;
  tiers: readonly Tier[];
  tradeSharePercent: string;
  maxDeliveryMileage: number | null;
  isActive: boolean;
}

/** One approved sale, as incentives see it. */
export interface Sale {
  kind: SalesReportKind;
  productCode: string;
  saleDate: string;
  quantity: number;
  /** The whole sale: price × quantity for a vehicle, the journal's amount for parts. */
  totalCents: bigint;
  saleType: string | null;
  deliveryMileage: number | null;
  /** The program the dealer named, if any. */
  programCode: string | null;
  /** The other dealer in a trade, if any. */
  tradingDealerId: string | null;
}

export interface Allocation {
  dealerId: string;
  role: 'SELLING' | 'SUPPLYING';
  cents: bigint;
}

export type ProgramChoice = { program: Program; note: string } | { program: null; note: string };

/** Why a program does not pay for a sale, or null when it does. */
export function programRefusal(program: Program, sale: Sale): string | null {
  if (!program.isActive) return `program ${program.code} is not active`;
  if (program.appliesTo !== sale.kind) return `program ${program.code} pays for ${program.appliesTo === 'REBATE_CLAIM' ? 'vehicle sales' : 'parts sales'} only`;
  if (sale.saleDate < program.validFrom || sale.saleDate > program.validTo) return `program ${program.code} runs from ${program.validFrom} to ${program.validTo}; the sale was on ${sale.saleDate}`;
  if (program.productCodes.length > 0 && !program.productCodes.includes(sale.productCode)) return `program ${program.code} does not pay for product ${sale.productCode}`;
  if (program.saleTypes.length > 0 && sale.saleType !== null && !program.saleTypes.includes(sale.saleType)) return `program ${program.code} pays for ${program.saleTypes.join(', ')} sales; this one is ${sale.saleType}`;
  if (program.maxDeliveryMileage !== null && sale.deliveryMileage !== null && sale.deliveryMileage > program.maxDeliveryMileage) {
    return `program ${program.code} pays for vehicles delivered with at most ${program.maxDeliveryMileage} of mileage; this one had ${sale.deliveryMileage}`;
  }
  return null;
}

/** The program that pays for a sale: the one the dealer named (if it pays), else the first that pays, by code. */
export function chooseProgram(sale: Sale, programs: readonly Program[]): ProgramChoice {
  if (sale.programCode) {
    const named = programs.find((p) => p.code === sale.programCode);
    if (!named) return { program: null, note: `program ${sale.programCode} does not exist` };
    const refusal = programRefusal(named, sale);
    return refusal ? { program: null, note: refusal } : { program: named, note: `paid by program ${named.code}` };
  }
  const paying = [...programs].sort((a, b) => a.code.localeCompare(b.code)).find((p) => programRefusal(p, sale) === null);
  return paying ? { program: paying, note: `paid by program ${paying.code}` } : { program: null, note: `no active program pays for product ${sale.productCode} sold on ${sale.saleDate}` };
}

/** The incentive a program pays for a sale, rounded half-up to the cent. */
export function incentiveCents(program: Program, sale: Sale): bigint {
  const quantity = BigInt(sale.quantity);
  const unitPriceCents = divideHalfUp(sale.totalCents, quantity);
  const perUnit = (amount: string) => mustCents(amount) * quantity;
  const percentOf = (percent: string) => divideHalfUp(sale.totalCents * percentUnits(percent), HUNDRED_PERCENT);
  if (program.calculation === 'PER_UNIT') return perUnit(program.amountPerUnit ?? '0');
  if (program.calculation === 'PERCENT_OF_PRICE') return percentOf(program.percent ?? '0');
  const basis = program.tierBasis === 'UNIT_PRICE' ? unitPriceCents : quantity * 100n;
  // Tier thresholds are written like money ("10" units is 1000 hundredths, "25000" is 2500000 cents).
  const from = (tier: Tier) => mustCents(tier.from);
  const tier = [...program.tiers].sort((a, b) => (from(a) < from(b) ? -1 : 1)).filter((t) => from(t) <= basis).at(-1);
  if (!tier) return 0n;
  if (tier.perUnit != null) return perUnit(tier.perUnit);
  return percentOf(tier.percent ?? '0');
}

/** Splits an incentive between the selling dealer and, in a trade, the supplying one: exact to the cent. */
export function splitIncentive(cents: bigint, program: Program, sellingDealerId: string, tradingDealerId: string | null): Allocation[] {
  if (!tradingDealerId || tradingDealerId === sellingDealerId) return [{ dealerId: sellingDealerId, role: 'SELLING', cents }];
  const share = percentUnits(program.tradeSharePercent);
  const [selling, supplying] = allocateCents(cents, [HUNDRED_PERCENT - share, share]);
  return [
    { dealerId: sellingDealerId, role: 'SELLING', cents: selling! },
    { dealerId: tradingDealerId, role: 'SUPPLYING', cents: supplying! },
  ];
}

function percentUnits(text: string): bigint {
  const units = parseScaled(text, 2);
  if (units === null) throw new RangeError(`not a percentage: ${JSON.stringify(text)}`);
  return units;
}
