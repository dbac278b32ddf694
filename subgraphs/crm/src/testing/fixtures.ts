import { fileURLToPath } from 'node:url';
import { scopeOf, type Identity, type Store } from '@l2c/shared';
import { storeDrivers, type DisposableStore } from '@l2c/shared/testing';
import { createAccount } from '../commands/accounts.ts';
import type { CommandContext } from '../commands/context.ts';
import { createLead, type CreateLeadInput } from '../commands/leads.ts';
import type { AccountRow } from '../store/rows.ts';

export const migrationsDir = fileURLToPath(new URL('../store/migrations', import.meta.url));

/** A fresh, migrated CRM store on the named driver (PGlite in memory unless asked otherwise). */
export function openCrmStore(driver: 'pglite' | 'postgres' = 'pglite'): Promise<DisposableStore> {
  return storeDrivers.find((d) => d.name === driver)!.open(migrationsDir);
}

export const staff: Identity = { subject: 'staff-1', roles: ['staff'], dealerAccountId: null };
export const engineer: Identity = { subject: 'eng-1', roles: ['engineer'], dealerAccountId: null };
export const partnerOf = (dealer: { id: string }): Identity => ({ subject: `partner-${dealer.id}`, roles: ['partner'], dealerAccountId: dealer.id });

/** The context a command runs in for `identity`, with a fixed clock when given. */
export function as(store: Store, identity: Identity, now?: Date): CommandContext {
  return { store, identity, scope: scopeOf(identity), ...(now ? { now: () => now } : {}) };
}

export interface Network {
  munich: AccountRow;
  hamburg: AccountRow;
}

/** Two dealers far apart: Munich and Hamburg. */
export async function createNetwork(store: Store): Promise<Network> {
  const ctx = as(store, staff);
  const munich = await createAccount(ctx, {
    name: 'Autohaus München',
    type: 'DEALER',
    dealerCode: 'DE-MUC-01',
    address: { city: 'München', country: 'DE', latitude: 48.137, longitude: 11.575 },
  });
  const hamburg = await createAccount(ctx, {
    name: 'Autohaus Hamburg',
    type: 'DEALER',
    dealerCode: 'DE-HAM-01',
    address: { city: 'Hamburg', country: 'DE', latitude: 53.551, longitude: 9.993 },
  });
  return { munich, hamburg };
}

/** A lead with two line items and a preferred seller, assigned to `dealerId`. */
export function leadInput(dealerId: string | null, overrides: Partial<CreateLeadInput> = {}): CreateLeadInput {
  return {
    firstName: 'Mia',
    lastName: 'Schneider',
    company: null,
    email: 'mia.schneider@example.com',
    phone: '+49 89 1234567',
    sourceChannel: 'WEB',
    rating: 'HOT',
    dealerId,
    earliestInterestDate: '2026-12-01',
    latestInterestDate: '2027-03-31',
    interestTags: ['ev', 'family'],
    address: { city: 'Freising', country: 'DE', latitude: 48.403, longitude: 11.749 },
    lineItems: [
      { productCode: 'EV5-LR', productName: 'EV5 Long Range', productType: 'VEHICLE', quantity: 1 },
      { productCode: 'ACC-RACK', productName: 'Roof rack', productType: 'ACCESSORY', quantity: 1, notes: 'for skiing' },
    ],
    preferredSellers: dealerId ? [{ dealerId, reason: 'GENERATED_LEAD', notes: 'came in through the dealer website' }] : [],
    ...overrides,
  };
}

/** Creates a lead and qualifies it, ready to convert. */
export async function qualifiedLead(ctx: CommandContext, dealerId: string | null, overrides: Partial<CreateLeadInput> = {}) {
  const { qualifyLead } = await import('../commands/leads.ts');
  const lead = await createLead(ctx, leadInput(dealerId, overrides));
  return qualifyLead(ctx, lead.id, { need: true, authority: true, abilityToDeliver: true, notes: 'budget confirmed' });
}
