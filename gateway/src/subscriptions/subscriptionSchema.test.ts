import { buildSchema, isEnumType, isObjectType, printType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EVENT_FAMILIES } from './eventFamilies.ts';
import { buildSubscriptionSchema, type SubscriptionSchemaHandlers } from './subscriptionSchema.ts';

const api = buildSchema(`
  scalar DateTime
  type Query { lead(id: ID!): Lead, opportunity(id: ID!): Opportunity }
  type Lead { id: ID! name: String! }
  type Opportunity { id: ID! name: String! }
`);
const handlers: SubscriptionSchemaHandlers<unknown> = { subscribe: async () => (async function* () {})(), resolveEntity: async () => null };

describe('buildSubscriptionSchema', () => {
  it("adds a Subscription whose payloads point at the supergraph's own entity types", () => {
    const { schema, withoutEntity } = buildSubscriptionSchema(api, EVENT_FAMILIES, handlers);
    const leadEvent = schema.getType('LeadEvent');
    if (!isObjectType(leadEvent)) throw new Error('no LeadEvent');
    expect(leadEvent.getFields().lead!.type).toBe(api.getType('Lead'));
    expect(schema.getType('DateTime')).toBe(api.getType('DateTime'));
    expect(printType(leadEvent)).toContain('leadId: ID!');
    const types = schema.getType('LeadEventType');
    expect(isEnumType(types) && types.getValues().map((v) => [v.name, v.value])).toEqual([
      ['LEAD_CREATED', 'LeadCreated'],
      ['LEAD_ASSIGNED', 'LeadAssigned'],
      ['LEAD_STATUS_CHANGED', 'LeadStatusChanged'],
      ['LEAD_ARCHIVED', 'LeadArchived'],
      ['LEAD_CONVERTED', 'LeadConverted'],
    ]);
    const subscription = schema.getSubscriptionType()!.getFields();
    expect(Object.keys(subscription)).toEqual(EVENT_FAMILIES.map((f) => f.field));
    expect(subscription.leadEvents!.args.map((a) => `${a.name}: ${String(a.type)}`)).toEqual(['types: [LeadEventType!]', 'after: ID']);
    // Families whose entity the supergraph does not have yet carry the id only, and say so.
    expect(withoutEntity.map((f) => f.field)).toEqual(['testDriveEvents', 'quoteEvents', 'orderEvents', 'invoiceEvents', 'paymentEvents', 'visitEvents', 'syncJobEvents', 'claimEvents', 'csvImportEvents', 'rebateClaimEvents', 'transactionJournalEvents', 'processMetricsChanged']);
    const syncJobEvent = schema.getType('SyncJobEvent');
    expect(isObjectType(syncJobEvent) && Object.keys(syncJobEvent.getFields())).toEqual(['id', 'type', 'occurredAt', 'changes', 'syncJobId']);
  });

  it('refuses to shadow a type the supergraph already has', () => {
    const clashing = buildSchema(`type Query { lead(id: ID!): Lead } type Lead { id: ID! } type LeadEvent { id: ID! }`);
    expect(() => buildSubscriptionSchema(clashing, EVENT_FAMILIES, handlers)).toThrow('the supergraph has a type named LeadEvent already');
  });
});
