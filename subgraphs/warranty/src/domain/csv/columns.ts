/**
 * The CSV layouts dealers upload: one per kind of sales report. Headers are matched without regard to case, spaces,
 * hyphens or underscores (`External ID` is `external_id`), and the Salesforce field names are accepted as aliases
 * (`AssetIdentificationNumber` for `vin`, `ExternalTransactionNumber` for `external_id`).
 */

export type CsvImportKind = 'REBATE_CLAIMS' | 'TRANSACTION_JOURNALS';

export interface ColumnSpec {
  name: string;
  required: boolean;
  description: string;
  aliases?: readonly string[];
}

export const REBATE_CLAIM_COLUMNS: readonly ColumnSpec[] = [
  { name: 'external_id', required: true, description: 'Your own id for the row, e.g. your deal number; uploading it again updates the claim', aliases: ['ExternalId'] },
  { name: 'vin', required: true, description: 'The vehicle identification number: 17 letters and digits, no I, O or Q', aliases: ['AssetIdentificationNumber'] },
  { name: 'sale_date', required: true, description: 'The day of the sale, YYYY-MM-DD', aliases: ['ClaimDate'] },
  { name: 'sale_type', required: true, description: 'CASH, LEASE or LOAN', aliases: ['AssetSaleType'] },
  { name: 'sale_price', required: true, description: 'The sale price, e.g. 41200.00 (a point for decimals, no thousands separator)', aliases: ['SalePricePerUnit'] },
  { name: 'delivery_mileage', required: true, description: 'The odometer at delivery, a whole number' },
  { name: 'delivery_status', required: true, description: 'DELIVERED, PENDING_DELIVERY or CANCELLED' },
  { name: 'product_code', required: true, description: 'The vehicle’s product code', aliases: ['ProductCode'] },
  { name: 'program_code', required: false, description: 'The incentive program claimed; empty: the program that pays', aliases: ['ProgramReferenceNumber'] },
  { name: 'trading_dealer_code', required: false, description: 'In a dealer trade: the dealer code of the dealer that supplied the vehicle', aliases: ['ParticipatingAccount'] },
];

export const TRANSACTION_JOURNAL_COLUMNS: readonly ColumnSpec[] = [
  { name: 'external_id', required: true, description: 'Your transaction number; uploading it again updates the journal', aliases: ['ExternalTransactionNumber'] },
  { name: 'journal_date', required: true, description: 'The day of the sale, YYYY-MM-DD', aliases: ['JournalDate', 'ActivityDate'] },
  { name: 'invoice_date', required: false, description: 'The invoice’s date, YYYY-MM-DD', aliases: ['InvoiceDate'] },
  { name: 'product_code', required: true, description: 'The part’s or accessory’s product code', aliases: ['ProductCode'] },
  { name: 'quantity', required: true, description: 'Pieces sold, a whole number from 1', aliases: ['Quantity'] },
  { name: 'amount', required: true, description: 'The sale’s total, e.g. 238.00 (a point for decimals, no thousands separator)', aliases: ['TransactionAmount'] },
  { name: 'vin', required: false, description: 'The vehicle the parts went into' },
  { name: 'supplying_dealer_code', required: false, description: 'When another dealer supplied the parts: its dealer code' },
  { name: 'program_code', required: false, description: 'The incentive program claimed; empty: the program that pays' },
];

export function columnsOf(kind: CsvImportKind): readonly ColumnSpec[] {
  return kind === 'REBATE_CLAIMS' ? REBATE_CLAIM_COLUMNS : TRANSACTION_JOURNAL_COLUMNS;
}

/** A header cell as it is compared: lower case, without spaces, hyphens and underscores. */
export function headerKey(cell: string): string {
  return cell.trim().toLowerCase().replace(/[\s_-]+/g, '');
}

/** The column a header cell names, or null. */
export function columnNamed(columns: readonly ColumnSpec[], cell: string): ColumnSpec | null {
  const key = headerKey(cell);
  return columns.find((c) => headerKey(c.name) === key || (c.aliases ?? []).some((a) => headerKey(a) === key)) ?? null;
}
