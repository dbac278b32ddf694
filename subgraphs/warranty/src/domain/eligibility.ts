import { divideHalfUp, fromCents, HUNDRED_PERCENT, mustCents, parseScaled } from '@l2c/shared';
import type { CoverageCategory, ExclusionFact } from './coverage.ts';

/**
 * Whether a claim's lines are covered, line by line, on the failure date and at the mileage of the claim. A line is
 * covered by the warranty that pays the largest share of its category (parts, labor, expenses); when none covers it,
 * every warranty's reason is named: expired by time or by mileage, voided, excluded, not covered, not started yet.
 * Before coverage, each line is held to the book: labor to the hours the fault's repair takes (or the operation's
 * standard hours) and the operation's rate, expenses to their code's limit. What is over the book is not covered
 * (OVER_LIMIT); labor that is not a repair of the line's fault is not covered at all.
 */

export type ChargeType = 'PART' | 'LABOR' | 'EXPENSE';
export type Eligibility = 'ELIGIBLE' | 'OVER_LIMIT' | 'INELIGIBLE';
export type ReasonCode =
  | 'NO_WARRANTY'
  | 'NOT_STARTED'
  | 'EXPIRED_BY_TIME'
  | 'EXPIRED_BY_MILEAGE'
  | 'VOIDED'
  | 'EXCLUDED'
  | 'NOT_COVERED'
  | 'OVER_LIMIT'
  | 'LABOR_NOT_FOR_FAULT'
  | 'UNKNOWN_CODE';

export interface Reason {
  code: ReasonCode;
  message: string;
  /** The warranty the reason is about, when it is about one. */
  assetWarrantyId: string | null;
}

/** A warranty of the asset, as eligibility reads it (money and percentages as exact decimal text). */
export interface WarrantyOnAsset {
  id: string;
  number: string;
  type: 'STANDARD' | 'EXTENDED' | 'SUPPLIER';
  startDate: string;
  partsEndDate: string;
  laborEndDate: string;
  expensesEndDate: string;
  mileageLimit: number | null;
  partsPercent: string;
  laborPercent: string;
  expensesPercent: string;
  deductible: string;
  voidDate: string | null;
  voidCondition: string | null;
  voidReason: string | null;
  /** The term's exclusions and the warranty's own. */
  exclusions: readonly ExclusionFact[];
}

export interface ClaimLineFacts {
  lineNumber: number;
  chargeType: ChargeType;
  /** A part's product code, or a labor or expense code. */
  code: string;
  /** The fault the line repairs. */
  faultCode: string | null;
  /** Pieces, hours, or 1 for an expense; up to 2 decimals. */
  quantity: string;
  /** Price a piece, rate an hour, or the expense amount. */
  unitPrice: string;
}

