import { fileURLToPath } from 'node:url';
import { scopeOf, type Identity } from '@l2c/shared';
import { storeDrivers, type DisposableStore } from '@l2c/shared/testing';
import { registerAssets } from '../commands/assetWarranties.ts';
import { defineCode, mapFaultToLabor } from '../commands/codes.ts';
import type { CommandContext } from '../commands/context.ts';
import { addTermExclusion, coverProducts, createWarrantyTerm } from '../commands/terms.ts';
import type { CpqAsset } from '../intake/assetDirectory.ts';
import type { WarrantyTermRow } from '../store/rows.ts';

export const migrationsDir = fileURLToPath(new URL('../store/migrations', import.meta.url));

/** A fresh, migrated warranty store on the named driver (PGlite in memory unless asked otherwise). */
export function openWarrantyTestStore(driver: 'pglite' | 'postgres' = 'pglite'): Promise<DisposableStore> {
  return storeDrivers.find((d) => d.name === driver)!.open(migrationsDir);
}

export const MUNICH = 'dealer-munich';
export const HAMBURG = 'dealer-hamburg';

export const staff: Identity = { subject: 'staff-1', roles: ['staff'], dealerAccountId: null };
export const adjuster: Identity = { subject: 'adjuster-1', roles: ['warranty_adjuster'], dealerAccountId: null };
export const partnerOf = (dealerId: string): Identity => ({ subject: `partner-${dealerId}`, roles: ['partner'], dealerAccountId: dealerId });

/** A command context for `identity` on `store`, with a fixed clock when given. */
export function as(store: DisposableStore, identity: Identity, now?: Date): CommandContext {
  return { store, identity, scope: scopeOf(identity), ...(now ? { now: () => now } : {}) };
}

/**
 * The book and coverage the tests share: fault P0300 (misfire) repaired by L-100 in 1.5 h; L-100 at 90.00 an hour;
 * towing (TOW) up to 150.00; the basic term (36 months / 60,000, labor 24 months, 50.00 deductible, brake pads
 * excluded) for the Lyra family; an extended term adding 24 months / 40,000.
 */
export async function seedBook(store: DisposableStore): Promise<{ basic: WarrantyTermRow; extended: WarrantyTermRow }> {
  const ctx = as(store, staff);
  await defineCode(ctx, { kind: 'FAULT', code: 'P0300', name: 'Random misfire detected' });
  await defineCode(ctx, { kind: 'FAULT', code: 'B1000', name: 'Airbag control module' });
  await defineCode(ctx, { kind: 'LABOR', code: 'L-100', name: 'Replace ignition coils', standardHours: '2.00', rate: '90.00' });
  await defineCode(ctx, { kind: 'LABOR', code: 'L-200', name: 'Replace brake pads', standardHours: '1.00', rate: '90.00' });
  await defineCode(ctx, { kind: 'EXPENSE', code: 'TOW', name: 'Towing', limitAmount: '150.00' });
  await mapFaultToLabor(ctx, 'P0300', 'L-100', '1.50');
  const basic = await createWarrantyTerm(ctx, {
    code: 'BASIC-36',
    name: 'Basic warranty 36 months / 60,000',
    months: 36,
    mileageLimit: 60_000,
    coverage: [{ category: 'LABOR', percent: '100', months: 24 }, { category: 'EXPENSES', percent: '50' }],
    deductible: '50.00',
  });
  await addTermExclusion(ctx, basic.id, { kind: 'PART', code: 'BRK-PAD', reason: 'wear part' });
  await coverProducts(ctx, basic.id, { productFamily: 'Lyra' });
  const extended = await createWarrantyTerm(ctx, { code: 'EXT-24', name: 'Extended 24 months / 40,000', type: 'EXTENDED', months: 24, mileageLimit: 40_000 });
  return { basic, extended };
}

/** A Lyra sold by `dealerId` on `purchaseDate`, registered (it gets the basic warranty). */
export async function lyra(store: DisposableStore, id: string, dealerId: string, purchaseDate: string, vin: string | null = null): Promise<CpqAsset> {
  const asset: CpqAsset = { id, name: 'Lyra 1.6 Hybrid', vin, installDate: purchaseDate, purchaseDate, accountId: `customer-of-${id}`, dealerId, product: { id: 'product-lyra', code: 'V-LYRA', name: 'Lyra 1.6 Hybrid', family: 'Lyra', category: 'VEHICLE' } };
  await registerAssets(store, [asset], () => crypto.randomUUID());
  return asset;
}
