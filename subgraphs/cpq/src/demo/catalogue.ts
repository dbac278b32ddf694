import { createHash } from 'node:crypto';
import { insertRows, type Queryable, type Store } from '@l2c/shared';
import { fromCents } from '../domain/money.ts';
import { DEMO_PRODUCTS } from './products.ts';

/**
 * The demo catalogue loaded into an empty CPQ store on first start: products, the standard price book, volume tiers,
 * and a set of approval rules (approvers, a finance group, a deep-discount chain). Dealer stock and dealer price
 * books need CRM's dealers and come later (`dealers.ts`). Deterministic: the same rows, ids included, every time.
 */

export type CatalogueOutcome = { loaded: true; counts: Record<string, number> } | { loaded: false };

/**
 * The demo approvers. The sales manager is the development staff token's subject (`npm run token -- staff`), so the
 * IDE can approve; the others get tokens with `npm run token -- staff --sub <subject>`.
 */
export const DEMO_APPROVERS = [
  { key: 'manager', name: 'Sales Manager', subject: 'dev-staff' },
  { key: 'director', name: 'Sales Director', subject: 'dev-sales-director' },
  { key: 'cfo', name: 'Chief Financial Officer', subject: 'dev-cfo' },
  { key: 'controller', name: 'Finance Controller', subject: 'dev-finance-controller' },
  { key: 'product', name: 'Product Manager, Performance', subject: 'dev-product-manager' },
] as const;

/** Loads the catalogue unless the store has products; the check and the inserts share one transaction. */
export async function loadCatalogueIfEmpty(store: Store): Promise<CatalogueOutcome> {
  return store.transaction(async (tx) => {
    if (store.driver === 'postgres') await tx.query("select pg_advisory_xact_lock(hashtext(current_schema() || '.demo-catalogue'))");
    const [row] = await tx.query<{ empty: boolean }>('select not exists (select 1 from products) and not exists (select 1 from approval_rules) as empty');
    if (!row?.empty) return { loaded: false };
    return { loaded: true, counts: await insertCatalogue(tx) };
  });
}

async function insertCatalogue(tx: Queryable): Promise<Record<string, number>> {
  const products = DEMO_PRODUCTS.map((p) => ({
    id: demoId('product', p.code),
    code: p.code,
    name: p.name,
    category: p.category,
    family: p.family,
    description: null,
    charge_type: p.termMonths ? 'RECURRING' : 'ONE_TIME',
    default_subscription_term: p.termMonths ?? null,
    entitlement_name: p.entitlement?.name ?? null,
    entitlement_months: p.entitlement?.months ?? null,
  }));
  const [standard] = await tx.query<{ id: string }>('select id from price_books where is_standard');
  if (!standard) throw new Error('the store has no standard price book; migration 0002 creates it');
  const entries = DEMO_PRODUCTS.map((p) => ({ id: demoId('entry', `standard/${p.code}`), price_book_id: standard.id, product_id: demoId('product', p.code), unit_price: fromCents(BigInt(p.priceCents)) }));
  const tiers = DEMO_PRODUCTS.flatMap((p) => (p.tiers ?? []).map(([min, percent]) => ({ product_id: demoId('product', p.code), min_quantity: min, discount_percent: percent })));
  await insertRows(tx, 'products', products);
  await insertRows(tx, 'price_book_entries', entries);
  await insertRows(tx, 'discount_tiers', tiers);

  const approver = (key: string) => demoId('approver', key);
  await insertRows(tx, 'approvers', DEMO_APPROVERS.map((a) => ({ id: approver(a.key), name: a.name, user_subject: a.subject, email: null })));
  const finance = demoId('group', 'finance');
  await insertRows(tx, 'approval_groups', [{ id: finance, name: 'Finance', require_all: false }]);
  await insertRows(tx, 'approval_group_members', [finance].flatMap((g) => [approver('cfo'), approver('controller')].map((a) => ({ group_id: g, approver_id: a }))));
  const chain = demoId('chain', 'deep-discount');
  await insertRows(tx, 'approval_chains', [{ id: chain, name: 'Deep discount' }]);
  await insertRows(tx, 'approval_chain_entries', [
    { id: demoId('chain-entry', '1'), chain_id: chain, level: 1, approver_id: approver('manager'), group_id: null },
    { id: demoId('chain-entry', '2'), chain_id: chain, level: 2, approver_id: approver('director'), group_id: null },
  ]);
  const rules = [
    { key: 'discount-10', name: 'Discount over 10 %', level: 1, approver_id: approver('manager'), group_id: null, chain_id: null, conditions: [['QUOTE_CUSTOMER_DISCOUNT_PERCENT', 'GREATER_THAN', '10'], ['QUOTE_CUSTOMER_DISCOUNT_PERCENT', 'LESS_OR_EQUAL', '20']] },
    { key: 'discount-20', name: 'Discount over 20 %', level: 1, approver_id: null, group_id: null, chain_id: chain, conditions: [['QUOTE_CUSTOMER_DISCOUNT_PERCENT', 'GREATER_THAN', '20']] },
    { key: 'big-deal', name: 'Net amount over 100,000', level: 2, approver_id: null, group_id: finance, chain_id: null, conditions: [['QUOTE_NET_AMOUNT', 'GREATER_THAN', '100000']] },
    { key: 'performance', name: 'Performance cars', level: 1, approver_id: approver('product'), group_id: null, chain_id: null, conditions: [['LINE_PRODUCT_FAMILY', 'EQUALS', 'Arco']] },
  ];
  await insertRows(tx, 'approval_rules', rules.map(({ key, conditions: _, ...rule }) => ({ id: demoId('rule', key), ...rule, conditions_met: 'ALL', smart_approval: true })));
  await insertRows(
    tx,
    'approval_conditions',
    rules.flatMap((rule) => rule.conditions.map(([field, operator, value], index) => ({ id: demoId('condition', `${rule.key}/${index}`), rule_id: demoId('rule', rule.key), index, field, operator, value }))),
  );
  return { products: products.length, priceBookEntries: entries.length, discountTiers: tiers.length, approvers: DEMO_APPROVERS.length, approvalRules: rules.length };
}

/** A stable UUID-shaped id for a demo row, from its kind and natural key. */
export function demoId(kind: string, key: string): string {
  const hex = createHash('sha1').update(`l2c-cpq-demo/${kind}/${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
