import { scopeOf, type Identity, type Store } from '@l2c/shared';
import { defineCode, mapFaultToLabor } from '../commands/codes.ts';
import type { CommandContext } from '../commands/context.ts';
import { createIncentiveProgram } from '../commands/programs.ts';
import { addTermExclusion, coverProducts, createWarrantyTerm } from '../commands/terms.ts';

/**
 * A demo book for an empty warranty store: fault, labor and expense codes, the repairs of each fault, warranty terms
 * for the demo catalogue's model lines (CPQ's product families), and incentive programs, so `npm start` gives dealers
 * something to claim and report against. Loaded through the commands, as the OEM's staff would.
 */

const DEMO: Identity = { subject: 'warranty-demo-data', roles: ['staff'], dealerAccountId: null };
const COMBUSTION = ['Lyra', 'Orvia', 'Orvia Touring', 'Kaval', 'Vantor', 'Arco', 'Transa Van'];
const ELECTRIC = ['Lyra e', 'Solen e'];

export async function loadDemoBookIfEmpty(store: Store): Promise<{ loaded: boolean }> {
  const [row] = await store.query<{ empty: boolean }>('select not exists (select 1 from codes) and not exists (select 1 from warranty_terms) as empty');
  if (!row?.empty) return { loaded: false };
  const ctx: CommandContext = { store, identity: DEMO, scope: scopeOf(DEMO) };
  for (const [code, name] of [['P0300', 'Random or multiple cylinder misfire'], ['P0420', 'Catalyst efficiency below threshold'], ['P0A80', 'Replace hybrid / traction battery pack'], ['B1000', 'Airbag control module fault'], ['U0100', 'Lost communication with engine control module']] as const) {
    await defineCode(ctx, { kind: 'FAULT', code, name });
  }
  for (const [code, name, hours] of [['L-IGN', 'Replace ignition coils and plugs', '1.50'], ['L-CAT', 'Replace catalytic converter', '2.50'], ['L-HVB', 'Replace traction battery pack', '6.00'], ['L-SRS', 'Replace airbag control module', '1.20'], ['L-DIAG', 'Electronic diagnosis', '0.80']] as const) {
    await defineCode(ctx, { kind: 'LABOR', code, name, standardHours: hours, rate: '96.00' });
  }
  await defineCode(ctx, { kind: 'EXPENSE', code: 'TOW', name: 'Towing to the workshop', limitAmount: '180.00' });
  await defineCode(ctx, { kind: 'EXPENSE', code: 'RENTAL', name: 'Replacement car, per day', limitAmount: '45.00' });
  for (const [fault, labor, hours] of [['P0300', 'L-IGN', null], ['P0300', 'L-DIAG', null], ['P0420', 'L-CAT', null], ['P0420', 'L-DIAG', '0.50'], ['P0A80', 'L-HVB', null], ['B1000', 'L-SRS', null], ['U0100', 'L-DIAG', '1.50']] as const) {
    await mapFaultToLabor(ctx, fault, labor, hours);
  }
  const basic = await createWarrantyTerm(ctx, { code: 'BASIC-36', name: 'New vehicle warranty, 3 years / 100,000', months: 36, mileageLimit: 100_000, coverage: [{ category: 'EXPENSES', percent: '100', months: 24 }], deductible: '0' });
  await addTermExclusion(ctx, basic.id, { kind: 'PART', code: 'P-WIP-SET', reason: 'wear part' });
  await addTermExclusion(ctx, basic.id, { kind: 'PART', code: 'P-CLT-KIT', reason: 'wear part' });
  const battery = await createWarrantyTerm(ctx, { code: 'HVB-96', name: 'Traction battery, 8 years / 160,000', months: 96, mileageLimit: 160_000, coverage: [{ category: 'EXPENSES', percent: '0' }] });
  await createWarrantyTerm(ctx, { code: 'EXT-24', name: 'Extended warranty, 2 more years / 50,000', type: 'EXTENDED', months: 24, mileageLimit: 50_000, deductible: '100.00' });
  for (const family of [...COMBUSTION, ...ELECTRIC]) await coverProducts(ctx, basic.id, { productFamily: family });
  for (const family of ELECTRIC) await coverProducts(ctx, battery.id, { productFamily: family });
  const year = new Date().getUTCFullYear();
  await createIncentiveProgram(ctx, { code: `RETAIL-${year}`, name: `Retail bonus ${year}`, appliesTo: 'REBATE_CLAIM', validFrom: `${year}-01-01`, validTo: `${year}-12-31`, calculation: 'TIERED', tierBasis: 'UNIT_PRICE', tiers: [{ from: '0', perUnit: '400.00' }, { from: '45000', perUnit: '750.00' }], tradeSharePercent: '30.00', maxDeliveryMileage: 500 });
  await createIncentiveProgram(ctx, { code: `PARTS-${year}`, name: `Parts and accessories volume ${year}`, appliesTo: 'TRANSACTION_JOURNAL', validFrom: `${year}-01-01`, validTo: `${year}-12-31`, calculation: 'TIERED', tierBasis: 'QUANTITY', tiers: [{ from: '1', percent: '2.00' }, { from: '10', percent: '3.50' }], tradeSharePercent: '25.00' });
  return { loaded: true };
}
