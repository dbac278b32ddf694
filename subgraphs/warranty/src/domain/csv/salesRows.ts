import type { HeaderMap } from './header.ts';
import { RowReader, type RowResult } from './fields.ts';

/** One vehicle sale as a row of a rebate claims file, checked. */
export interface RebateClaimRow {
  externalId: string;
  vin: string;
  saleDate: string;
  saleType: 'CASH' | 'LEASE' | 'LOAN';
  salePrice: string;
  deliveryMileage: number;
  deliveryStatus: 'DELIVERED' | 'PENDING_DELIVERY' | 'CANCELLED';
  productCode: string;
  programCode: string | null;
  tradingDealerCode: string | null;
}

/** One parts or accessories sale as a row of a transaction journals file, checked. */
export interface TransactionJournalRow {
  externalId: string;
  journalDate: string;
  invoiceDate: string | null;
  productCode: string;
  quantity: number;
  amount: string;
  vin: string | null;
  supplyingDealerCode: string | null;
  programCode: string | null;
}

export function readRebateClaimRow(header: HeaderMap, cells: readonly string[], today: string): RowResult<RebateClaimRow> {
  const r = new RowReader(header, cells);
  const row = {
    externalId: r.id('external_id'),
    vin: r.vin('vin', true),
    saleDate: r.date('sale_date', { required: true, notAfter: today }),
    saleType: r.oneOf('sale_type', ['CASH', 'LEASE', 'LOAN'] as const),
    salePrice: r.money('sale_price', { min: 0.01, max: 10_000_000 }),
    deliveryMileage: r.integer('delivery_mileage', { min: 0, max: 1_000_000 }),
    deliveryStatus: r.oneOf('delivery_status', ['DELIVERED', 'PENDING_DELIVERY', 'CANCELLED'] as const),
    productCode: r.code('product_code', true),
    programCode: r.code('program_code', false),
    tradingDealerCode: r.code('trading_dealer_code', false),
  };
  return r.errors.length ? { ok: false, errors: r.errors } : { ok: true, value: row as RebateClaimRow };
}

export function readTransactionJournalRow(header: HeaderMap, cells: readonly string[], today: string): RowResult<TransactionJournalRow> {
  const r = new RowReader(header, cells);
  const row = {
    externalId: r.id('external_id'),
    journalDate: r.date('journal_date', { required: true, notAfter: today }),
    invoiceDate: r.date('invoice_date', { required: false, notAfter: today }),
    productCode: r.code('product_code', true),
    quantity: r.integer('quantity', { min: 1, max: 100_000 }),
    amount: r.money('amount', { min: 0, max: 10_000_000 }),
    vin: r.vin('vin', false),
    supplyingDealerCode: r.code('supplying_dealer_code', false),
    programCode: r.code('program_code', false),
  };
  return r.errors.length ? { ok: false, errors: r.errors } : { ok: true, value: row as TransactionJournalRow };
}
