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
    const found = await ctx.client.retrieve(ctx.mapping.sObject, ids, ctx.mapping.selectFields);
    const records: InboundRecord[] = ids.map((id, i) => {
      const raw = found[i];
      return raw ? readRecord(ctx.mapping, raw) : { sfId: id, modstamp: null, modifiedAt: null, deleted: true, externalId: null, values: {} };
    });
    const stats = await applyInbound({ store: ctx.store, mapping: ctx.mapping, runId: ctx.runId, newLocalId: ctx.newLocalId }, records);
    addStats(ctx.stats, inboundCounters(stats));
    done += ids.length;
  }
}
