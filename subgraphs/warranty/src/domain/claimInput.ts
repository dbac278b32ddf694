import { badInput, dateValue, decimalValue, intValue, optionalText, requiredText } from '@l2c/shared';
import type { ChargeType, ClaimLineFacts } from './eligibility.ts';

/** A claim's facts as a dealer gives them, checked and normalised: codes upper-case, defaults filled in. */
export interface ClaimFactsInput {
  assetId: string;
  type: 'WARRANTY_CLAIM' | 'PRE_WARRANTY_AUTHORIZATION';
  failureDate: string;
  repairDate: string | null;
  mileage: number;
  description: string | null;
  faultCodes: string[];
  lines: ClaimLineFacts[];
}

export interface RawClaimInput {
  assetId: string;
  type?: 'WARRANTY_CLAIM' | 'PRE_WARRANTY_AUTHORIZATION' | null;
  failureDate: string;
  repairDate?: string | null;
  mileage: number;
  description?: string | null;
  faultCodes: readonly string[];
  lines: readonly {
    chargeType: ChargeType;
    code: string;
    faultCode?: string | null;
    description?: string | null;
    quantity?: string | null;
    unitPrice?: string | null;
  }[];
}

/** What the input is checked against: the active codes, and the labor rates that fill in a missing rate. */
export interface CodeCatalogue {
  faults: ReadonlySet<string>;
  labor: ReadonlyMap<string, { rate: string | null }>;
  expenses: ReadonlySet<string>;
}

const CODE = /^[A-Z0-9][A-Z0-9._/-]{0,39}$/;
const MAX_LINES = 100;

/** Checks a claim's input; the first rule broken is refused with the field (`input.lines[2].quantity`) named. */
export function claimFactsFrom(input: RawClaimInput, catalogue: CodeCatalogue, today: string): ClaimFactsInput {
  const assetId = requiredText('input.assetId', input.assetId, 64);
  const failureDate = dateValue('input.failureDate', input.failureDate);
  if (failureDate > today) throw badInput('input.failureDate', input.failureDate, `must not be after today (${today})`);
  const repairDate = input.repairDate == null ? null : dateValue('input.repairDate', input.repairDate);
  if (repairDate !== null && repairDate < failureDate) throw badInput('input.repairDate', input.repairDate, `must not be before the failure date ${failureDate}`);
  if (repairDate !== null && repairDate > today) throw badInput('input.repairDate', input.repairDate, `must not be after today (${today})`);
  const mileage = intValue('input.mileage', input.mileage, 0, 2_000_000);
  if (input.faultCodes.length === 0) throw badInput('input.faultCodes', input.faultCodes, 'must name at least one fault code');
  const faultCodes = input.faultCodes.map((raw, i) => {
    const code = normalCode(`input.faultCodes[${i}]`, raw);
    if (!catalogue.faults.has(code)) throw badInput(`input.faultCodes[${i}]`, raw, 'must be an active fault code');
    return code;
  });
  const duplicate = faultCodes.find((code, i) => faultCodes.indexOf(code) !== i);
  if (duplicate) throw badInput('input.faultCodes', input.faultCodes, `names fault ${duplicate} twice`);
  if (input.lines.length === 0) throw badInput('input.lines', input.lines, 'must have at least one line');
  if (input.lines.length > MAX_LINES) throw badInput('input.lines', `${input.lines.length} lines`, `must have at most ${MAX_LINES} lines`);
  const lines = input.lines.map((line, i): ClaimLineFacts => {
    const field = `input.lines[${i}]`;
    const code = normalCode(`${field}.code`, line.code);
    const faultCode = line.faultCode == null || line.faultCode.trim() === '' ? faultCodes[0]! : normalCode(`${field}.faultCode`, line.faultCode);
    if (!faultCodes.includes(faultCode)) throw badInput(`${field}.faultCode`, line.faultCode, `must be one of the claim's fault codes (${faultCodes.join(', ')})`);
    let quantity = line.quantity == null ? null : decimalValue(`${field}.quantity`, line.quantity, { scale: 2, min: 0.01, max: 99_999 });
    let unitPrice = line.unitPrice == null ? null : decimalValue(`${field}.unitPrice`, line.unitPrice, { scale: 2, min: 0, max: 10_000_000 });
    if (line.chargeType === 'LABOR') {
      const operation = catalogue.labor.get(code);
      if (!operation) throw badInput(`${field}.code`, line.code, 'must be an active labor operation code');
      if (quantity === null) throw badInput(`${field}.quantity`, null, 'labor needs the hours worked');
      unitPrice ??= operation.rate;
      if (unitPrice === null) throw badInput(`${field}.unitPrice`, null, `labor operation ${code} has no rate on the book: give the rate an hour`);
    } else if (line.chargeType === 'EXPENSE') {
      if (!catalogue.expenses.has(code)) throw badInput(`${field}.code`, line.code, 'must be an active expense code');
      quantity ??= '1';
      if (unitPrice === null) throw badInput(`${field}.unitPrice`, null, 'an expense needs its amount');
    } else {
      if (quantity === null) throw badInput(`${field}.quantity`, null, 'a part needs the number of pieces');
      if (unitPrice === null) throw badInput(`${field}.unitPrice`, null, 'a part needs its price a piece');
    }
    return { lineNumber: i + 1, chargeType: line.chargeType, code, faultCode, quantity, unitPrice };
  });
  return {
    assetId,
    type: input.type ?? 'WARRANTY_CLAIM',
    failureDate,
    repairDate,
    mileage,
    description: optionalText('input.description', input.description ?? null, 2000) ?? null,
    faultCodes,
    lines,
  };
}

/** Line descriptions, in line order, checked. */
export function lineDescriptions(input: RawClaimInput): (string | null)[] {
  return input.lines.map((line, i) => optionalText(`input.lines[${i}].description`, line.description ?? null, 500) ?? null);
}

function normalCode(field: string, raw: string): string {
  const code = raw.trim().toUpperCase();
  if (!CODE.test(code)) throw badInput(field, raw, 'must be a code of letters, digits and . _ / - (at most 40 characters)');
  return code;
}
