import { badInput, dateTimeValue, decimalValue, intValue } from '@l2c/shared';
import type { ConformanceSettingsInput, InputMaybe, ProcessFilter } from '../__generated__/resolvers-types.ts';
import type { ConformanceSettings } from '../domain/analyses/conformanceRules.ts';
import type { Context } from '../context.ts';
import type { CaseFilter } from '../store/cases.ts';

/** Checks a `ProcessFilter`; every bad value is refused with the field named. */
export function caseFilter(input: InputMaybe<ProcessFilter> | undefined): CaseFilter {
  if (!input) return {};
  const from = input.from == null ? null : dateTimeValue('filter.from', input.from as string);
  const to = input.to == null ? null : dateTimeValue('filter.to', input.to as string);
  if (from && to && to <= from) throw badInput('filter.to', input.to, `must be after filter.from (${from.toISOString()})`);
  const list = (field: string, values: InputMaybe<readonly string[]> | undefined) => {
    if (values == null) return null;
    values.forEach((value, i) => {
      if (value.trim() === '') throw badInput(`filter.${field}[${i}]`, value, 'must not be empty');
    });
    return [...values];
  };
  return {
    from,
    to,
    dealerIds: list('dealerIds', input.dealerIds),
    salesReps: list('salesReps', input.salesReps),
    productFamilies: list('productFamilies', input.productFamilies),
    segments: list('segments', input.segments),
    regions: list('regions', input.regions),
  };
}

export function firstValue(field: string, value: number | null | undefined, fallback: number, max = 200): number {
  return intValue(field, value ?? fallback, 1, max);
}

/** The conformance settings asked for, with CRM's stage order when none is given. */
export async function conformanceSettings(ctx: Context, input: InputMaybe<ConformanceSettingsInput> | undefined): Promise<ConformanceSettings> {
  const approvalDiscountPercent = decimalValue('settings.approvalDiscountPercent', input?.approvalDiscountPercent ?? '10', { scale: 4, min: 0, max: 100 });
  if (input?.openStages) {
    if (input.openStages.length === 0) throw badInput('settings.openStages', input.openStages, 'must name at least one stage');
    return { approvalDiscountPercent, openStages: [...input.openStages], wonStages: [] };
  }
  const order = await ctx.stages();
  return { approvalDiscountPercent, openStages: order?.openStages ?? null, wonStages: order?.wonStages ?? [] };
}

/** Discount band boundaries: percentages in increasing order. */
export function bandBoundaries(values: readonly string[]): string[] {
  if (values.length === 0) throw badInput('bands', values, 'must hold at least one boundary');
  const checked = values.map((value, i) => decimalValue(`bands[${i}]`, value, { scale: 4, min: 0, max: 100 }));
  checked.forEach((value, i) => {
    if (i > 0 && Number(value) <= Number(checked[i - 1])) throw badInput(`bands[${i}]`, value, `must be greater than bands[${i - 1}] (${checked[i - 1]})`);
  });
  return checked;
}
