import { badInput, dateValue, decimalValue, intValue, requiredText } from '@l2c/shared';
import type { Program, SalesReportKind, Tier } from './incentive.ts';

export interface RawProgramInput {
  code: string;
  name: string;
  appliesTo: SalesReportKind;
  productCodes?: readonly string[] | null;
  saleTypes?: readonly string[] | null;
  validFrom: string;
  validTo: string;
  calculation: Program['calculation'];
  amountPerUnit?: string | null;
  percent?: string | null;
  tierBasis?: 'QUANTITY' | 'UNIT_PRICE' | null;
  tiers?: readonly { from: string; perUnit?: string | null; percent?: string | null }[] | null;
  tradeSharePercent?: string | null;
  maxDeliveryMileage?: number | null;
}

/** An incentive program's input, checked: what the calculation needs is there, and nothing it does not use. */
export function programFrom(input: RawProgramInput): Omit<Program, 'id' | 'isActive'> {
  const code = requiredText('input.code', input.code, 40).toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9._-]*$/.test(code)) throw badInput('input.code', input.code, 'must be letters, digits and . _ -');
  const validFrom = dateValue('input.validFrom', input.validFrom);
  const validTo = dateValue('input.validTo', input.validTo);
  if (validTo < validFrom) throw badInput('input.validTo', input.validTo, `must not be before validFrom (${validFrom})`);
  const vehicles = input.appliesTo === 'REBATE_CLAIM';
  if (!vehicles && input.saleTypes?.length) throw badInput('input.saleTypes', input.saleTypes, 'applies to vehicle sales (REBATE_CLAIM) only');
  if (!vehicles && input.maxDeliveryMileage != null) throw badInput('input.maxDeliveryMileage', input.maxDeliveryMileage, 'applies to vehicle sales (REBATE_CLAIM) only');
  const money = (field: string, value: string) => decimalValue(field, value, { scale: 2, min: 0, max: 10_000_000 });
  const percent = (field: string, value: string) => decimalValue(field, value, { scale: 2, min: 0, max: 100 });
  let amountPerUnit: string | null = null;
  let percentValue: string | null = null;
  let tierBasis: Program['tierBasis'] = null;
  let tiers: Tier[] = [];
  if (input.calculation === 'PER_UNIT') {
    if (input.amountPerUnit == null) throw badInput('input.amountPerUnit', null, 'a PER_UNIT program needs the amount per unit');
    amountPerUnit = money('input.amountPerUnit', input.amountPerUnit);
  } else if (input.calculation === 'PERCENT_OF_PRICE') {
    if (input.percent == null) throw badInput('input.percent', null, 'a PERCENT_OF_PRICE program needs the percentage');
    percentValue = percent('input.percent', input.percent);
  } else {
    if (!input.tierBasis) throw badInput('input.tierBasis', null, 'a TIERED program needs the tier basis (QUANTITY or UNIT_PRICE)');
    if (!input.tiers?.length) throw badInput('input.tiers', input.tiers ?? null, 'a TIERED program needs at least one tier');
    tierBasis = input.tierBasis;
    tiers = input.tiers.map((tier, i) => {
      const field = `input.tiers[${i}]`;
      if ((tier.perUnit == null) === (tier.percent == null)) throw badInput(field, tier, 'must give either perUnit or percent');
      return {
        from: money(`${field}.from`, tier.from),
        ...(tier.perUnit != null ? { perUnit: money(`${field}.perUnit`, tier.perUnit) } : { percent: percent(`${field}.percent`, tier.percent!) }),
      };
    });
    const froms = tiers.map((t) => Number(t.from));
    if (new Set(froms).size !== froms.length) throw badInput('input.tiers', input.tiers, 'two tiers start at the same value');
  }
  if (input.calculation !== 'PER_UNIT' && input.amountPerUnit != null) throw badInput('input.amountPerUnit', input.amountPerUnit, `is not used by a ${input.calculation} program`);
  if (input.calculation !== 'PERCENT_OF_PRICE' && input.percent != null) throw badInput('input.percent', input.percent, `is not used by a ${input.calculation} program`);
  return {
    code,
    appliesTo: input.appliesTo,
    productCodes: (input.productCodes ?? []).map((c, i) => requiredText(`input.productCodes[${i}]`, c, 40).toUpperCase()),
    saleTypes: [...(input.saleTypes ?? [])],
    validFrom,
    validTo,
    calculation: input.calculation,
    amountPerUnit,
    percent: percentValue,
    tierBasis,
    tiers,
    tradeSharePercent: percent('input.tradeSharePercent', input.tradeSharePercent ?? '0'),
    maxDeliveryMileage: input.maxDeliveryMileage == null ? null : intValue('input.maxDeliveryMileage', input.maxDeliveryMileage, 0, 1_000_000),
  };
}
