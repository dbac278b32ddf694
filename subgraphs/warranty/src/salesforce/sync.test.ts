import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createSyncEngine, type SalesforceClient, type SyncEngine } from '@l2c/shared';
import type { DisposableStore } from '@l2c/shared/testing';
import { disposeEngine, runFinished, startTestOrg, type TestOrg } from '@l2c/test-support/sync';
import { setAdjudicationPolicy } from '../commands/adjudication.ts';
import { extendAssetWarranty } from '../commands/assetWarranties.ts';
import { createClaim, submitClaim } from '../commands/claims.ts';
import { claimsByIds, historyByClaimIds } from '../store/claims.ts';
import { warrantiesByAssetIds } from '../store/coverage.ts';
import { as, lyra, MUNICH, openWarrantyTestStore, partnerOf, seedBook, staff } from '../testing/fixtures.ts';
import { warrantyMappings } from './mappings.ts';

/**
 * Warranty's records both ways with the emulator, over HTTP through jsforce, on real Redis: what the graph made
 * reaches Salesforce under the Automotive Cloud names (parents named by their Salesforce Ids), and what an admin or
 * adjuster changes in Salesforce comes back — a claim decided there is heard by its dealer.
 */

const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `t${randomBytes(4).toString('hex')}`;
let org: TestOrg;
let store: DisposableStore;
let engine: SyncEngine;
let client: SalesforceClient;
let routedClaimId: string;
let approvedClaimId: string;
const sfIds: Record<string, string> = {};

beforeAll(async () => {
  org = await startTestOrg();
  client = await org.connect({ clientName: 'crm-and-cpq' });
  // What CRM and CPQ push as their own (the dealer, the product, the asset), under their ids.
  const [dealer] = await client.create('Account', [{ Name: 'Autohaus München', Type: 'Dealer', AccountNumber: 'MUC-01', L2C_Id__c: MUNICH }]);
  const [product] = await client.create('Product2', [{ Name: 'Lyra 1.6 Hybrid', ProductCode: 'V-LYRA', IsActive: true, L2C_Id__c: 'product-lyra' }]);
  const [asset] = await client.create('Asset', [{ Name: 'Lyra 1.6 Hybrid', Product2Id: product!.id, AccountId: dealer!.id, SerialNumber: 'WLYRA000000000042', L2C_Id__c: 'asset-1' }]);
  Object.assign(sfIds, { dealer: dealer!.id, product: product!.id, asset: asset!.id });

  store = await openWarrantyTestStore();
  await seedBook(store);
  await lyra(store, 'asset-1', MUNICH, '2024-03-01');
  const today = new Date('2026-06-15T10:00:00Z');
  const munich = as(store, partnerOf(MUNICH), today);
  const claim = (mileage: number) => createClaim(munich, { assetId: 'asset-1', failureDate: '2025-06-20', mileage, faultCodes: ['P0300'], lines: [{ chargeType: 'PART', code: 'IGN-COIL', quantity: '2', unitPrice: '84.50' }, { chargeType: 'LABOR', code: 'L-100', quantity: '1.5' }] });
  approvedClaimId = (await submitClaim(munich, (await claim(30_000)).id)).id;
  await setAdjudicationPolicy(as(store, staff), { autoApproveLimit: '10.00', reviewFaultCodes: [], repeatRepairDays: 0, capOverLimit: false });
  routedClaimId = (await submitClaim(munich, (await claim(31_000)).id)).id;
  const [warranty] = await warrantiesByAssetIds(store, ['asset-1']);
  await extendAssetWarranty(as(store, staff), warranty!.id, { months: 12, mileage: 20_000, reason: 'goodwill' });
  await store.query(
    `insert into rebate_claims (id, dealer_id, external_id, vin, asset_id, product_code, sale_date, sale_type, sale_price, delivery_mileage, delivery_status)
     values ('rc-1', $1, 'RDR-1', 'WLYRA000000000042', 'asset-1', 'V-LYRA', '2024-03-01', 'CASH', '38990.00', 12, 'DELIVERED')`,
    [MUNICH],
  );
  await store.query(`insert into transaction_journals (id, dealer_id, external_id, journal_date, product_code, quantity, amount) values ('tj-1', $1, 'TX-1', '2026-05-10', 'P-BRK-PAD', 12, '238.00')`, [MUNICH]);

  engine = createSyncEngine({ store, mappings: warrantyMappings, salesforce: org.clientOptions(), queue: { redisUrl, prefix }, source: 'warranty', logger: createLogger('warranty-sync-test', 'warn'), triggers: false, tuning: { bulkPollMs: 50 } });
  await engine.start();
  const run = await runFinished(engine, (await engine.startSync({ objects: 'all', mode: 'full' })).id, { timeoutMs: 120_000, pollMs: 50 });
  expect(run).toMatchObject({ status: 'completed' });
}, 180_000);

