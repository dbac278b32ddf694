import { describe, expect, it } from 'vitest';
import { eventConcerns, initialDeliveryStatus } from './matching.ts';

const created = new Date('2026-03-01T10:00:00Z');
const event = (type: string, dealerIds: string[], occurredAt = '2026-03-01T10:00:01Z') => ({ type, dealerIds, occurredAt });
const partner = (dealer: string, types = ['LeadAssigned']) => ({ event_types: types, dealer_id: dealer, created_at: created });
const internal = (types = ['LeadAssigned']) => ({ event_types: types, dealer_id: null, created_at: created });

describe('matching an event to a subscription', () => {
  it("gives a partner's webhook only events that name its dealer", () => {
    expect(eventConcerns(partner('d1'), event('LeadAssigned', ['d1']))).toBe(true);
    expect(eventConcerns(partner('d1'), event('LeadAssigned', ['d2', 'd1']))).toBe(true);
    expect(eventConcerns(partner('d1'), event('LeadAssigned', ['d2']))).toBe(false);
    expect(eventConcerns(partner('d1'), event('LeadAssigned', []))).toBe(false);
  });

  it('gives an internal webhook every event of its types, internal-only ones included', () => {
    expect(eventConcerns(internal(), event('LeadAssigned', ['d2']))).toBe(true);
    expect(eventConcerns(internal(), event('LeadAssigned', []))).toBe(true);
  });

  it('gives only the event types subscribed to', () => {
    expect(eventConcerns(partner('d1', ['LeadCreated', 'OpportunityWon']), event('OpportunityWon', ['d1']))).toBe(true);
    expect(eventConcerns(partner('d1', ['LeadCreated']), event('LeadAssigned', ['d1']))).toBe(false);
    expect(eventConcerns(internal(['LeadCreated']), event('LeadAssigned', []))).toBe(false);
  });

  it('never gives a webhook an event from before it was registered', () => {
    expect(eventConcerns(internal(), event('LeadAssigned', [], '2026-03-01T09:59:59.999Z'))).toBe(false);
    expect(eventConcerns(internal(), event('LeadAssigned', [], created.toISOString()))).toBe(true);
  });

  it('holds deliveries to a paused subscription and queues the others', () => {
    expect(initialDeliveryStatus({ status: 'ACTIVE' })).toBe('PENDING');
    expect(initialDeliveryStatus({ status: 'PAUSED' })).toBe('HELD');
  });
});
