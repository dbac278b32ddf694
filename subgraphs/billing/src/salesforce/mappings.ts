/**
 * Billing ↔ Salesforce Billing (blng): which table mirrors which sObject, field by field. Billing is the master of
 * its invoices, lines, allocations and runs: they go out and are never changed from Salesforce, except an invoice's
 * due date (collections agree on later dates there). Payments flow both ways: one recorded in Salesforce comes in as
 * an unallocated payment (and is announced as received), ready to be allocated here.
 *
 * Our ids travel in `L2C_Id__c`. Accounts are CRM's: billing reads them from the org (inbound only, into
 * billing_accounts) to name invoices' and payments' master accounts; CRM pushes them with the same L2C_Id__c, so the
 * ids agree. Amounts Salesforce computes (an invoice's totals and balance, a payment's allocations) are roll-ups and
 * formulas there, so they are never written: lines carry the amounts (blng__Subtotal__c). Order products are CPQ's;
 * a line's link to its order product stays local until OrderItem is mirrored.
 */
import { convert, defineMapping, type FieldConverter, type SyncMapping } from '@l2c/shared';
import { recordInboundPayments } from './inboundEvents.ts';
import { allocationType, billingFrequency, chargeType, invoiceStatus, paymentMethod, paymentStatus, runStatus } from './values.ts';

const EXTERNAL_ID = 'L2C_Id__c';

/** An invoice's posting time as Salesforce Billing's posted date (a date field, in UTC). */
const postedDate: FieldConverter = {
  ...convert.date(),
  toSalesforce: (local) => (local instanceof Date ? local.toISOString().slice(0, 10) : convert.date().toSalesforce(local)),
};
const outbound = 'outbound' as const;

export const accountMapping = defineMapping({
  name: 'Account',
  sObject: 'Account',
  table: 'billing_accounts',
  externalId: EXTERNAL_ID,
  direction: 'inbound',
  conflictPolicy: 'salesforce_wins',
  touchColumn: 'updated_at',
  fields: [
    { sf: 'Name', column: 'name' },
    { sf: 'AccountNumber', column: 'account_number' },
  ],
});

export const invoiceRunMapping = defineMapping({
  name: 'blng__InvoiceRun__c',
  sObject: 'blng__InvoiceRun__c',
  table: 'invoice_runs',
  externalId: EXTERNAL_ID,
  direction: 'outbound',
  conflictPolicy: 'local_wins',
  fields: [
    { sf: 'Name', column: 'number' },
    { sf: 'blng__Status__c', column: 'status', convert: runStatus },
    { sf: 'blng__TargetDate__c', column: 'target_date' },
    { sf: 'blng__InvoiceDate__c', column: 'invoice_date' },
  ],
});

export const invoiceMapping = defineMapping({
  name: 'blng__Invoice__c',
  sObject: 'blng__Invoice__c',
  table: 'invoices',
  externalId: EXTERNAL_ID,
  direction: 'both',
  conflictPolicy: 'local_wins',
  touchColumn: 'updated_at',
  // Only invoices born here are mirrored: Salesforce's own invoice runs are not ours to import.
  where: `${EXTERNAL_ID} != null`,
  fields: [
    { sf: 'blng__Account__c', column: 'account_id', reference: 'Account', direction: outbound },
    { sf: 'blng__InvoiceStatus__c', column: 'status', convert: invoiceStatus, direction: outbound },
    { sf: 'blng__InvoiceDate__c', column: 'invoice_date', direction: outbound },
    { sf: 'blng__TargetDate__c', column: 'target_date', direction: outbound },
    { sf: 'blng__DueDate__c', column: 'due_date' },
    { sf: 'blng__InvoicePostedDate__c', column: 'posted_at', convert: postedDate, direction: outbound },
    { sf: 'blng__InvoiceRunCreatedBy__c', column: 'run_id', reference: 'blng__InvoiceRun__c', direction: outbound },
  ],
});

export const invoiceLineMapping = defineMapping({
  name: 'blng__InvoiceLine__c',
  sObject: 'blng__InvoiceLine__c',
  table: 'invoice_lines',
  externalId: EXTERNAL_ID,
  direction: 'outbound',
  conflictPolicy: 'local_wins',
  fields: [
    { sf: 'blng__Invoice__c', column: 'invoice_id', reference: 'blng__Invoice__c' },
    { sf: 'Name', column: 'product_name' },
    { sf: 'blng__StartDate__c', column: 'start_date' },
    { sf: 'blng__EndDate__c', column: 'end_date' },
    { sf: 'blng__Quantity__c', column: 'quantity' },
    { sf: 'blng__UnitPrice__c', column: 'unit_price' },
    { sf: 'blng__Subtotal__c', column: 'amount' },
    { sf: 'blng__ChargeType__c', column: 'charge_type', convert: chargeType },
    { sf: 'blng__BillingFrequency__c', column: 'frequency', convert: billingFrequency },
  ],
});

/** Payments: both ways. `currency` is the one billing bills in, given to payments that come from Salesforce. */
export function paymentMapping(currency: string): SyncMapping {
  return defineMapping({
    name: 'blng__Payment__c',
    sObject: 'blng__Payment__c',
    table: 'payments',
    externalId: EXTERNAL_ID,
    direction: 'both',
    conflictPolicy: 'newest_wins',
    touchColumn: 'updated_at',
    insertDefaults: { currency },
    onInboundWrite: recordInboundPayments,
    fields: [
      { sf: 'blng__Account__c', column: 'account_id', reference: 'Account' },
      { sf: 'blng__Amount__c', column: 'amount' },
      { sf: 'blng__PaymentDate__c', column: 'payment_date' },
      { sf: 'blng__Status__c', column: 'status', convert: paymentStatus },
      { sf: 'blng__PaymentType__c', column: 'method', convert: paymentMethod },
      { sf: 'blng__Notes__c', column: 'reference' },
    ],
  });
}

export const allocationMapping = defineMapping({
  name: 'blng__PaymentAllocationInvoice__c',
  sObject: 'blng__PaymentAllocationInvoice__c',
  table: 'payment_allocations',
  externalId: EXTERNAL_ID,
  direction: 'outbound',
  conflictPolicy: 'local_wins',
  fields: [
    { sf: 'blng__Payment__c', column: 'payment_id', reference: 'blng__Payment__c' },
    { sf: 'blng__Invoice__c', column: 'invoice_id', reference: 'blng__Invoice__c' },
    { sf: 'blng__Amount__c', column: 'amount' },
    { sf: 'blng__Type__c', column: 'type', convert: allocationType },
  ],
});

/** Every billing mapping, for the engine (which orders them parents first). */
export function billingMappings(currency: string): SyncMapping[] {
  return [accountMapping, invoiceRunMapping, invoiceMapping, invoiceLineMapping, paymentMapping(currency), allocationMapping];
}

