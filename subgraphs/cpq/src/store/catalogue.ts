import { and, type Connection, fetchPage, insertRow, insertRows, type PageQuery, type Queryable, type Scope, searchCondition, SqlParams, updateRow } from '@l2c/shared';
import type { DiscountTierRow, InventoryRow, PriceBookEntryRow, PriceBookRow, ProductCategory, ProductRow } from './rows.ts';
import { scopeSql } from './scope.ts';

export interface ProductFilter {
  category?: ProductCategory[] | null;
  family?: string | null;
  includeInactive?: boolean | null;
  search?: string | null;
}

export async function productsByIds(db: Queryable, ids: readonly string[]): Promise<ProductRow[]> {
  return db.query<ProductRow>('select * from products where id = any($1)', [ids]);
}

export async function productsByCodes(db: Queryable, codes: readonly string[]): Promise<ProductRow[]> {
  return db.query<ProductRow>('select * from products where code = any($1)', [codes]);
}

export async function listProducts(db: Queryable, filter: ProductFilter, page: PageQuery): Promise<Connection<ProductRow>> {
  const p = new SqlParams();
  const where = and([
    filter.includeInactive ? null : 'p.is_active',
    filter.category?.length ? `p.category = any(${p.add(filter.category)})` : null,
    filter.family ? `lower(p.family) = lower(${p.add(filter.family)})` : null,
    filter.search ? searchCondition(['p.code', 'p.name'], filter.search, p.add) : null,
  ]);
  return fetchPage<ProductRow>(db, { columns: 'p.*', from: 'products p', where, params: p, sort: { sortExpr: 'p.name', sortType: 'text', idExpr: 'p.id', descending: false } }, page);
}

export function insertProduct(db: Queryable, row: Omit<ProductRow, 'created_at' | 'updated_at' | 'is_active'>): Promise<ProductRow> {
  return insertRow<ProductRow>(db, 'products', { ...row });
}

export function updateProductRow(db: Queryable, id: string, changes: Partial<ProductRow>): Promise<ProductRow | null> {
  return updateRow<ProductRow>(db, 'products', id, changes);
}

export async function tiersByProductIds(db: Queryable, ids: readonly string[]): Promise<DiscountTierRow[]> {
  return db.query<DiscountTierRow>('select * from discount_tiers where product_id = any($1) order by min_quantity', [ids]);
}

export async function replaceTiers(db: Queryable, productId: string, tiers: readonly { minQuantity: number; discountPercent: string }[]): Promise<void> {
  await db.query('delete from discount_tiers where product_id = $1', [productId]);
  await insertRows(db, 'discount_tiers', tiers.map((t) => ({ product_id: productId, min_quantity: t.minQuantity, discount_percent: t.discountPercent })));
}

export async function priceBooksByIds(db: Queryable, scope: Scope, ids: readonly string[]): Promise<PriceBookRow[]> {
  const p = new SqlParams();
  const where = and([`b.id = any(${p.add(ids)})`, scopeSql.priceBook(scope, 'b', p.add)]);
  return db.query<PriceBookRow>(`select b.* from price_books b where ${where.join(' and ')}`, p.values);
}

export async function listPriceBooks(db: Queryable, scope: Scope): Promise<PriceBookRow[]> {
  const p = new SqlParams();
  const where = and([scopeSql.priceBook(scope, 'b', p.add)]);
  return db.query<PriceBookRow>(`select b.* from price_books b${where.length ? ` where ${where.join(' and ')}` : ''} order by b.is_standard desc, b.name, b.id`, p.values);
}

export async function standardPriceBook(db: Queryable): Promise<PriceBookRow | null> {
  const [row] = await db.query<PriceBookRow>('select * from price_books where is_standard');
  return row ?? null;
}

/** The dealer's own active price book, if it has one. */
export async function dealerPriceBook(db: Queryable, dealerId: string): Promise<PriceBookRow | null> {
  const [row] = await db.query<PriceBookRow>('select * from price_books where dealer_id = $1 and is_active', [dealerId]);
  return row ?? null;
}

export function insertPriceBook(db: Queryable, row: Pick<PriceBookRow, 'id' | 'name' | 'is_standard' | 'dealer_id'>): Promise<PriceBookRow> {
  return insertRow<PriceBookRow>(db, 'price_books', { ...row });
}

