import { divideHalfUp, fromCents, mustCents, parseScaled } from '@l2c/shared';
import type { CodeResolvers, LaborOperationResolvers } from '../__generated__/resolvers-types.ts';
import type { CodeRow } from '../store/rows.ts';
import { present } from './fields.ts';

export const Code = {
  __resolveReference: (ref, ctx) => ctx.loaders.code.load(ref.id),
  standardCost: (code) => cost(code.standard_hours, code.rate),
  laborOperations: (code, _args, ctx) => (code.kind === 'FAULT' ? ctx.loaders.laborOfFault.load(code.id) : []),
  estimatedLaborCost: async (code, _args, ctx) => {
    if (code.kind !== 'FAULT') return null;
    const operations = await ctx.loaders.laborOfFault.load(code.id);
    if (operations.length === 0) return null;
    let total = 0n;
    for (const operation of operations) {
      const labor = await ctx.loaders.code.load(operation.labor_code_id);
      const each = labor ? cost(operation.hours ?? labor.standard_hours, labor.rate) : null;
      if (each === null) return null;
      total += mustCents(each);
    }
    return fromCents(total);
  },
} satisfies CodeResolvers;

export const LaborOperation = {
  laborCode: async (operation, _args, ctx) => present(await ctx.loaders.code.load(operation.labor_code_id), 'Code', operation.labor_code_id),
  hours: async (operation, _args, ctx) => operation.hours ?? (await labor(operation.labor_code_id, ctx)).standard_hours ?? '0.00',
  rate: async (operation, _args, ctx) => (await labor(operation.labor_code_id, ctx)).rate,
  cost: async (operation, _args, ctx) => {
    const code = await labor(operation.labor_code_id, ctx);
    return cost(operation.hours ?? code.standard_hours, code.rate);
  },
} satisfies LaborOperationResolvers;

async function labor(id: string, ctx: { loaders: { code: { load(id: string): Promise<CodeRow | null> } } }): Promise<CodeRow> {
  return present(await ctx.loaders.code.load(id), 'Code', id);
}

/** Hours × rate, to the cent; null when either is unknown. */
function cost(hours: string | null, rate: string | null): string | null {
  if (hours === null || rate === null) return null;
  return fromCents(divideHalfUp(parseScaled(hours, 2)! * mustCents(rate), 100n));
}
