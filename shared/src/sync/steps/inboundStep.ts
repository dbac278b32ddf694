/**
 * Inbound for one object: a full load or an incremental window, page by page, each page applied and checkpointed in
 * one transaction, so a job that dies resumes at the page after the last one it committed.
 *
 * - Full load: `COUNT()` decides between Bulk API 2.0 query (large) and REST query; at the end, links no page saw
 *   belong to records deleted in Salesforce since (purged from the recycle bin too), and are deleted locally.
 * - Incremental: records with `SystemModstamp` at or after the watermark minus the overlap window, oldest first,
 *   through `queryAll` so deletions come in the same pages (`IsDeleted`), or `getDeleted` for mappings that ask.
 *   A window with more changes than the bulk threshold switches to a Bulk API 2.0 `queryAll` job.
 * - Pages are requested one at a time with the locator checkpointed: jsforce's autoFetch never runs.
 */
import { BulkClient } from '../../salesforce/bulk.ts';
import { sfDateTime } from '../../salesforce/client.ts';
import { SalesforceError } from '../../salesforce/errors.ts';
import type { QueryPage, SfRecord } from '../../salesforce/types.ts';
import type { Queryable } from '../../store/store.ts';
import { applyInbound, type InboundStats } from '../inbound.ts';
import { readRecord, type InboundRecord } from '../records.ts';
import { countLinks, linkedSfIds } from '../store/links.ts';
import { advanceWatermark, readObject, saveCheckpoint, saveDeletedWatermark, type InboundCheckpoint } from '../store/objects.ts';
import { addStats, guard, saveStats, type StepContext } from '../jobs/stepContext.ts';

export type InboundMode = 'full' | 'incremental';

/** Runs the inbound step; returns the mode actually used (an incremental without a watermark is a full load). */
export async function runInbound(ctx: StepContext, requested: InboundMode): Promise<InboundMode> {
  const state = await readObject(ctx.store, ctx.mapping.name);
  const resumed = ctx.checkpoint?.step === 'inbound' ? ctx.checkpoint.inbound : undefined;
  const mode: InboundMode = resumed?.mode ?? (requested === 'incremental' && state?.watermark ? 'incremental' : 'full');
  const since = mode === 'incremental' ? (resumed?.since ?? sfDateTime(new Date((state!.watermark as Date).getTime() - ctx.tuning.overlapMs))) : null;
  let cp: InboundCheckpoint = resumed ?? { mode, source: 'rest', since, done: 0, maxModstamp: null };

  const save = (tx: Queryable, next: InboundCheckpoint) => saveCheckpoint(tx, ctx.mapping.name, { jobId: ctx.runId, step: 'inbound', inbound: next });
  const apply = async (records: InboundRecord[], next: Omit<InboundCheckpoint, 'done' | 'maxModstamp'>) => {
    const maxModstamp = records.reduce<string | null>((max, r) => (r.modstamp && (!max || r.modstamp > max) ? r.modstamp : max), cp.maxModstamp ?? null);
    let after: InboundCheckpoint = cp;
    let stats = ctx.stats;
    await applyInbound(
      {
        store: ctx.store,
        mapping: ctx.mapping,
        runId: ctx.runId,
        newLocalId: ctx.newLocalId,
        onCommit: async (tx, page) => {
          after = { ...next, done: cp.done + records.length, maxModstamp, linkedSeen: (cp.linkedSeen ?? 0) + page.linkedSeen };
          await save(tx, after);
          stats = await saveStats(ctx, tx, inboundCounters(page));
        },
      },
      records,
    );
    cp = after;
    Object.assign(ctx.stats, stats);
    await guard(ctx, { phase: `${mode === 'full' ? 'loading' : 'applying changes'} from Salesforce (${cp.source})`, done: cp.done, total: cp.total ?? null });
  };

  if (!cp.read) {
    if (mode === 'full') await readFull(ctx, cp, apply, (next) => (cp = next));
    else await readIncremental(ctx, cp, apply, (next) => (cp = next));
    cp = { ...cp, read: true };
    await ctx.store.transaction((tx) => save(tx, cp));
  }
  if (mode === 'full') await deleteUnseen(ctx, cp);
  else if (ctx.mapping.mapping.deletes === 'getDeleted') await readDeleted(ctx, state?.deleted_watermark ? sfDateTime(state.deleted_watermark) : since!, apply, cp);
  await advanceWatermark(ctx.store, ctx.mapping.name, cp.maxModstamp ?? null);
  return mode;
}

type Apply = (records: InboundRecord[], next: Omit<InboundCheckpoint, 'done' | 'maxModstamp'>) => Promise<void>;

