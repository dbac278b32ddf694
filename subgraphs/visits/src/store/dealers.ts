import { insertRows, type Queryable } from '@l2c/shared';
import type { DealerRow, LocationRow } from './rows.ts';

/*
 * Dealers and their locations are the places visits go to. They are not secret (a visit's dealer is resolved by CRM,
 * which applies its own scope); what a partner may see of visits is decided on the visits themselves.
 */

/** Records a dealer as CRM described it; a known one gets the name and code CRM gave now. */
export async function upsertDealer(db: Queryable, dealer: { id: string; name: string; dealer_code: string | null }): Promise<void> {
  await db.query(
    `insert into dealers (id, name, dealer_code) values ($1, $2, $3)
     on conflict (id) do update set name = excluded.name, dealer_code = excluded.dealer_code, updated_at = now()
     where dealers.name is distinct from excluded.name or dealers.dealer_code is distinct from excluded.dealer_code`,
    [dealer.id, dealer.name, dealer.dealer_code],
  );
}

export async function dealersByIds(db: Queryable, ids: readonly string[]): Promise<DealerRow[]> {
  return db.query<DealerRow>('select * from dealers where id = any($1)', [ids]);
}

export async function locationsByIds(db: Queryable, ids: readonly string[]): Promise<LocationRow[]> {
  return db.query<LocationRow>('select * from dealer_locations where id = any($1)', [ids]);
}

/** Each dealer's locations, the primary one first. */
export async function locationsByDealerIds(db: Queryable, dealerIds: readonly string[]): Promise<LocationRow[]> {
  return db.query<LocationRow>('select * from dealer_locations where dealer_id = any($1) order by dealer_id, is_primary desc, name, id', [dealerIds]);
}

export async function insertLocation(db: Queryable, row: Omit<LocationRow, 'created_at' | 'updated_at'>): Promise<LocationRow> {
  const [inserted] = await insertRows<LocationRow>(db, 'dealer_locations', [{ ...row }]);
  return inserted!;
}
