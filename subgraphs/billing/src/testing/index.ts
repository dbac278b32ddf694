/** What tests and benchmarks outside this package use of billing's internals. */
export * from './fixtures.ts';
export { recordPayment } from '../commands/payments.ts';
export { billingMappings } from '../salesforce/mappings.ts';
export type { InvoiceRunRow } from '../store/rows.ts';
export { insertRun, runsByIds } from '../store/runs.ts';