async function readFull(ctx: StepContext, start: InboundCheckpoint, apply: Apply, set: (cp: InboundCheckpoint) => void): Promise<void> {
  let cp = start;
  const soql = selectSoql(ctx, null, false);
  if (cp.total === undefined) {
    await guard(ctx, { phase: 'counting records in Salesforce', done: 0, total: null });
    const count = await ctx.client.query(`SELECT COUNT() FROM ${ctx.mapping.sObject}${ctx.mapping.mapping.where ? ` WHERE ${ctx.mapping.mapping.where}` : ''}`);
    cp = { ...cp, total: count.totalSize, source: count.totalSize >= ctx.tuning.bulkQueryThreshold ? 'bulk' : 'rest' };
    set(cp);
  }
  if (cp.source === 'bulk') await readBulk(ctx, cp, soql, false, apply, set);
  else await readRest(ctx, cp, soql, false, apply);
}

async function readIncremental(ctx: StepContext, start: InboundCheckpoint, apply: Apply, set: (cp: InboundCheckpoint) => void): Promise<void> {
  const all = (ctx.mapping.mapping.deletes ?? 'queryAll') === 'queryAll';
  const ordered = selectSoql(ctx, start.since ?? null, all) + ' ORDER BY SystemModstamp ASC, Id ASC';
  if (start.source === 'bulk') return readBulk(ctx, start, selectSoql(ctx, start.since ?? null, all), all, apply, set);
  if (start.nextRecordsUrl === undefined) {
    await guard(ctx, { phase: 'asking Salesforce for changes', done: 0, total: null });
    const first = await ctx.client.query(ordered, { all, batchSize: ctx.tuning.queryBatchSize });
    if (first.totalSize >= ctx.tuning.bulkQueryThreshold) {
      const cp: InboundCheckpoint = { ...start, source: 'bulk', total: first.totalSize };
      set(cp);
      return readBulk(ctx, cp, selectSoql(ctx, start.since ?? null, all), all, apply, set);
    }
    const cp: InboundCheckpoint = { ...start, total: first.totalSize };
    set(cp);
    await apply(recordsOf(ctx, first.records), { ...cp, nextRecordsUrl: first.nextRecordsUrl ?? null, read: !first.nextRecordsUrl });
    if (!first.nextRecordsUrl) return;
    return readRest(ctx, { ...cp, nextRecordsUrl: first.nextRecordsUrl }, ordered, all, apply);
  }
  return readRest(ctx, start, ordered, all, apply);
}

/** REST pages from the checkpointed locator (or the first page); a locator that expired restarts the query. */
async function readRest(ctx: StepContext, cp: InboundCheckpoint, soql: string, all: boolean, apply: Apply): Promise<void> {
  if (cp.nextRecordsUrl === null) return;
  let next: string | null | undefined = cp.nextRecordsUrl;
  for (;;) {
    let page: QueryPage;
    try {
      page = next ? await ctx.client.queryMore(next, { batchSize: ctx.tuning.queryBatchSize }) : await ctx.client.query(soql, { all, batchSize: ctx.tuning.queryBatchSize });
    } catch (error) {
      if (!(error instanceof SalesforceError) || error.errorCode !== 'INVALID_QUERY_LOCATOR' || !next) throw error;
      ctx.logger.warn({ mapping: ctx.mapping.name }, 'query locator expired; reading again from the start (applying is idempotent)');
      next = undefined;
      continue;
    }
    if (next === undefined || next === null) cp = { ...cp, total: cp.total ?? page.totalSize };
    next = page.nextRecordsUrl ?? null;
    await apply(recordsOf(ctx, page.records), { ...cp, nextRecordsUrl: next, read: !next });
    if (!next) return;
  }
}

/** Bulk API 2.0 query (or queryAll): one job, results read a page at a time from the checkpointed locator. */
async function readBulk(ctx: StepContext, start: InboundCheckpoint, soql: string, all: boolean, apply: Apply, set: (cp: InboundCheckpoint) => void): Promise<void> {
  const bulk = new BulkClient(ctx.client);
  let cp = start;
  if (!cp.bulkJobId) {
    const job = await bulk.createQueryJob(soql, { all });
    cp = { ...cp, source: 'bulk', bulkJobId: job.id, locator: null };
    set(cp);
    await ctx.store.transaction((tx) => saveCheckpoint(tx, ctx.mapping.name, { jobId: ctx.runId, step: 'inbound', inbound: cp }));
  }
  await guard(ctx, { phase: `Salesforce is preparing the results (Bulk API 2.0 job ${cp.bulkJobId})`, done: cp.done, total: cp.total ?? null });
  await bulk.waitFor('query', cp.bulkJobId!, { pollMs: ctx.tuning.bulkPollMs, timeoutMs: ctx.tuning.bulkTimeoutMs, signal: ctx.signal });
  let locator = cp.locator ?? null;
  let first = !locator;
  while (first || locator) {
    const page = await bulk.queryResults(cp.bulkJobId!, { locator, maxRecords: ctx.tuning.bulkPageSize });
    first = false;
    locator = page.locator;
    await apply(recordsOf(ctx, page.rows), { ...cp, locator: locator ?? null, read: !locator });
    if (!locator) return;
    cp = { ...cp, locator };
  }
}