export async function entriesByIds(db: Queryable, ids: readonly string[]): Promise<PriceBookEntryRow[]> {
  return db.query<PriceBookEntryRow>('select * from price_book_entries where id = any($1)', [ids]);
}

export async function listEntries(db: Queryable, priceBookId: string, page: PageQuery): Promise<Connection<PriceBookEntryRow>> {
  const p = new SqlParams();
  const where = [`e.price_book_id = ${p.add(priceBookId)}`];
  return fetchPage<PriceBookEntryRow>(db, {
    columns: 'e.*',
    from: 'price_book_entries e join products p on p.id = e.product_id',
    where,
    params: p,
    sort: { sortExpr: 'p.code', sortType: 'text', idExpr: 'e.id', descending: false },
  }, page);
}

/**
 * Active unit prices of products in a price book, falling back to the standard book for products the book does not
 * price (a dealer's book usually prices only what it sells differently). One statement for all products asked.
 */
export async function unitPrices(db: Queryable, priceBookId: string, productIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ product_id: string; unit_price: string }>(
    `select distinct on (e.product_id) e.product_id, e.unit_price
       from price_book_entries e join price_books b on b.id = e.price_book_id
      where e.product_id = any($2) and e.is_active and (e.price_book_id = $1 or b.is_standard)
      order by e.product_id, (e.price_book_id = $1) desc`,
    [priceBookId, productIds],
  );
  return new Map(rows.map((row) => [row.product_id, row.unit_price]));
}

/** Sets a price, creating the entry or changing it. */
export async function upsertEntry(db: Queryable, row: { id: string; price_book_id: string; product_id: string; unit_price: string }): Promise<PriceBookEntryRow> {
  const [entry] = await db.query<PriceBookEntryRow>(
    `insert into price_book_entries (id, price_book_id, product_id, unit_price) values ($1, $2, $3, $4)
     on conflict (price_book_id, product_id) do update set unit_price = excluded.unit_price, is_active = true, updated_at = now()
     returning *`,
    [row.id, row.price_book_id, row.product_id, row.unit_price],
  );
  return entry!;
}

const INVENTORY_COLUMNS = 'i.id, i.dealer_id, i.product_id, p.code as product_code, i.quantity_on_hand, i.updated_at';
const INVENTORY_FROM = 'dealer_inventory i join products p on p.id = i.product_id';

/** Stock at the dealers the caller may see, optionally only of some products; one statement for every dealer. */
export async function inventoryOfDealers(db: Queryable, scope: Scope, dealerIds: readonly string[], productCodes?: readonly string[]): Promise<InventoryRow[]> {
  const p = new SqlParams();
  const where = and([
    `i.dealer_id = any(${p.add(dealerIds)})`,
    productCodes ? `p.code = any(${p.add(productCodes)})` : null,
    scopeSql.dealerOwned(scope, 'i.dealer_id', p.add),
  ]);
  return db.query<InventoryRow>(`select ${INVENTORY_COLUMNS} from ${INVENTORY_FROM} where ${where.join(' and ')} order by i.dealer_id, p.code`, p.values);
}

export async function inventoryByIds(db: Queryable, scope: Scope, ids: readonly string[]): Promise<InventoryRow[]> {
  const p = new SqlParams();
  const where = and([`i.id = any(${p.add(ids)})`, scopeSql.dealerOwned(scope, 'i.dealer_id', p.add)]);
  return db.query<InventoryRow>(`select ${INVENTORY_COLUMNS} from ${INVENTORY_FROM} where ${where.join(' and ')}`, p.values);
}

/** Sets a dealer's stock of a product; returns the row and the quantity before (null when it had none recorded). */
export async function upsertInventory(db: Queryable, row: { id: string; dealer_id: string; product_id: string; quantity_on_hand: number }): Promise<{ id: string; before: number | null }> {
  const [before] = await db.query<{ quantity_on_hand: number }>('select quantity_on_hand from dealer_inventory where dealer_id = $1 and product_id = $2 for update', [row.dealer_id, row.product_id]);
  const [saved] = await db.query<{ id: string }>(
    `insert into dealer_inventory (id, dealer_id, product_id, quantity_on_hand) values ($1, $2, $3, $4)
     on conflict (dealer_id, product_id) do update set quantity_on_hand = excluded.quantity_on_hand, updated_at = now()
     returning id`,
    [row.id, row.dealer_id, row.product_id, row.quantity_on_hand],
  );
  return { id: saved!.id, before: before?.quantity_on_hand ?? null };
}
