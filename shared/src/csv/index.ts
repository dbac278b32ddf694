/** The graph's one CSV implementation (`csv-parse`, `csv-stringify`), for the sync's Bulk API client and the Salesforce emulator. */
export { CsvFormatError, CsvRecordReader, parseCsv, parseCsvRows, type CsvDialect, type LineEnding } from './read.ts';
export { csvLines, toCsv } from './write.ts';