/** The book: labor operations' hours and rates, expense limits, and which operations repair which fault. */
export interface CodeBook {
  labor: ReadonlyMap<string, { standardHours: string | null; rate: string | null }>;
  expense: ReadonlyMap<string, { limitAmount: string | null }>;
  /** Fault code → labor code → hours the repair takes (a fault without entries has no repairs on the book). */
  faultLabor: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export interface ClaimFacts {
  failureDate: string;
  mileage: number;
}

export interface CheckedLine {
  lineNumber: number;
  chargeType: ChargeType;
  code: string;
  faultCode: string | null;
  eligibility: Eligibility;
  reasons: Reason[];
  claimedCents: bigint;
  /** The claimed amount within the book's limits. */
  allowedCents: bigint;
  /** Hundredths of a percent (10000 = 100 %); 0 when not covered. */
  coveredPercent: bigint;
  coveredCents: bigint;
  assetWarrantyId: string | null;
}

export interface CheckedClaim {
  lines: CheckedLine[];
  claimedCents: bigint;
  coveredCents: bigint;
  /** The deductible of the warranty that pays most of the claim; 0 when nothing is covered. */
  deductibleCents: bigint;
  /** Covered less the deductible, never below zero. */
  payableCents: bigint;
}

export const CATEGORY_OF: Record<ChargeType, CoverageCategory> = { PART: 'PARTS', LABOR: 'LABOR', EXPENSE: 'EXPENSES' };

/** Checks every line of a claim against the asset's warranties. */
export function checkClaim(lines: readonly ClaimLineFacts[], facts: ClaimFacts, warranties: readonly WarrantyOnAsset[], book: CodeBook): CheckedClaim {
  const checked = lines.map((line) => checkLine(line, facts, warranties, book));
  const claimedCents = sum(checked.map((l) => l.claimedCents));
  const coveredCents = sum(checked.map((l) => l.coveredCents));
  const paying = new Map<string, bigint>();
  for (const line of checked) if (line.assetWarrantyId && line.coveredCents > 0n) paying.set(line.assetWarrantyId, (paying.get(line.assetWarrantyId) ?? 0n) + line.coveredCents);
  const main = [...paying].sort((a, b) => (a[1] === b[1] ? 0 : a[1] > b[1] ? -1 : 1))[0];
  const deductibleCents = main ? mustCents(warranties.find((w) => w.id === main[0])!.deductible) : 0n;
  const payableCents = coveredCents > deductibleCents ? coveredCents - deductibleCents : 0n;
  return { lines: checked, claimedCents, coveredCents, deductibleCents, payableCents };
}

/** The amount of a line: quantity × unit price, rounded half-up to the cent. */
export function lineAmountCents(quantity: string, unitPrice: string): bigint {
  return divideHalfUp(mustScaled(quantity, 2) * mustCents(unitPrice), 100n);
}

export function checkLine(line: ClaimLineFacts, facts: ClaimFacts, warranties: readonly WarrantyOnAsset[], book: CodeBook): CheckedLine {
  const claimedCents = lineAmountCents(line.quantity, line.unitPrice);
  const base = { lineNumber: line.lineNumber, chargeType: line.chargeType, code: line.code, faultCode: line.faultCode, claimedCents };
  const limits = heldToTheBook(line, claimedCents, book);
  if (limits.refused) return { ...base, eligibility: 'INELIGIBLE', reasons: [limits.refused], allowedCents: 0n, coveredPercent: 0n, coveredCents: 0n, assetWarrantyId: null };
  if (warranties.length === 0) {
    const reason: Reason = { code: 'NO_WARRANTY', message: 'the asset has no warranty registered', assetWarrantyId: null };
    return { ...base, eligibility: 'INELIGIBLE', reasons: [reason], allowedCents: limits.allowedCents, coveredPercent: 0n, coveredCents: 0n, assetWarrantyId: null };
  }
  const verdicts = warranties.map((warranty) => ({ warranty, ...verdict(line, facts, warranty) }));
  const covering = verdicts
    .filter((v): v is typeof v & { percent: bigint } => v.percent !== null)
    .sort((a, b) => (a.percent === b.percent ? a.warranty.startDate.localeCompare(b.warranty.startDate) : a.percent > b.percent ? -1 : 1))[0];
  if (!covering) {
    return { ...base, eligibility: 'INELIGIBLE', reasons: verdicts.map((v) => v.reason!), allowedCents: limits.allowedCents, coveredPercent: 0n, coveredCents: 0n, assetWarrantyId: null };
  }
  const coveredCents = divideHalfUp(limits.allowedCents * covering.percent, HUNDRED_PERCENT);
  return {
    ...base,
    eligibility: limits.overLimit.length > 0 ? 'OVER_LIMIT' : 'ELIGIBLE',
    reasons: limits.overLimit,
    allowedCents: limits.allowedCents,
    coveredPercent: covering.percent,
    coveredCents,
    assetWarrantyId: covering.warranty.id,
  };
}

/** What the book allows of a line, and why it allows less (or nothing). */
function heldToTheBook(line: ClaimLineFacts, claimedCents: bigint, book: CodeBook): { allowedCents: bigint; overLimit: Reason[]; refused?: Reason } {
  const overLimit: Reason[] = [];
  const over = (message: string) => overLimit.push({ code: 'OVER_LIMIT', message, assetWarrantyId: null });
  if (line.chargeType === 'LABOR') {
    const operation = book.labor.get(line.code);
    if (!operation) return { allowedCents: 0n, overLimit, refused: { code: 'UNKNOWN_CODE', message: `labor operation ${line.code} is not in the book`, assetWarrantyId: null } };
    const repairs = line.faultCode ? book.faultLabor.get(line.faultCode) : undefined;
    if (repairs && repairs.size > 0 && !repairs.has(line.code)) {
      const known = [...repairs.keys()].sort().join(', ');
      return { allowedCents: 0n, overLimit, refused: { code: 'LABOR_NOT_FOR_FAULT', message: `labor operation ${line.code} is not a repair of fault ${line.faultCode} (its repairs: ${known})`, assetWarrantyId: null } };
    }
    const bookHours = repairs?.get(line.code) ?? operation.standardHours;
    let hours = mustScaled(line.quantity, 2);
    let rate = mustCents(line.unitPrice);
    if (bookHours !== null && hours > mustScaled(bookHours, 2)) {
      over(`${line.quantity} h claimed for ${line.code}; the book allows ${bookHours} h${repairs?.has(line.code) ? ` for fault ${line.faultCode}` : ''}`);
      hours = mustScaled(bookHours, 2);
    }
    if (operation.rate !== null && rate > mustCents(operation.rate)) {
      over(`rate ${line.unitPrice} claimed for ${line.code}; the book pays ${operation.rate} an hour`);
      rate = mustCents(operation.rate);
    }
    return { allowedCents: divideHalfUp(hours * rate, 100n), overLimit };
  }
  if (line.chargeType === 'EXPENSE') {
    const expense = book.expense.get(line.code);
    if (!expense) return { allowedCents: 0n, overLimit, refused: { code: 'UNKNOWN_CODE', message: `expense code ${line.code} is not in the book`, assetWarrantyId: null } };
    if (expense.limitAmount !== null && claimedCents > mustCents(expense.limitAmount)) {
      over(`${fromCents(claimedCents)} claimed for ${line.code}; its limit is ${expense.limitAmount}`);
      return { allowedCents: mustCents(expense.limitAmount), overLimit };
    }
  }
  return { allowedCents: claimedCents, overLimit };
}

/** One warranty's answer for a line: the share it covers, or why it covers nothing. */
function verdict(line: ClaimLineFacts, facts: ClaimFacts, w: WarrantyOnAsset): { percent: bigint | null; reason?: Reason } {
  const no = (code: ReasonCode, message: string) => ({ percent: null, reason: { code, message: `${w.number}: ${message}`, assetWarrantyId: w.id } });
  const category = CATEGORY_OF[line.chargeType];
  if (w.voidDate !== null && facts.failureDate >= w.voidDate) {
    return no('VOIDED', `void from ${w.voidDate} (${describeVoid(w)}); the failure was on ${facts.failureDate}`);
  }
  if (facts.failureDate < w.startDate) return no('NOT_STARTED', `starts on ${w.startDate}; the failure was on ${facts.failureDate}`);
  const end = category === 'PARTS' ? w.partsEndDate : category === 'LABOR' ? w.laborEndDate : w.expensesEndDate;
  if (facts.failureDate > end) return no('EXPIRED_BY_TIME', `covered ${category.toLowerCase()} until ${end}; the failure was on ${facts.failureDate}`);
  if (w.mileageLimit !== null && facts.mileage > w.mileageLimit) {
    return no('EXPIRED_BY_MILEAGE', `covers up to ${grouped(w.mileageLimit)} of mileage; the vehicle had ${grouped(facts.mileage)}`);
  }
  const excluded = w.exclusions.find((e) => (e.kind === 'FAULT' && e.code === line.faultCode) || (e.kind === line.chargeType && e.code === line.code));
  if (excluded) return no('EXCLUDED', `${excluded.kind.toLowerCase()} ${excluded.code} is excluded (${excluded.reason})`);
  const percent = mustScaled(category === 'PARTS' ? w.partsPercent : category === 'LABOR' ? w.laborPercent : w.expensesPercent, 2);
  if (percent === 0n) return no('NOT_COVERED', `does not cover ${category.toLowerCase()}`);
  return { percent };
}

function describeVoid(w: WarrantyOnAsset): string {
  const condition = (w.voidCondition ?? 'OTHER').toLowerCase().replaceAll('_', ' ');
  return w.voidReason ? `${condition}: ${w.voidReason}` : condition;
}

function mustScaled(text: string, scale: number): bigint {
  const value = parseScaled(text, scale);
  if (value === null) throw new RangeError(`not a decimal with at most ${scale} places: ${JSON.stringify(text)}`);
  return value;
}

function sum(values: readonly bigint[]): bigint {
  return values.reduce((a, b) => a + b, 0n);
}

function grouped(n: number): string {
  return n.toLocaleString('en-US');
}
