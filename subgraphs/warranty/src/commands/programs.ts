import { conflict, notFound } from '@l2c/shared';
import { programFrom, type RawProgramInput } from '../domain/programInput.ts';
import { insertProgram, setProgramActive } from '../store/programs.ts';
import type { ProgramRow } from '../store/rows.ts';
import { assertManager, idSource, type CommandContext } from './context.ts';

export async function createIncentiveProgram(ctx: CommandContext, input: RawProgramInput & { name: string }): Promise<ProgramRow> {
  assertManager(ctx, 'createIncentiveProgram');
  const program = programFrom(input);
  return ctx.store.transaction(async (tx) => {
    const [existing] = await tx.query('select 1 from incentive_programs where code = $1', [program.code]);
    if (existing) throw conflict(`an incentive program ${program.code} exists already`, { rule: 'DUPLICATE_CODE', field: 'input.code' });
    return insertProgram(tx, {
      id: idSource(ctx)(),
      code: program.code,
      name: input.name.trim(),
      applies_to: program.appliesTo,
      product_codes: [...program.productCodes],
      sale_types: [...program.saleTypes],
      valid_from: program.validFrom,
      valid_to: program.validTo,
      calculation: program.calculation,
      amount_per_unit: program.amountPerUnit,
      percent: program.percent,
      tier_basis: program.tierBasis,
      tiers: [...program.tiers],
      trade_share_percent: program.tradeSharePercent,
      max_delivery_mileage: program.maxDeliveryMileage,
    });
  });
}

export async function setIncentiveProgramActiveCommand(ctx: CommandContext, id: string, isActive: boolean): Promise<ProgramRow> {
  assertManager(ctx, 'setIncentiveProgramActive');
  return ctx.store.transaction(async (tx) => {
    const row = await setProgramActive(tx, id, isActive);
    if (!row) throw notFound('IncentiveProgram', id);
    return row;
  });
}
