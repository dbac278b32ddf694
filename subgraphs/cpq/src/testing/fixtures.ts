import { fileURLToPath } from 'node:url';
import { scopeOf, SubgraphRequestError, type Identity, type Store } from '@l2c/shared';
import { storeDrivers, type DisposableStore } from '@l2c/shared/testing';
import { createApprovalChain, createApprovalGroup, createApprovalRule, createApprover } from '../commands/approvalSetup.ts';
import { createPriceBook, createProduct, setDiscountTiers, setPrice } from '../commands/catalogue.ts';
import type { CommandContext } from '../commands/context.ts';
import type { CrmDirectory, OpportunityFacts } from '../crm.ts';
import { standardPriceBook } from '../store/catalogue.ts';
import type { ApproverRow, ProductRow } from '../store/rows.ts';

export const migrationsDir = fileURLToPath(new URL('../store/migrations', import.meta.url));

/** A fresh, migrated CPQ store on the named driver (PGlite in memory unless asked otherwise). */
export function openCpqStore(driver: 'pglite' | 'postgres' = 'pglite'): Promise<DisposableStore> {
  return storeDrivers.find((d) => d.name === driver)!.open(migrationsDir);
}

export const MUNICH = 'dealer-munich';
export const HAMBURG = 'dealer-hamburg';

export const staff: Identity = { subject: 'staff-1', roles: ['staff'], dealerAccountId: null };
export const engineer: Identity = { subject: 'eng-1', roles: ['engineer'], dealerAccountId: null };
export const partnerOf = (dealerId: string): Identity => ({ subject: `partner-${dealerId}`, roles: ['partner'], dealerAccountId: dealerId });
export const person = (subject: string): Identity => ({ subject, roles: ['staff'], dealerAccountId: null });

/**
 * CRM as CPQ sees it, in memory: opportunities by id (a partner sees only its dealer's, as CRM's own scope does) and
 * the totals synced to them. `failSync` makes the next syncs fail as an unreachable CRM would.
 */
export class FakeCrm {
  readonly opportunities = new Map<string, OpportunityFacts>();
  readonly synced: { opportunityId: string; amount: string; discountPercent: string; as: string }[] = [];
  failSync: 'UNREACHABLE' | 'CLOSED' | null = null;

  addOpportunity(id: string, dealerId: string | null, overrides: Partial<OpportunityFacts> = {}): OpportunityFacts {
    const facts = { id, name: `Opportunity ${id}`, accountId: `account-of-${id}`, dealerId, isClosed: false, stage: 'Prospecting', ...overrides };
    this.opportunities.set(id, facts);
    return facts;
  }

  for(identity: Identity): CrmDirectory {
    const scope = scopeOf(identity);
    return {
      opportunity: async (id) => {
        const facts = this.opportunities.get(id) ?? null;
        return facts && (scope.kind === 'all' || facts.dealerId === scope.dealerAccountId) ? facts : null;
      },
      syncTotals: async (opportunityId, totals) => {
        if (this.failSync === 'UNREACHABLE') throw new SubgraphRequestError('UNREACHABLE', 'http://crm.test/graphql', 'http://crm.test/graphql could not be reached: ECONNREFUSED');
        if (this.failSync === 'CLOSED') {
          throw new SubgraphRequestError('GRAPHQL', 'http://crm.test/graphql', 'closed', {
            errors: [{ message: `opportunity ${opportunityId} is Closed Lost; a closed opportunity does not change`, extensions: { code: 'CONFLICT', rule: 'OPPORTUNITY_CLOSED' } }],
          });
        }
        this.synced.push({ opportunityId, ...totals, as: identity.subject });
      },
    };
  }
}

/** The context a command runs in for `identity`, with CRM and a fixed clock when given. */
export function as(store: Store, identity: Identity, options: { crm?: FakeCrm; now?: Date } = {}): CommandContext {
  return {
    store,
    identity,
    scope: scopeOf(identity),
    ...(options.crm ? { crm: options.crm.for(identity) } : {}),
    ...(options.now ? { now: () => options.now! } : {}),
  };
}

export interface Catalogue {
  van: ProductRow;
  arco: ProductRow;
  mats: ProductRow;
  plan: ProductRow;
  standardBookId: string;
  munichBookId: string;
}

/**
 * A small catalogue: a van with volume tiers and roadside assistance, a sports car, floor mats (cheaper in the Munich
 * dealer's own price book) and a maintenance plan sold by subscription (price for 12 months).
 */
