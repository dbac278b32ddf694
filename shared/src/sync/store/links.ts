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

/** Inserts or replaces links, a few thousand per statement (arrays, not one parameter per value). */
export async function writeLinks(db: Queryable, mapping: string, links: readonly LinkWrite[]): Promise<void> {
  for (let start = 0; start < links.length; start += 5_000) {
    const chunk = links.slice(start, start + 5_000);
    await db.query(
      `insert into sync_links (mapping, local_id, sf_id, sf_values, hash, sf_modstamp, synced_at)
       select $1, l, s, v::jsonb, h, m::timestamptz, now() from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as x(l, s, v, h, m)
       on conflict (mapping, local_id) do update set sf_id = excluded.sf_id, sf_values = excluded.sf_values, hash = excluded.hash,
         sf_modstamp = coalesce(excluded.sf_modstamp, sync_links.sf_modstamp), synced_at = now()`,
      [mapping, chunk.map((l) => l.localId), chunk.map((l) => l.sfId), chunk.map((l) => JSON.stringify(l.values)), chunk.map((l) => l.hash), chunk.map((l) => l.modstamp ?? null)],
    );
  }
}

export async function deleteLinksByLocalId(db: Queryable, mapping: string, localIds: readonly string[]): Promise<void> {
  if (localIds.length) await db.query('delete from sync_links where mapping = $1 and local_id = any($2)', [mapping, localIds]);
}

/** How many links a mapping has. */
export async function countLinks(db: Queryable, mapping: string): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from sync_links where mapping = $1', [mapping]);
  return row?.n ?? 0;
}

/** The Salesforce Ids of a mapping's links, a chunk at a time after `afterSfId` (keyset). */
export async function linkedSfIds(db: Queryable, mapping: string, afterSfId: string, limit: number): Promise<string[]> {
  const rows = await db.query<{ sf_id: string }>('select sf_id from sync_links where mapping = $1 and sf_id > $2 order by sf_id limit $3', [mapping, afterSfId, limit]);
  return rows.map((row) => row.sf_id);
}
