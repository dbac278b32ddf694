import type { Logger, Queryable, Store } from '@l2c/shared';
import type { CrmDirectory } from '../crm.ts';

/**
 * Keeps `dealer_regions` filled for the dealers the log meets: a dealer's region is its country in CRM, asked once
 * through the graph. Best effort: a dealer CRM does not answer for is asked again with the next batch that names it.
 */
export function dealerRegionRefresher(store: Store, crm: CrmDirectory | null, logger: Logger): (dealerIds: readonly (string | null)[]) => Promise<void> {
  let queue = Promise.resolve();
  return (dealerIds) => {
    const ids = [...new Set(dealerIds.filter((id): id is string => !!id))];
    if (!crm || ids.length === 0) return queue;
    queue = queue
      .then(async () => {
        const missing = await unknownDealers(store, ids);
        if (missing.length === 0) return;
        const dealers = await crm.dealers(missing);
        await saveDealers(store, dealers);
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'dealer regions not fetched from CRM; they are asked again with the next batch'));
    return queue;
  };
}

async function unknownDealers(db: Queryable, ids: readonly string[]): Promise<string[]> {
  const known = new Set((await db.query<{ dealer_id: string }>('select dealer_id from dealer_regions where dealer_id = any($1)', [ids])).map((r) => r.dealer_id));
  return ids.filter((id) => !known.has(id));
}

export async function saveDealers(db: Queryable, dealers: readonly { id: string; name: string | null; region: string | null }[]): Promise<void> {
  if (dealers.length === 0) return;
  await db.query(
    `insert into dealer_regions (dealer_id, name, region) select id, name, region from jsonb_to_recordset($1::jsonb) as x(id text, name text, region text)
     on conflict (dealer_id) do update set name = excluded.name, region = excluded.region, fetched_at = now()`,
    [JSON.stringify(dealers)],
  );
}
