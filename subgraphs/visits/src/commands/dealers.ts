import { badInput, notFound, optionalText, requiredText, SubgraphRequestError, type Queryable } from '@l2c/shared';
import type { AccountFacts } from '../crm.ts';
import { dealersByIds, insertLocation, locationsByDealerIds, upsertDealer } from '../store/dealers.ts';
import type { DealerRow, LocationRow, LocationType } from '../store/rows.ts';
import { assertPlanner, crmOf, idSource, type CommandContext } from './context.ts';

/**
 * The dealer a visit or location is for, as CRM says now (asked as the caller): it must exist and be a dealer. When
 * CRM cannot be reached, a dealer this subgraph already knows is taken as it was last seen, so planning goes on.
 */
export async function confirmDealer(ctx: CommandContext, id: string, field: string): Promise<{ dealer: DealerRow | null; facts: AccountFacts | null }> {
  let facts: AccountFacts | null;
  try {
    facts = await crmOf(ctx).account(id);
  } catch (error) {
    if (!(error instanceof SubgraphRequestError && error.kind === 'UNREACHABLE')) throw error;
    const [known] = await dealersByIds(ctx.store, [id]);
    if (!known) throw error;
    return { dealer: known, facts: null };
  }
  if (!facts) throw notFound('Account', id, field);
  if (facts.type !== 'DEALER') throw badInput(field, id, `must be a dealer account, not a ${facts.type.toLowerCase()}`);
  return { dealer: null, facts };
}

/** Records the dealer CRM described (inside the command's transaction). */
export async function rememberDealer(tx: Queryable, confirmed: { dealer: DealerRow | null; facts: AccountFacts | null }): Promise<void> {
  if (confirmed.facts) await upsertDealer(tx, { id: confirmed.facts.id, name: confirmed.facts.name, dealer_code: confirmed.facts.dealerCode });
}

/** The dealer's primary location, created from CRM's address on first use. */
export async function primaryLocation(tx: Queryable, ctx: CommandContext, dealerId: string, facts: AccountFacts | null): Promise<LocationRow> {
  const locations = await locationsByDealerIds(tx, [dealerId]);
  const primary = locations.find((l) => l.is_primary) ?? locations[0];
  if (primary) return primary;
  const [dealer] = await dealersByIds(tx, [dealerId]);
  const address = facts?.address ?? null;
  const line = address ? [address.street, [address.postalCode, address.city].filter(Boolean).join(' '), address.country].filter(Boolean).join(', ') : '';
  return insertLocation(tx, {
    id: idSource(ctx)(),
    dealer_id: dealerId,
    name: dealer?.name ?? dealerId,
    location_type: 'SITE',
    description: line === '' ? null : line,
    latitude: address?.latitude ?? null,
    longitude: address?.longitude ?? null,
    is_primary: true,
  });
}

export interface LocationInput {
  name: string;
  locationType?: LocationType | null;
  description?: string | null;
  latitude?: number | null;
  longitude?: number | null;
}

/** Adds a place of a dealer visits can go to (a second showroom, a parts depot). */
export async function addDealerLocation(ctx: CommandContext, dealerId: string, input: LocationInput): Promise<LocationRow> {
  assertPlanner(ctx, 'addDealerLocation');
  const name = requiredText('input.name', input.name, 255);
  if (input.latitude != null && (input.latitude < -90 || input.latitude > 90)) throw badInput('input.latitude', input.latitude, 'must be between -90 and 90');
  if (input.longitude != null && (input.longitude < -180 || input.longitude > 180)) throw badInput('input.longitude', input.longitude, 'must be between -180 and 180');
  const confirmed = await confirmDealer(ctx, dealerId, 'dealerId');
  return ctx.store.transaction(async (tx) => {
    await rememberDealer(tx, confirmed);
    const existing = await locationsByDealerIds(tx, [dealerId]);
    return insertLocation(tx, {
      id: idSource(ctx)(),
      dealer_id: dealerId,
      name,
      location_type: input.locationType ?? 'SITE',
      description: optionalText('input.description', input.description, 1000) ?? null,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      is_primary: existing.length === 0,
    });
  });
}
