/**
 * The three result files of an ingest job, in Salesforce's layout: `"sf__Id","sf__Created",<uploaded header>` for
 * successful rows, `"sf__Id","sf__Error",<uploaded header>` for failed ones, and the uploaded header alone for
 * unprocessed ones; every value quoted, in the job's delimiter and line ending. Produced line by line.
 */
import { CsvLineWriter, headerName, quoted } from '../csv/csvWrite.ts';
import type { IngestJob, IngestResults } from './IngestJob.ts';

export type IngestResultKind = 'successfulResults' | 'failedResults' | 'unprocessedrecords';

export function* ingestResultLines(job: IngestJob, kind: IngestResultKind): Generator<string> {
  const writer = new CsvLineWriter(job.spec.columnDelimiter, job.spec.lineEnding);
  const results = resultsOf(job);
  const header = results?.header ?? null;
  const prefix = kind === 'successfulResults' ? ['sf__Id', 'sf__Created'] : kind === 'failedResults' ? ['sf__Id', 'sf__Error'] : [];
  const names = [...prefix.map(quoted), ...(header ?? []).map((name) => headerName(name, writer.delimiter))];
  if (names.length === 0) return;
  yield names.join(writer.delimiter) + writer.eol;
  if (!results) return;
  if (kind === 'successfulResults') {
    for (const row of results.successful) yield writer.line([row.id, String(row.created), ...row.values]);
  } else if (kind === 'failedResults') {
    for (const row of results.failed) yield writer.line([row.id, row.error, ...row.values]);
  } else {
    for (const values of results.unprocessed) yield writer.line(values);
  }
}

function resultsOf(job: IngestJob): IngestResults | null {
  const phase = job.phase;
  return 'results' in phase ? phase.results : null;
}
