/** What tests outside this package use of the visits' internals. */
export * from './fixtures.ts';
export { recordIndicatorValues, startVisit } from '../commands/execution.ts';
export { cancelVisit, planVisit } from '../commands/visits.ts';
export { visitsMappings } from '../salesforce/mappings.ts';
export { resultsByVisitIds } from '../store/results.ts';
export type { TemplateRow, VisitRow } from '../store/rows.ts';
export { visitsByIds } from '../store/visits.ts';
