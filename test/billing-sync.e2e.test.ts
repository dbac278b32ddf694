/**
 * Billing ↔ the Salesforce emulator, both ways, through the sync engine with the billing mappings: invoices, their
 * lines, a payment and its allocations go out as blng__ records under the customer's Account (read from the org, as
 * CRM pushed it); a due date moved in Salesforce and a payment recorded there come back.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createSyncEngine, type SyncEngine } from '@l2c/shared';
import type { DisposableStore } from '@l2c/shared/testing';
import { disposeEngine, runFinished, startTestOrg, type TestOrg } from '@l2c/test-support/sync';
import { bill, billingMappings, commandContext, openBillingStore, order, recordedEvents, recordPayment, runInvoices, subscription } from '@l2c/billing/testing';
import type { SalesforceClient } from '@l2c/shared';

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `t${randomBytes(4).toString('hex')}`;
let org: TestOrg;
let sf: SalesforceClient;
let store: DisposableStore;
let engine: SyncEngine;
let accountSfId: string;
let invoiceIds: string[];

beforeAll(async () => {
  org = await startTestOrg();
  sf = await org.connect();
  // The customer as CRM pushes it: our id in L2C_Id__c.
  const [created] = await sf.create('Account', [{ Name: 'Brandl Kurierdienst', AccountNumber: 'C-1001', L2C_Id__c: 'acct-anna' }]);
  accountSfId = created!.id!;
  store = await openBillingStore('postgres');
  await bill(store, order([subscription('2026-01-01', '2026-12-31', '1200.00'), subscription('2026-01-01', '2026-03-31', '90.00', { productCode: 'WIFI-3', productName: 'In-van Wi-Fi' })]));
  await runInvoices(store, '2026-01-01');
  await runInvoices(store, '2026-02-01');
  invoiceIds = (await store.query<{ id: string }>('select id from invoices order by invoice_date')).map((r) => r.id);
  await recordPayment(commandContext(store, undefined, new Date('2026-02-10T09:00:00Z')), {
    accountId: 'acct-anna',
    amount: '250.00',
    paymentDate: '2026-02-10',
    method: 'BANK_TRANSFER',
    reference: 'SEPA 1',
    allocations: [
      { invoiceId: invoiceIds[0]!, amount: '130.00' },
      { invoiceId: invoiceIds[1]!, amount: '20.00' },
    ],
  });
  engine = createSyncEngine({ store, mappings: billingMappings('EUR'), salesforce: org.clientOptions(), queue: { redisUrl, prefix }, source: 'billing', logger: createLogger('billing-sync-test', 'warn'), workers: { concurrency: 1 }, triggers: false });
  await engine.start();
}, 120_000);

afterAll(async () => {
  await disposeEngine(engine, redisUrl, prefix);
  await store?.close();
  await org?.close();
});

describe('billing ↔ Salesforce Billing (blng)', () => {
  it('pushes invoices, lines, the payment and its allocations under the account, and reads them back the same', async () => {
    const run = await engine.startSync({ objects: 'all', mode: 'full', direction: 'both', requestedBy: 'test' });
    expect((await runFinished(engine, run.id)).status).toBe('completed');

    const invoices = (await sf.query(`SELECT L2C_Id__c, blng__Account__c, blng__InvoiceStatus__c, blng__InvoiceDate__c, blng__DueDate__c, blng__InvoicePostedDate__c FROM blng__Invoice__c ORDER BY blng__InvoiceDate__c`)).records;
    expect(invoices.map((r) => [r['L2C_Id__c'], r['blng__Account__c'], r['blng__InvoiceStatus__c'], r['blng__InvoiceDate__c'], r['blng__DueDate__c'], r['blng__InvoicePostedDate__c']])).toEqual([
      [invoiceIds[0], accountSfId, 'Posted', '2026-01-01', '2026-01-31', '2026-01-01'],
      [invoiceIds[1], accountSfId, 'Posted', '2026-02-01', '2026-03-03', '2026-02-01'],
    ]);
    const lines = (await sf.query(`SELECT blng__Invoice__r.L2C_Id__c, Name, blng__Subtotal__c, blng__StartDate__c, blng__EndDate__c, blng__ChargeType__c, blng__BillingFrequency__c FROM blng__InvoiceLine__c ORDER BY blng__StartDate__c, Name`)).records;
    expect(lines.map((r) => [(r['blng__Invoice__r'] as Record<string, unknown>)['L2C_Id__c'], r['Name'], r['blng__Subtotal__c'], r['blng__StartDate__c'], r['blng__ChargeType__c'], r['blng__BillingFrequency__c']])).toEqual([
      [invoiceIds[0], 'Connected services', 100, '2026-01-01', 'Recurring', 'Monthly'],
      [invoiceIds[0], 'In-van Wi-Fi', 30, '2026-01-01', 'Recurring', 'Monthly'],
      [invoiceIds[1], 'Connected services', 100, '2026-02-01', 'Recurring', 'Monthly'],
      [invoiceIds[1], 'In-van Wi-Fi', 30, '2026-02-01', 'Recurring', 'Monthly'],
    ]);
    const payments = (await sf.query(`SELECT Id, blng__Account__c, blng__Amount__c, blng__PaymentDate__c, blng__Status__c, blng__PaymentType__c FROM blng__Payment__c`)).records;
    expect(payments.map((r) => [r['blng__Account__c'], r['blng__Amount__c'], r['blng__PaymentDate__c'], r['blng__Status__c'], r['blng__PaymentType__c']])).toEqual([[accountSfId, 250, '2026-02-10', 'Processed', 'Bank Transfer']]);
    const allocations = (await sf.query(`SELECT blng__Payment__c, blng__Invoice__r.L2C_Id__c, blng__Amount__c, blng__Type__c FROM blng__PaymentAllocationInvoice__c ORDER BY blng__Amount__c DESC`)).records;
    expect(allocations.map((r) => [r['blng__Payment__c'], (r['blng__Invoice__r'] as Record<string, unknown>)['L2C_Id__c'], r['blng__Amount__c'], r['blng__Type__c']])).toEqual([
      [payments[0]!['Id'], invoiceIds[0], 130, 'Allocation'],
      [payments[0]!['Id'], invoiceIds[1], 20, 'Allocation'],
    ]);
    // The account came in from the org (CRM's), under CRM's id.
    expect(await store.query('select id, name, account_number from billing_accounts')).toEqual([{ id: 'acct-anna', name: 'Brandl Kurierdienst', account_number: 'C-1001' }]);

    // Nothing failed, nothing waits to be pushed, and every record is linked.
    expect(await engine.listFailures()).toEqual([]);
    const states = await engine.objectStates();
    expect(states.map((s) => [s.mapping, s.linked, s.pendingChanges]).sort()).toEqual([
      ['Account', 1, 0],
      ['blng__InvoiceLine__c', 4, 0],
      ['blng__InvoiceRun__c', 2, 0],
      ['blng__Invoice__c', 2, 0],
      ['blng__PaymentAllocationInvoice__c', 2, 0],
      ['blng__Payment__c', 1, 0],
    ]);
  }, 120_000);

  it('takes a due date moved in Salesforce and a payment recorded there', async () => {
    const [invoice] = (await sf.query(`SELECT Id FROM blng__Invoice__c WHERE L2C_Id__c = '${invoiceIds[1]}'`)).records;
    await sf.update('blng__Invoice__c', [{ Id: invoice!['Id'], blng__DueDate__c: '2026-03-20' }]);
    await sf.create('blng__Payment__c', [{ blng__Account__c: accountSfId, blng__Amount__c: 75, blng__PaymentDate__c: '2026-03-02', blng__Status__c: 'Processed', blng__PaymentType__c: 'Check' }]);

    const run = await engine.startSync({ objects: 'all', mode: 'incremental', direction: 'in', requestedBy: 'test' });
    expect((await runFinished(engine, run.id)).status).toBe('completed');

    expect(await store.query('select due_date, status, total_amount from invoices where id = $1', [invoiceIds[1]])).toEqual([{ due_date: '2026-03-20', status: 'POSTED', total_amount: '130.00' }]);
    const payments = await store.query<{ number: string; amount: string; method: string; currency: string; allocated_amount: string; payment_date: string; status: string }>(
      `select number, amount, method, currency, allocated_amount, payment_date, status from payments where amount = 75`,
    );
    expect(payments).toEqual([{ number: expect.stringMatching(/^PAY-\d{6}$/), amount: '75.00', method: 'CHECK', currency: 'EUR', allocated_amount: '0.00', payment_date: '2026-03-02', status: 'PROCESSED' }]);
    const received = (await recordedEvents(store, 'PaymentReceived')).at(-1)!;
    expect(received.changes).toMatchObject({ accountId: 'acct-anna', amount: '75.00', currency: 'EUR', allocations: [], unallocated: '75.00', source: 'salesforce' });

  }, 120_000);
});
