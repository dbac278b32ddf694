import type { Queryable } from '@l2c/shared';
import type { AssetRow, ProductRow } from './rows.ts';

export async function assetsByIds(db: Queryable, ids: readonly string[]): Promise<AssetRow[]> {
  return db.query<AssetRow>('select id, name, product_id, account_id, dealer_id, vin, install_date, purchase_date from assets where id = any($1)', [ids]);
}

export async function assetsByVins(db: Queryable, vins: readonly string[]): Promise<{ id: string; vin: string }[]> {
  return db.query<{ id: string; vin: string }>('select id, vin from assets where vin = any($1)', [vins]);
}

export async function productsByIds(db: Queryable, ids: readonly string[]): Promise<ProductRow[]> {
  return db.query<ProductRow>('select id, code, name, family, category from products where id = any($1)', [ids]);
}

/**
 * Records what CPQ says of assets and their products. What is known is kept when CPQ (or Salesforce) leaves a value
 * empty, so an asset's VIN set in Salesforce is not erased by an order event that does not carry it. Returns the ids
 * of the assets seen for the first time.
 */
export async function upsertAssets(db: Queryable, assets: readonly AssetRow[], products: readonly ProductRow[]): Promise<string[]> {
  if (products.length) {
    const params: unknown[] = [];
    const tuples = products.map((p) => `(${[p.id, p.code, p.name, p.family, p.category].map((v) => `$${params.push(v)}`).join(', ')})`);
    await db.query(
      `insert into products (id, code, name, family, category) values ${tuples.join(', ')}
       on conflict (id) do update set code = coalesce(excluded.code, products.code), name = coalesce(excluded.name, products.name),
         family = coalesce(excluded.family, products.family), category = coalesce(excluded.category, products.category), updated_at = now()`,
      params,
    );
  }
  if (assets.length === 0) return [];
  const params: unknown[] = [];
  const tuples = assets.map((a) => `(${[a.id, a.name, a.product_id, a.account_id, a.dealer_id, a.vin, a.install_date, a.purchase_date].map((v) => `$${params.push(v)}`).join(', ')})`);
  const rows = await db.query<{ id: string; inserted: boolean }>(
    `insert into assets (id, name, product_id, account_id, dealer_id, vin, install_date, purchase_date) values ${tuples.join(', ')}
     on conflict (id) do update set name = coalesce(excluded.name, assets.name), product_id = coalesce(excluded.product_id, assets.product_id),
       account_id = coalesce(excluded.account_id, assets.account_id), dealer_id = coalesce(excluded.dealer_id, assets.dealer_id),
       vin = coalesce(excluded.vin, assets.vin), install_date = coalesce(excluded.install_date, assets.install_date),
       purchase_date = coalesce(excluded.purchase_date, assets.purchase_date), updated_at = now()
     returning id, (xmax = 0) as inserted`,
    params,
  );
  return rows.filter((r) => r.inserted).map((r) => r.id);
}
