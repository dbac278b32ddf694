/**
 * The three result files of an ingest job, in Salesforce's layout: `"sf__Id","sf__Created",<uploaded header>` for
 * successful rows, `"sf__Id","sf__Error",<uploaded header>` for failed ones, and the uploaded header alone for
 * unprocessed ones; every value quoted, in the job's delimiter and line ending. Produced line by line.
 */
import { ResultCsv } from '../csv/jobCsv.ts';
import type { IngestJob, IngestResults } from './IngestJob.ts';

export type IngestResultKind = 'successfulResults' | 'failedResults' | 'unprocessedrecords';

export function* ingestResultLines(job: IngestJob, kind: IngestResultKind): Generator<string> {
  const csv = new ResultCsv(job.spec);
  const results = resultsOf(job);
  const header = results?.header ?? [];
  const prefix = kind === 'successfulResults' ? ['sf__Id', 'sf__Created'] : kind === 'failedResults' ? ['sf__Id', 'sf__Error'] : [];
  if (prefix.length + header.length === 0) return;
  yield csv.header(prefix, header);
  if (!results) return;
  const rows: string[][] =
    kind === 'successfulResults'
      ? results.successful.map((row) => [row.id, String(row.created), ...row.values])
      : kind === 'failedResults'
        ? results.failed.map((row) => [row.id, row.error, ...row.values])
        : results.unprocessed.map((values) => [...values]);
  for (let start = 0; start < rows.length; start += SLICE) yield csv.lines(rows.slice(start, start + SLICE));
}

/** Rows per piece of the response. */
const SLICE = 1000;

function resultsOf(job: IngestJob): IngestResults | null {
  const phase = job.phase;
  return 'results' in phase ? phase.results : null;
}
