/** Reads given Salesforce records again and applies them (retrying inbound failures an admin asked to retry). */
import { applyInbound } from '../inbound.ts';
import { readRecord, type InboundRecord } from '../records.ts';
import { addStats, guard, type StepContext } from '../jobs/stepContext.ts';
import { inboundCounters } from './inboundStep.ts';

export async function runRecords(ctx: StepContext, sfIds: readonly string[]): Promise<void> {
  let done = 0;
  for (let start = 0; start < sfIds.length; start += 2_000) {
    const ids = sfIds.slice(start, start + 2_000);
    await guard(ctx, { phase: 'reading records again', done, total: sfIds.length });
    const found = ctx.mapping.fields.some((f) => f.externalReference) ? await queryByIds(ctx, ids) : await ctx.client.retrieve(ctx.mapping.sObject, ids, ctx.mapping.selectFields);
    const records: InboundRecord[] = ids.map((id, i) => {
      const raw = found[i];
      return raw ? readRecord(ctx.mapping, raw) : { sfId: id, modstamp: null, modifiedAt: null, deleted: true, externalId: null, values: {} };
    });
    const stats = await applyInbound({ store: ctx.store, mapping: ctx.mapping, runId: ctx.runId, newLocalId: ctx.newLocalId }, records);
    addStats(ctx.stats, inboundCounters(stats));
    done += ids.length;
  }
}

/**
 * The records by Id through SOQL, in the order of `ids` (null where none): a collections retrieve reads only the
 * object's own fields, and a parent named by external ID is a relationship field.
 */
async function queryByIds(ctx: StepContext, ids: readonly string[]): Promise<(Record<string, unknown> | null)[]> {
  const byId = new Map<string, Record<string, unknown>>();
  for (let start = 0; start < ids.length; start += 300) {
    const list = ids.slice(start, start + 300).map((id) => `'${id.replace(/[^A-Za-z0-9]/g, '')}'`).join(', ');
    let page = await ctx.client.query(`SELECT ${ctx.mapping.selectFields.join(', ')} FROM ${ctx.mapping.sObject} WHERE Id IN (${list})`, { batchSize: 2_000 });
    for (;;) {
      for (const record of page.records) if (record.Id) byId.set(String(record.Id).slice(0, 15), record);
      if (!page.nextRecordsUrl) break;
      page = await ctx.client.queryMore(page.nextRecordsUrl);
    }
  }
  return ids.map((id) => byId.get(id.slice(0, 15)) ?? null);
}