/**
 * `getDeleted` from where the last window ended: deleted records as synthetic deleted records. Salesforce reports a
 * deletion once its minute has passed, and the next window starts at `latestDateCovered`, so none is missed or seen
 * twice.
 */
async function readDeleted(ctx: StepContext, since: string, apply: Apply, cp: InboundCheckpoint): Promise<void> {
  const start = new Date(since);
  const end = new Date();
  if (end.getTime() - start.getTime() < 60_000) return; // Salesforce wants windows longer than a minute
  const result = await ctx.client.getDeleted(ctx.mapping.sObject, start, end);
  const records: InboundRecord[] = result.deletedRecords.map((d) => ({ sfId: d.id, modstamp: null, modifiedAt: d.deletedDate, deleted: true, externalId: null, values: {} }));
  for (let i = 0; i < records.length; i += 2_000) await apply(records.slice(i, i + 2_000), { ...cp, read: true });
  await saveDeletedWatermark(ctx.store, ctx.mapping.name, result.latestDateCovered);
}

/**
 * After a full load: when fewer linked records were seen than there are links, some records were deleted in
 * Salesforce (and purged from the recycle bin, or queryAll would have shown them). Every Id in scope is read (Ids
 * only) and the links Salesforce no longer has are deleted locally.
 */
async function deleteUnseen(ctx: StepContext, cp: InboundCheckpoint): Promise<void> {
  const links = await countLinks(ctx.store, ctx.mapping.name);
  const seen = cp.linkedSeen ?? 0;
  if (links <= seen) return;
  await guard(ctx, { phase: `looking for ${links - seen} records deleted in Salesforce`, done: cp.done, total: cp.total ?? null });
  const present = await allIds(ctx, cp.total ?? 0);
  const gone: string[] = [];
  for (let after = ''; ; ) {
    const chunk = await linkedSfIds(ctx.store, ctx.mapping.name, after, 5_000);
    if (chunk.length === 0) break;
    for (const id of chunk) if (!present.has(id)) gone.push(id);
    after = chunk[chunk.length - 1]!;
  }
  for (let i = 0; i < gone.length; i += 1_000) {
    const records: InboundRecord[] = gone.slice(i, i + 1_000).map((sfId) => ({ sfId, modstamp: null, modifiedAt: null, deleted: true, externalId: null, values: {} }));
    const stats = await applyInbound({ store: ctx.store, mapping: ctx.mapping, runId: ctx.runId, newLocalId: ctx.newLocalId }, records);
    addStats(ctx.stats, inboundCounters(stats));
  }
}

/** Every Id in the mapping's scope: REST pages, or a Bulk API 2.0 job for large objects. */
async function allIds(ctx: StepContext, total: number): Promise<Set<string>> {
  const soql = `SELECT Id FROM ${ctx.mapping.sObject}${ctx.mapping.mapping.where ? ` WHERE ${ctx.mapping.mapping.where}` : ''}`;
  const ids = new Set<string>();
  if (total >= ctx.tuning.bulkQueryThreshold) {
    const bulk = new BulkClient(ctx.client);
    const job = await bulk.createQueryJob(soql);
    await bulk.waitFor('query', job.id, { pollMs: ctx.tuning.bulkPollMs, timeoutMs: ctx.tuning.bulkTimeoutMs, signal: ctx.signal });
    let locator: string | null = null;
    do {
      const page = await bulk.queryResults(job.id, { locator, maxRecords: 100_000 });
      for (const row of page.rows) if (row.Id) ids.add(row.Id);
      locator = page.locator;
    } while (locator);
    return ids;
  }
  let page: QueryPage = await ctx.client.query(soql, { batchSize: 2_000 });
  for (;;) {
    for (const record of page.records) if (record.Id) ids.add(record.Id);
    if (!page.nextRecordsUrl) return ids;
    page = await ctx.client.queryMore(page.nextRecordsUrl);
  }
}

function selectSoql(ctx: StepContext, since: string | null, includeDeleted: boolean): string {
  const fields = includeDeleted ? [...ctx.mapping.selectFields, 'IsDeleted'] : ctx.mapping.selectFields;
  const conditions = [since ? `SystemModstamp >= ${since}` : null, ctx.mapping.mapping.where ? `(${ctx.mapping.mapping.where})` : null].filter(Boolean);
  return `SELECT ${fields.join(', ')} FROM ${ctx.mapping.sObject}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
}

function recordsOf(ctx: StepContext, raw: readonly (SfRecord | Record<string, string>)[]): InboundRecord[] {
  return raw.map((record) => readRecord(ctx.mapping, record));
}

export function inboundCounters(stats: InboundStats): Record<string, number> {
  return { inserted: stats.inserted, updated: stats.updated, deleted: stats.deleted, unchanged: stats.unchanged, conflicts: stats.conflicts, merged: stats.merged, held: stats.held, failed: stats.failed };
}
