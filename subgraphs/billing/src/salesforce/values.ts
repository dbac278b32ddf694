/** How billing's enums read in Salesforce Billing's picklists (see shared/salesforce-objects.md, 1c). */
import { convert } from '@l2c/shared';

/** blng__Invoice__c.blng__InvoiceStatus__c: ours are the four an invoice passes through here. */
export const invoiceStatus = convert.picklist({ DRAFT: 'Draft', POSTED: 'Posted', CANCELLED: 'Cancelled', REBILLED: 'Rebilled' });

export const chargeType = convert.picklist({ ONE_TIME: 'One-Time', RECURRING: 'Recurring', USAGE: 'Usage' });

/** A one-time charge is an invoice plan of one in Salesforce Billing. */
export const billingFrequency = convert.picklist({ MONTHLY: 'Monthly', QUARTERLY: 'Quarterly', SEMIANNUAL: 'Semiannual', ANNUAL: 'Annual', ONE_TIME: 'Invoice Plan' });

/** blng__Payment__c.blng__Status__c: a payment recorded in Salesforce as Draft or Failed is not money received; it reads as cancelled. */
export const paymentStatus = convert.picklist({ PROCESSED: 'Processed', CANCELLED: 'Cancelled' }, { inbound: { Draft: 'CANCELLED', Failed: 'CANCELLED' }, nullInbound: 'PROCESSED' });

export const paymentMethod = convert.picklist(
  { ACH: 'ACH', BANK_TRANSFER: 'Bank Transfer', CASH: 'Cash', CHECK: 'Check', CREDIT_CARD: 'Credit Card' },
  { unknownInbound: { value: 'BANK_TRANSFER' }, nullInbound: 'BANK_TRANSFER' },
);

export const allocationType = convert.picklist({ ALLOCATION: 'Allocation', UNALLOCATION: 'Unallocation' });

/** blng__InvoiceRun__c.blng__Status__c: a queued run has started as far as Salesforce Billing can say. */
export const runStatus = convert.picklist(
  { QUEUED: 'Started', RUNNING: 'Started', COMPLETED: 'Completed', FAILED: 'Failed', CANCELLED: 'Canceled' },
  { inbound: { 'Completed with errors': 'COMPLETED', Stopped: 'CANCELLED' } },
);
