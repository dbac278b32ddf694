import type { SObjectSchema } from '../metadata/types.ts';
import type { FieldValue, SObjectRecord } from './types.ts';

/** What a behaviour may read from the org while a record is being saved. */
export interface BehaviorContext {
  get(id: string): SObjectRecord | undefined;
  /** The first live record of `type` whose `field` equals `value`. */
  findOne(type: string, field: string, value: FieldValue): SObjectRecord | undefined;
}

/**
 * The standard fields Salesforce derives on save, applied to a record about to be stored. `record` is the new
 * state (mutable), `given` the field names the client set in this call (a derived value never overrides them).
 * Of the CPQ package's formula fields, a quote line's net total is computed; the others stay null, which a sync
 * must tolerate anyway.
 */
export function applyBehaviors(object: SObjectSchema, record: Record<string, FieldValue>, given: ReadonlySet<string>, context: BehaviorContext): void {
  const has = (name: string) => object.fieldsByName.has(name.toLowerCase());
  const nameField = object.fieldsByName.get('name');
  if (nameField && !nameField.createable && !nameField.calculated && has('LastName')) {
    record.Name = [record.FirstName, record.LastName].filter((part) => part !== null && part !== '').join(' ') || null;
  }
  switch (object.name) {
    case 'Opportunity':
      deriveFromStage(record, given, context);
      break;
    case 'PricebookEntry': {
      const product = context.get(String(record.Product2Id));
      record.Name = (product?.Name as string | undefined) ?? null;
      record.ProductCode = (product?.ProductCode as string | undefined) ?? null;
      break;
    }
    case 'OpportunityLineItem':
    case 'QuoteLineItem':
    case 'OrderItem':
      deriveLineItem(object, record, given, context);
      break;
    case 'Quote': {
      const opportunity = context.get(String(record.OpportunityId));
      record.AccountId = (opportunity?.AccountId as string | undefined) ?? null;
      break;
    }
    case 'Contract':
      record.EndDate = contractEndDate(record.StartDate ?? null, record.ContractTerm ?? null);
      break;
    case 'SBQQ__QuoteLine__c': {
      // CPQ's formula: the net unit price times the quantity, in the currency's two places.
      const net = typeof record.SBQQ__NetPrice__c === 'number' ? record.SBQQ__NetPrice__c : null;
      const quantity = typeof record.SBQQ__Quantity__c === 'number' ? record.SBQQ__Quantity__c : null;
      record.SBQQ__NetTotal__c = net === null || quantity === null ? null : Math.round(net * quantity * 100) / 100;
      break;
    }
  }
}

/** StageName decides IsClosed, IsWon and the forecast category; Probability follows unless the client set it. */
function deriveFromStage(record: Record<string, FieldValue>, given: ReadonlySet<string>, context: BehaviorContext): void {
  if (given.has('StageName')) {
    const stage = context.findOne('OpportunityStage', 'ApiName', record.StageName ?? null);
    record.IsClosed = stage?.IsClosed === true;
    record.IsWon = stage?.IsWon === true;
    record.ForecastCategory = (stage?.ForecastCategory as string | undefined) ?? 'Pipeline';
    if (!given.has('ForecastCategoryName')) record.ForecastCategoryName = (stage?.ForecastCategoryName as string | undefined) ?? 'Pipeline';
    if (!given.has('Probability') && stage) record.Probability = stage.DefaultProbability ?? null;
  }
  const amount = typeof record.Amount === 'number' ? record.Amount : null;
  const probability = typeof record.Probability === 'number' ? record.Probability : null;
  record.ExpectedRevenue = amount === null || probability === null ? null : Math.round(amount * probability) / 100;
}

function deriveLineItem(object: SObjectSchema, record: Record<string, FieldValue>, given: ReadonlySet<string>, context: BehaviorContext): void {
  const entry = context.get(String(record.PricebookEntryId));
  if (entry && record.Product2Id === null) record.Product2Id = entry.Product2Id ?? null;
  if (entry && record.ListPrice === null) record.ListPrice = entry.UnitPrice ?? null;
  const quantity = typeof record.Quantity === 'number' ? record.Quantity : null;
  const unitPrice = typeof record.UnitPrice === 'number' ? record.UnitPrice : null;
  if (object.name === 'OpportunityLineItem' && given.has('TotalPrice') && !given.has('UnitPrice') && quantity) {
    record.UnitPrice = Math.round(((record.TotalPrice as number) / quantity) * 100) / 100;
  } else if (quantity !== null && unitPrice !== null) {
    const discount = typeof record.Discount === 'number' ? record.Discount : 0;
    record.TotalPrice = Math.round(quantity * unitPrice * (100 - discount)) / 100;
  }
  if (object.name === 'OpportunityLineItem') {
    const opportunity = context.get(String(record.OpportunityId));
    const product = context.get(String(record.Product2Id));
    record.Name = [opportunity?.Name, product?.Name].filter(Boolean).join(' ') || null;
    record.ProductCode = (product?.ProductCode as string | undefined) ?? null;
  }
}

function contractEndDate(start: FieldValue, term: FieldValue): string | null {
  if (typeof start !== 'string' || typeof term !== 'number') return null;
  const [y, m, d] = start.split('-').map(Number);
  const end = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1 + term, d ?? 1));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}