export async function createCatalogue(store: Store): Promise<Catalogue> {
  const ctx = as(store, staff);
  const standardBookId = (await standardPriceBook(store))!.id;
  const van = await createProduct(ctx, { code: 'V-TRA-CARGOL2H2', name: 'Transa Van Cargo L2H2', category: 'VEHICLE', family: 'Transa Van', entitlementName: 'Roadside assistance', entitlementMonths: 36 });
  const arco = await createProduct(ctx, { code: 'V-ARC-GT', name: 'Arco GT', category: 'VEHICLE', family: 'Arco' });
  const mats = await createProduct(ctx, { code: 'A-MAT-AW', name: 'All-weather floor mats', category: 'ACCESSORY', family: 'Interior' });
  const plan = await createProduct(ctx, { code: 'S-MAINT', name: 'Maintenance plan', category: 'SERVICE', family: 'Service plans', chargeType: 'RECURRING', defaultSubscriptionTerm: 12 });
  await setPrice(ctx, standardBookId, van.id, '41200.00');
  await setPrice(ctx, standardBookId, arco.id, '78500.00');
  await setPrice(ctx, standardBookId, mats.id, '119.00');
  await setPrice(ctx, standardBookId, plan.id, '359.00');
  await setDiscountTiers(ctx, van.id, [{ minQuantity: 5, discountPercent: '3' }, { minQuantity: 10, discountPercent: '6' }]);
  const munichBook = await createPriceBook(ctx, { name: 'Autohaus München', dealerId: MUNICH });
  await setPrice(ctx, munichBook.id, mats.id, '99.00');
  return { van, arco, mats, plan, standardBookId, munichBookId: munichBook.id };
}

export interface ApprovalSetUp {
  manager: ApproverRow;
  director: ApproverRow;
  deputy: ApproverRow;
  cfo: ApproverRow;
  controller: ApproverRow;
  productManager: ApproverRow;
}

/**
 * The OEM's approval rules:
 * - quote discount over 10 % → the sales manager (level 1);
 * - quote discount over 20 % → a chain: sales manager (level 1), then the sales director (level 2);
 * - net amount over 100,000 → finance, any one of the CFO and the controller (level 2);
 * - any Arco line → the product manager (level 1), in parallel with the others.
 */
export async function createApprovalRules(store: Store): Promise<ApprovalSetUp> {
  const ctx = as(store, staff);
  const approver = (name: string, subject: string) => createApprover(ctx, { name, userSubject: subject });
  const manager = await approver('Maria Manager', 'maria');
  const director = await approver('Dora Director', 'dora');
  const deputy = await approver('Dan Deputy', 'dan');
  const cfo = await approver('Clara CFO', 'clara');
  const controller = await approver('Carl Controller', 'carl');
  const productManager = await approver('Pia Product', 'pia');
  const finance = await createApprovalGroup(ctx, { name: 'Finance', requireAll: false, memberIds: [cfo.id, controller.id] });
  const chain = await createApprovalChain(ctx, { name: 'Deep discount', entries: [{ level: 1, approverId: manager.id }, { level: 2, approverId: director.id }] });
  await createApprovalRule(ctx, { name: 'Discount over 10 %', conditions: [{ field: 'QUOTE_CUSTOMER_DISCOUNT_PERCENT', operator: 'GREATER_THAN', value: '10' }, { field: 'QUOTE_CUSTOMER_DISCOUNT_PERCENT', operator: 'LESS_OR_EQUAL', value: '20' }], approverId: manager.id });
  await createApprovalRule(ctx, { name: 'Discount over 20 %', conditions: [{ field: 'QUOTE_CUSTOMER_DISCOUNT_PERCENT', operator: 'GREATER_THAN', value: '20' }], chainId: chain.id });
  await createApprovalRule(ctx, { name: 'Net amount over 100,000', conditions: [{ field: 'QUOTE_NET_AMOUNT', operator: 'GREATER_THAN', value: '100000' }], groupId: finance.id, level: 2 });
  await createApprovalRule(ctx, { name: 'Performance cars', conditions: [{ field: 'LINE_PRODUCT_FAMILY', operator: 'EQUALS', value: 'Arco' }], approverId: productManager.id });
  return { manager, director, deputy, cfo, controller, productManager };
}

/** Outbox rows of the store, oldest first: the domain events commands recorded. */
export async function recordedEvents(store: Store): Promise<{ type: string; entity_typename: string; entity_id: string; dealer_ids: string[]; changes: Record<string, unknown> }[]> {
  return store.query('select type, entity_typename, entity_id, dealer_ids, changes from outbox order by id');
}
