import { fileURLToPath } from 'node:url';
import { scopeOf, SubgraphRequestError, type Identity, type Store } from '@l2c/shared';
import { storeDrivers, type DisposableStore } from '@l2c/shared/testing';
import { createAssessor } from '../commands/assessors.ts';
import type { CommandContext } from '../commands/context.ts';
import { createActionPlanTemplate } from '../commands/templates.ts';
import type { AccountFacts, DealerDirectory } from '../crm.ts';
import type { TaskInput } from '../domain/templateContent.ts';
import type { AssessorRow, TemplateRow } from '../store/rows.ts';
import { visitsScopeOf } from '../store/scope.ts';

export const migrationsDir = fileURLToPath(new URL('../store/migrations', import.meta.url));

/** A fresh, migrated visits store on the named driver (PGlite in memory unless asked otherwise). */
export function openTestStore(driver: 'pglite' | 'postgres' = 'pglite'): Promise<DisposableStore> {
  return storeDrivers.find((d) => d.name === driver)!.open(migrationsDir);
}

export const MUNICH = '4d0c2a6e-1b7f-4c3a-9e25-5a8f0d6b3c01';
export const HAMBURG = '4d0c2a6e-1b7f-4c3a-9e25-5a8f0d6b3c02';
export const CUSTOMER = 'customer-huber';

export const staff: Identity = { subject: 'staff-1', roles: ['staff'], dealerAccountId: null };
export const engineer: Identity = { subject: 'eng-1', roles: ['engineer'], dealerAccountId: null };
export const partnerOf = (dealerId: string): Identity => ({ subject: `partner-${dealerId}`, roles: ['partner'], dealerAccountId: dealerId });
export const assessorSignedInAs = (subject: string): Identity => ({ subject, roles: ['assessor'], dealerAccountId: null });

/** CRM as visits see it, in memory: accounts by id, a partner seeing only its own dealer (as CRM's own scope does). */
export class FakeCrm {
  readonly accounts = new Map<string, AccountFacts>();
  unreachable = false;

  constructor() {
    this.add({ id: MUNICH, name: 'Autohaus München', type: 'DEALER', dealerCode: 'D-MUC', address: { street: 'Leopoldstr. 1', city: 'München', postalCode: '80802', country: 'DE', latitude: 48.16, longitude: 11.58 } });
    this.add({ id: HAMBURG, name: 'Autohaus Hamburg', type: 'DEALER', dealerCode: 'D-HAM', address: null });
    this.add({ id: CUSTOMER, name: 'Huber Logistik', type: 'CUSTOMER', dealerCode: null, address: null });
  }

  add(account: AccountFacts): void {
    this.accounts.set(account.id, account);
  }

  for(identity: Identity): DealerDirectory {
    const scope = scopeOf(identity);
    return {
      account: async (id) => {
        if (this.unreachable) throw new SubgraphRequestError('UNREACHABLE', 'http://crm.test/graphql', 'http://crm.test/graphql could not be reached: ECONNREFUSED');
        const account = this.accounts.get(id) ?? null;
        return account && (scope.kind === 'all' || account.id === scope.dealerAccountId) ? account : null;
      },
    };
  }
}

/** A command context for `identity` on `store`; `now` fixes the clock. */
export function as(store: Store, identity: Identity, options: { crm?: FakeCrm; now?: Date | (() => Date) } = {}): CommandContext {
  const now = options.now;
  return {
    store,
    identity,
    scope: visitsScopeOf(identity),
    crm: (options.crm ?? new FakeCrm()).for(identity),
    ...(now ? { now: typeof now === 'function' ? now : () => now } : {}),
  };
}

/** The dealer performance assessment of the source material, as a manager would send it. */
export function assessmentTasks(options: { agentsAtLeast?: string; withFleet?: boolean } = {}): TaskInput[] {
  return [
    {
      name: 'Front office inspection',
      indicators: [
        { key: 'new-model-feedback', question: 'What feedback have customers given on the new vehicle model?', dataType: 'TEXT', context: { kind: 'PRODUCT', id: 'product-solen', label: 'Solen e Performance' } },
        { key: 'promotion-banners', question: 'Are all promotion banners placed correctly?', dataType: 'BOOLEAN', isRequired: true, context: { kind: 'PROMOTION', id: 'PROMO-EXT-WARRANTY', label: 'Extended warranty offer' }, expected: { boolean: true } },
        ...(options.withFleet ? [{ key: 'test-drive-fleet', question: 'How many test-drive vehicles are ready?', dataType: 'NUMBER' as const, isRequired: true, expected: { comparison: 'BETWEEN' as const, number: '3', maxNumber: '6' } }] : []),
      ],
    },
    {
      name: 'Dealer training and onboarding',
      indicators: [
        { key: 'last-product-training', question: 'When was the last product training?', dataType: 'DATE' },
        { key: 'agents-trained', question: 'How many agents attended the training?', dataType: 'NUMBER', isRequired: true, expected: { comparison: 'AT_LEAST', number: options.agentsAtLeast ?? '20' } },
      ],
    },
    {
      name: 'Back office inspection',
      isRequired: false,
      indicators: [{ key: 'defective-spare-parts', question: 'What percentage of spare parts in stock are defective?', dataType: 'PERCENTAGE', expected: { comparison: 'AT_MOST', number: '10' } }],
    },
  ];
}

/** The assessment template, published. */
export function createAssessmentTemplate(store: Store, options: { now?: Date } = {}): Promise<TemplateRow> {
  return createActionPlanTemplate(as(store, staff, options), { name: 'Dealer performance assessment', tasks: assessmentTasks(), publish: true });
}

export function createTestAssessor(store: Store, subject: string, name = subject): Promise<AssessorRow> {
  return createAssessor(as(store, staff), { subject, name, email: `${subject}@oem.example` });
}

/** The events recorded in the outbox, oldest first. */
export async function outboxEvents(store: Store): Promise<{ type: string; entity_id: string; dealer_ids: string[]; changes: Record<string, unknown> }[]> {
  return store.query('select type, entity_id, dealer_ids, changes from outbox order by id');
}