afterAll(async () => {
  await disposeEngine(engine, redisUrl, prefix);
  await store?.close();
  await org?.close();
});

async function one(soql: string): Promise<Record<string, unknown>> {
  const page = await client.query(soql);
  expect(page.records).toHaveLength(1);
  return page.records[0] as Record<string, unknown>;
}

describe('warranty mappings against the emulator', () => {
  it('orders the objects parents first', () => {
    expect(engine.mappings.map((m) => `${m.level}:${m.name}`)).toEqual([
      '0:Account', '0:CodeSet', '0:Product2', '0:WarrantyTerm',
      '1:Asset', '1:Claim', '1:CodeSetRelationship', '1:ProductWarrantyTerm', '1:TransactionJournal',
      '2:AssetWarranty', '2:ClaimItem', '2:RebateClaim',
      '3:ClaimCoverage',
      '4:ClaimCoveragePaymentDetail',
    ]);
  });

  it('pushes what the graph made, under the Automotive Cloud names, parents by their Salesforce Ids', async () => {
    expect(await one("SELECT Code, CodeSetType, IsActive, L2C_StandardHours__c, L2C_LaborRate__c FROM CodeSet WHERE Code = 'L-100'")).toMatchObject({ Code: 'L-100', CodeSetType: 'Labor', IsActive: true, L2C_StandardHours__c: 2, L2C_LaborRate__c: 90 });
    expect(await one("SELECT CodeSet.Code, RelatedCodeSet.Code, L2C_Hours__c FROM CodeSetRelationship")).toMatchObject({ CodeSet: { Code: 'P0300' }, RelatedCodeSet: { Code: 'L-100' }, L2C_Hours__c: 1.5 });
    expect(await one("SELECT WarrantyTermName, WarrantyType, WarrantyDuration, WarrantyUnitOfTime, UsageCovered, LaborCoveredDuration, ExpensesCovered, EffectiveStartDate, Exclusions, L2C_Deductible__c FROM WarrantyTerm WHERE Code = 'BASIC-36'")).toMatchObject({
      WarrantyTermName: 'Basic warranty 36 months / 60,000', WarrantyType: 'Standard', WarrantyDuration: 36, WarrantyUnitOfTime: 'Months', UsageCovered: 60000, LaborCoveredDuration: 24, ExpensesCovered: 50, EffectiveStartDate: 'Purchase Date', Exclusions: 'PART BRK-PAD (wear part)', L2C_Deductible__c: 50,
    });
    expect(await one("SELECT L2C_ProductLine__c, WarrantyTerm.Code FROM ProductWarrantyTerm")).toMatchObject({ L2C_ProductLine__c: 'Lyra', WarrantyTerm: { Code: 'BASIC-36' } });
    expect(await one('SELECT AssetId, StartDate, EndDate, PartsCoveredEndDate, LaborCoveredEndDate, L2C_MileageLimit__c, WarrantyType FROM AssetWarranty')).toMatchObject({ AssetId: sfIds['asset'], StartDate: '2024-03-01', EndDate: '2028-02-29', PartsCoveredEndDate: '2028-02-29', LaborCoveredEndDate: '2027-02-28', L2C_MileageLimit__c: 80000, WarrantyType: 'Standard' });
    const [approved] = await claimsByIds(store, { kind: 'all' }, [approvedClaimId]);
    expect(await one(`SELECT AccountId, Status, ClaimType, IsClosed, L2C_ApprovedAmount__c FROM Claim WHERE Name = '${approved!.number}'`)).toMatchObject({ AccountId: sfIds['dealer'], Status: 'Approved', ClaimType: 'Warranty Claim', IsClosed: false, L2C_ApprovedAmount__c: 254 });
    expect(await one(`SELECT AssetId, FaultDate, AssetUsageValue, AssetUsageUnitOfMeasure FROM ClaimItem WHERE Claim.Name = '${approved!.number}'`)).toMatchObject({ AssetId: sfIds['asset'], FaultDate: '2025-06-20', AssetUsageValue: 30000, AssetUsageUnitOfMeasure: 'Miles' });
    expect(await one(`SELECT FaultCode.Code, CoverageType, AssetWarrantyId FROM ClaimCoverage WHERE Claim.Name = '${approved!.number}'`)).toMatchObject({ FaultCode: { Code: 'P0300' }, CoverageType: 'Standard Warranty' });
    const details = await client.query(`SELECT ChargeType, ChargeTypeCode.Code, Quantity, ClaimedAmount, AdjustedAmount, Status, L2C_Code__c, L2C_Eligibility__c FROM ClaimCoveragePaymentDetail WHERE ClaimCoverage.Claim.Name = '${approved!.number}' ORDER BY L2C_LineNumber__c`);
    expect(details.records).toMatchObject([
      { ChargeType: 'Replaced Part', ChargeTypeCode: null, Quantity: 2, ClaimedAmount: 169, AdjustedAmount: 169, Status: 'Approved', L2C_Code__c: 'IGN-COIL', L2C_Eligibility__c: 'Eligible' },
      { ChargeType: 'Labor', ChargeTypeCode: { Code: 'L-100' }, Quantity: 1.5, ClaimedAmount: 135, AdjustedAmount: 135, Status: 'Approved', L2C_Code__c: 'L-100', L2C_Eligibility__c: 'Eligible' },
    ]);
    expect(await one("SELECT Name, ClaimedByAccountId, AssetId, AssetIdentificationNumber, AssetSaleType, ClaimType, ClaimAmount, SalePricePerUnit, ProcessingStatus, L2C_ExternalRowId__c, L2C_DeliveryStatus__c FROM RebateClaim")).toMatchObject({
      ClaimedByAccountId: sfIds['dealer'], AssetId: sfIds['asset'], AssetIdentificationNumber: 'WLYRA000000000042', AssetSaleType: 'Cash', ClaimType: 'Vehicle Sales Report', ClaimAmount: 38990, SalePricePerUnit: 38990, ProcessingStatus: 'Submitted', L2C_ExternalRowId__c: 'RDR-1', L2C_DeliveryStatus__c: 'Delivered',
    });
    expect(await one('SELECT AccountId, ExternalTransactionNumber, ActivityDate, Quantity, Status, L2C_Amount__c FROM TransactionJournal')).toMatchObject({ AccountId: sfIds['dealer'], ExternalTransactionNumber: 'TX-1', ActivityDate: '2026-05-10T00:00:00.000+0000', Quantity: 12, Status: 'Pending', L2C_Amount__c: 238 });
  });

  it('brings back what Salesforce changed: an adjuster deciding a claim there is heard by its dealer', async () => {
    const [routed] = await claimsByIds(store, { kind: 'all' }, [routedClaimId]);
    expect(routed!.status).toBe('MANUAL_REVIEW_NEEDED');
    const claim = await one(`SELECT Id FROM Claim WHERE Name = '${routed!.number}'`);
    const term = await one("SELECT Id FROM WarrantyTerm WHERE Code = 'BASIC-36'");
    const adjusterClient = await org.connect({ clientName: 'adjuster-ui' });
    expect(await adjusterClient.update('Claim', [{ Id: claim['Id'], Status: 'Approved', L2C_ApprovedAmount__c: 254 }])).toMatchObject([{ success: true }]);
    expect(await adjusterClient.update('WarrantyTerm', [{ Id: term['Id'], WarrantyTermName: 'Basic warranty 3 years' }])).toMatchObject([{ success: true }]);
    expect(await adjusterClient.create('CodeSet', [{ Name: 'Road-side diagnosis', Code: 'DIAG', CodeSetType: 'Expense', IsActive: true, L2C_LimitAmount__c: 80 }])).toMatchObject([{ success: true }]);
    const run = await runFinished(engine, (await engine.startSync({ objects: 'all', direction: 'in' })).id, { timeoutMs: 60_000, pollMs: 50 });
    expect(run).toMatchObject({ status: 'completed' });
    const [decided] = await claimsByIds(store, { kind: 'all' }, [routedClaimId]);
    expect(decided).toMatchObject({ status: 'APPROVED', approved_amount: '254.00' });
    expect((await historyByClaimIds(store, [routedClaimId])).at(-1)).toMatchObject({ from_status: 'MANUAL_REVIEW_NEEDED', to_status: 'APPROVED', changed_by: 'salesforce' });
    expect(await store.query("select dealer_ids, changes from outbox where type = 'ClaimStatusChanged' and entity_id = $1 order by id desc limit 1", [routedClaimId])).toEqual([
      { dealer_ids: [MUNICH], changes: { claimNumber: routed!.number, assetId: 'asset-1', status: { from: 'MANUAL_REVIEW_NEEDED', to: 'APPROVED' }, approvedAmount: '254.00', reason: 'changed in Salesforce' } },
    ]);
    expect(await store.query("select name from warranty_terms where code = 'BASIC-36'")).toEqual([{ name: 'Basic warranty 3 years' }]);
    expect(await store.query("select kind, name, limit_amount, is_active from codes where code = 'DIAG'")).toEqual([{ kind: 'EXPENSE', name: 'Road-side diagnosis', limit_amount: '80.00', is_active: true }]);
    // The asset's VIN set in Salesforce reached warranty too.
    expect(await store.query("select vin from assets where id = 'asset-1'")).toEqual([{ vin: 'WLYRA000000000042' }]);
  });
});
