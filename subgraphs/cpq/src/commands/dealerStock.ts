import { badInput } from '@l2c/shared';
import { inventoryOfDealers } from '../store/catalogue.ts';
import type { InventoryRow } from '../store/rows.ts';
import type { CommandContext } from './context.ts';

/** Stock at several dealers in one statement: what CRM's dealer matching asks for. */
export async function dealerStock(ctx: CommandContext, dealerIds: readonly string[], productCodes: readonly string[]): Promise<InventoryRow[]> {
  if (dealerIds.length > 1000) throw badInput('dealerIds', dealerIds.length, 'must name at most 1000 dealers');
  if (productCodes.length > 200) throw badInput('productCodes', productCodes.length, 'must name at most 200 products');
  if (dealerIds.length === 0 || productCodes.length === 0) return [];
  return inventoryOfDealers(ctx.store, ctx.scope, dealerIds, productCodes.map((code) => code.trim().toUpperCase()));
}
