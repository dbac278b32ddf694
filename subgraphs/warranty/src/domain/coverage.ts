import { addDays, addMonths, termEnd } from '@l2c/shared';

/**
 * A warranty's coverage in time and distance. An asset warranty takes its term's coverage when it is registered and
 * keeps it (a term changed later does not change warranties already given); extensions add months to every category
 * and mileage to the limit. A term of N months starting on a day covers up to the day before the same day N months
 * later.
 */

export type CoverageCategory = 'PARTS' | 'LABOR' | 'EXPENSES';
export const CATEGORIES: readonly CoverageCategory[] = ['PARTS', 'LABOR', 'EXPENSES'];

/** What a term promises, as the store holds it (percentages and money as exact decimal text). */
export interface TermCoverage {
  months: number;
  mileageLimit: number | null;
  effectiveStart: 'PURCHASE_DATE' | 'INSTALL_DATE';
  partsPercent: string;
  laborPercent: string;
  expensesPercent: string;
  /** A category's own months; null: the term's. */
  partsMonths: number | null;
  laborMonths: number | null;
  expensesMonths: number | null;
}

/** The dates and limit an asset warranty covers. */
export interface CoverageDates {
  startDate: string;
  /** The latest of the categories' end dates. */
  endDate: string;
  partsEndDate: string;
  laborEndDate: string;
  expensesEndDate: string;
  mileageLimit: number | null;
}

/** The day a term's coverage starts for an asset: its purchase or install date, as the term says; null when unknown. */
export function coverageStart(term: Pick<TermCoverage, 'effectiveStart'>, asset: { purchaseDate: string | null; installDate: string | null }): string | null {
  return term.effectiveStart === 'INSTALL_DATE' ? (asset.installDate ?? asset.purchaseDate) : (asset.purchaseDate ?? asset.installDate);
}

/** The coverage a term gives from `startDate`. */
export function coverageFrom(term: TermCoverage, startDate: string): CoverageDates {
  const partsEndDate = termEnd(startDate, term.partsMonths ?? term.months);
  const laborEndDate = termEnd(startDate, term.laborMonths ?? term.months);
  const expensesEndDate = termEnd(startDate, term.expensesMonths ?? term.months);
  return { startDate, endDate: latest(partsEndDate, laborEndDate, expensesEndDate), partsEndDate, laborEndDate, expensesEndDate, mileageLimit: term.mileageLimit };
}

/** Coverage extended by `months` (every category) and `mileage` (an unlimited mileage stays unlimited). */
export function extendCoverage(dates: CoverageDates, months: number, mileage: number): CoverageDates {
  const later = (end: string) => (months === 0 ? end : addDays(addMonths(addDays(end, 1), months), -1));
  const partsEndDate = later(dates.partsEndDate);
  const laborEndDate = later(dates.laborEndDate);
  const expensesEndDate = later(dates.expensesEndDate);
  return {
    startDate: dates.startDate,
    endDate: latest(partsEndDate, laborEndDate, expensesEndDate),
    partsEndDate,
    laborEndDate,
    expensesEndDate,
    mileageLimit: dates.mileageLimit === null ? null : dates.mileageLimit + mileage,
  };
}

/** A warranty's status on a day: void from its void date, expired after its last covered day. */
export function warrantyStatusOn(warranty: { endDate: string; voidDate: string | null }, day: string): 'ACTIVE' | 'EXPIRED' | 'VOID' {
  if (warranty.voidDate !== null && day >= warranty.voidDate) return 'VOID';
  return day > warranty.endDate ? 'EXPIRED' : 'ACTIVE';
}

export interface ExclusionFact {
  kind: 'PART' | 'FAULT' | 'LABOR' | 'EXPENSE';
  code: string;
  reason: string;
}

/** Exclusions in words, for Salesforce's `Exclusions` text field: `PART BRK-PAD (wear part); FAULT P0300 (…)`. */
export function exclusionsSummary(exclusions: readonly ExclusionFact[]): string | null {
  if (exclusions.length === 0) return null;
  return [...exclusions]
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.code.localeCompare(b.code))
    .map((e) => `${e.kind} ${e.code} (${e.reason})`)
    .join('; ');
}

function latest(...dates: string[]): string {
  return dates.reduce((a, b) => (a > b ? a : b));
}
