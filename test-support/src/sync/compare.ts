/**
 * Test support: the store and the org compared record by record, field by field, through the sync's links.
 */
import { BulkClient, changedFields, readRecord, valuesOfRow, type CompiledMapping, type SalesforceClient, type Store } from '@l2c/shared';

export interface Comparison {
  mapping: string;
  local: number;
  salesforce: number;
  linked: number;
  /** Field differences, `<local id> <field>: <local> ≠ <salesforce>` (the first 20). */
  differences: string[];
  /** Records on one side only or linked to a missing record (the first 20). */
  orphans: string[];
  /** External ID values carried by more than one Salesforce record. */
  duplicateExternalIds: number;
}

/**
 * Compares every record of every mapping, field by field in Salesforce form: each local row's values (converted by
 * the mapping, references through links) against its linked Salesforce record.
 */
export async function compareStoreAndOrg(store: Store, client: SalesforceClient, mappings: readonly CompiledMapping[]): Promise<Comparison[]> {
  const bulk = new BulkClient(client);
  const allLinks = await store.query<{ mapping: string; local_id: string; sf_id: string }>('select mapping, local_id, sf_id from sync_links');
  const parentSfIds = new Map<string, Map<string, string>>();
  for (const link of allLinks) {
    let byLocal = parentSfIds.get(link.mapping);
    if (!byLocal) parentSfIds.set(link.mapping, (byLocal = new Map()));
    byLocal.set(link.local_id, link.sf_id);
  }
  const results: Comparison[] = [];
  for (const mapping of mappings) {
    const job = await bulk.createQueryJob(`SELECT ${mapping.selectFields.join(', ')} FROM ${mapping.sObject}`);
    await bulk.waitFor('query', job.id, { pollMs: 50 });
    const sfRecords = new Map<string, Record<string, string>>();
    let locator: string | null = null;
    do {
      const page = await bulk.queryResults(job.id, { locator, maxRecords: 100_000 });
      for (const row of page.rows) sfRecords.set(row.Id!, row);
      locator = page.locator;
    } while (locator);
    const rows = await store.query<Record<string, unknown>>(`select * from ${mapping.table}`);
    const links = parentSfIds.get(mapping.name) ?? new Map<string, string>();
    const comparison: Comparison = { mapping: mapping.name, local: rows.length, salesforce: sfRecords.size, linked: links.size, differences: [], orphans: [], duplicateExternalIds: 0 };
    const seenSf = new Set<string>();
    for (const row of rows) {
      const localId = String(row[mapping.key]);
      const sfId = links.get(localId);
      const raw = sfId ? sfRecords.get(sfId) : undefined;
      if (!sfId || !raw) {
        if (comparison.orphans.length < 20) comparison.orphans.push(`local ${localId} ${sfId ? `links to missing ${sfId}` : 'has no link'}`);
        continue;
      }
      seenSf.add(sfId);
      const local = valuesOfRow(mapping, row, parentSfIds).values;
      const remote = readRecord(mapping, raw).values;
      for (const field of changedFields(mapping.valueFields, local, remote)) {
        if (readsAsLocal(mapping, field, remote, row)) continue;
        if (comparison.differences.length < 20) comparison.differences.push(`${localId} ${field}: ${JSON.stringify(local[field])} ≠ ${JSON.stringify(remote[field])}`);
      }
      const ext = remote[mapping.externalId];
      if (ext !== null && ext !== localId && comparison.differences.length < 20) comparison.differences.push(`${localId} ${mapping.externalId}: ${JSON.stringify(ext)}`);
    }
    for (const sfId of sfRecords.keys()) if (!seenSf.has(sfId) && comparison.orphans.length < 20) comparison.orphans.push(`Salesforce ${sfId} has no local record`);
    const ext = new Map<string, number>();
    for (const raw of sfRecords.values()) if (raw[mapping.externalId]) ext.set(raw[mapping.externalId]!, (ext.get(raw[mapping.externalId]!) ?? 0) + 1);
    comparison.duplicateExternalIds = [...ext.values()].filter((count) => count > 1).length;
    results.push(comparison);
  }
  return results;
}

/**
 * Whether a Salesforce value reads as the local value: where a picklist is narrower than the local enum (or a
 * required local column reads Salesforce's empty as a default), equality holds in the inbound direction.
 */
function readsAsLocal(mapping: CompiledMapping, sf: string, remote: Record<string, unknown>, row: Record<string, unknown>): boolean {
  const field = mapping.fields.find((f) => f.sf === sf);
  if (!field || field.reference) return false;
  try {
    const value = field.convert.fromSalesforce((remote[sf] ?? null) as never) ?? field.inboundDefault ?? null;
    return normalize(value) === normalize(row[field.column]);
  } catch {
    return false;
  }
}

function normalize(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value))) return String(Number(value));
  return JSON.stringify(value);
}

