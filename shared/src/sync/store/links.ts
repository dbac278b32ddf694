/**
 * Links: one per record that exists on both sides, with the values both sides last agreed on. Table and column names
 * come from compiled mappings (checked against the store at start), never from input.
 */
import type { Queryable } from '../../store/store.ts';
import type { SfValues } from '../mapping.ts';

export interface Link {
  local_id: string;
  sf_id: string;
  sf_values: SfValues;
  hash: string;
}

export interface LinkWrite {
  localId: string;
  sfId: string;
  values: SfValues;
  hash: string;
  modstamp?: string | null;
}

/** Double-quotes an identifier that comes from code. */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/i.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
}

export async function linksBySfId(db: Queryable, mapping: string, sfIds: readonly string[]): Promise<Map<string, Link>> {
  if (sfIds.length === 0) return new Map();
  const rows = await db.query<Link>('select local_id, sf_id, sf_values, hash from sync_links where mapping = $1 and sf_id = any($2)', [mapping, sfIds]);
  return new Map(rows.map((row) => [row.sf_id, row]));
}

export async function linksByLocalId(db: Queryable, mapping: string, localIds: readonly string[]): Promise<Map<string, Link>> {
  if (localIds.length === 0) return new Map();
  const rows = await db.query<Link>('select local_id, sf_id, sf_values, hash from sync_links where mapping = $1 and local_id = any($2)', [mapping, localIds]);
  return new Map(rows.map((row) => [row.local_id, row]));
}

/** Salesforce Id → local id for the given Salesforce Ids of one mapping (parents of inbound children). */
export async function localIdsOf(db: Queryable, mapping: string, sfIds: readonly string[]): Promise<Map<string, string>> {
  if (sfIds.length === 0) return new Map();
  const rows = await db.query<{ local_id: string; sf_id: string }>('select local_id, sf_id from sync_links where mapping = $1 and sf_id = any($2)', [mapping, sfIds]);
  return new Map(rows.map((row) => [row.sf_id, row.local_id]));
}

/** Local id → Salesforce Id for the given local ids of one mapping (parents of outbound children). */
export async function sfIdsOf(db: Queryable, mapping: string, localIds: readonly string[]): Promise<Map<string, string>> {
  if (localIds.length === 0) return new Map();
  const rows = await db.query<{ local_id: string; sf_id: string }>('select local_id, sf_id from sync_links where mapping = $1 and local_id = any($2)', [mapping, localIds]);
  return new Map(rows.map((row) => [row.local_id, row.sf_id]));
}

/** Inserts or replaces links, a few hundred per statement. `seenRun` marks them seen by a full load. */
export async function writeLinks(db: Queryable, mapping: string, links: readonly LinkWrite[], seenRun?: string | null): Promise<void> {
  for (let start = 0; start < links.length; start += 500) {
    const chunk = links.slice(start, start + 500);
    const params: unknown[] = [mapping, seenRun ?? null];
    const tuples = chunk.map((link) => {
      const at = (value: unknown) => `$${params.push(value)}`;
      return `($1, ${at(link.localId)}, ${at(link.sfId)}, ${at(JSON.stringify(link.values))}::jsonb, ${at(link.hash)}, ${at(link.modstamp ?? null)}::timestamptz, $2, now())`;
    });
    await db.query(
      `insert into sync_links (mapping, local_id, sf_id, sf_values, hash, sf_modstamp, seen_run, synced_at) values ${tuples.join(', ')}
       on conflict (mapping, local_id) do update set sf_id = excluded.sf_id, sf_values = excluded.sf_values, hash = excluded.hash,
         sf_modstamp = coalesce(excluded.sf_modstamp, sync_links.sf_modstamp), seen_run = coalesce(excluded.seen_run, sync_links.seen_run), synced_at = now()`,
      params,
    );
  }
}

export async function deleteLinksByLocalId(db: Queryable, mapping: string, localIds: readonly string[]): Promise<void> {
  if (localIds.length) await db.query('delete from sync_links where mapping = $1 and local_id = any($2)', [mapping, localIds]);
}

/** Marks links as seen by a full load (records that did not change still count as present in Salesforce). */
export async function markSeen(db: Queryable, mapping: string, sfIds: readonly string[], run: string): Promise<void> {
  if (sfIds.length) await db.query('update sync_links set seen_run = $3 where mapping = $1 and sf_id = any($2) and seen_run is distinct from $3', [mapping, sfIds, run]);
}

/** Links a finished full load did not see: their records are gone from Salesforce. */
export async function unseenLinks(db: Queryable, mapping: string, run: string, limit: number): Promise<Link[]> {
  return db.query<Link>('select local_id, sf_id, sf_values, hash from sync_links where mapping = $1 and seen_run is distinct from $2 order by local_id limit $3', [mapping, run, limit]);
}
