import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '@l2c/shared';
import { ACTIVITIES } from './activities.ts';
import { ATTRIBUTE_TYPES } from './logEntry.ts';
import { mapEvent, mappedEventTypes } from './mapEvent.ts';

const event = (type: string, entity: [string, string], changes: Record<string, unknown>, occurredAt = '2026-04-01T10:00:00.000Z'): StoredEvent => ({
  id: '1-0', eventId: `${type}-1`, type, entity: { typename: entity[0], id: entity[1] }, dealerIds: ['D1'], changes, occurredAt, source: 'test',
});

describe('mapping the contracts of billing and warranty', () => {
  it('an invoice posted bills its orders, at the time it was posted', () => {
    const entry = mapEvent(event('InvoicePosted', ['Invoice', 'I1'], { invoiceNumber: 'INV-7', accountId: 'a', orderIds: ['O1', 'O2'], totalAmount: '1200.50', currency: 'EUR', invoiceDate: '2026-03-31', dueDate: '2026-04-30', postedAt: '2026-03-31T18:00:00Z' }))!;
    expect(entry).toMatchObject({ activity: 'Invoice Posted', at: Date.parse('2026-03-31T18:00:00Z'), naturalKey: 'Invoice Posted|I1', attributes: { invoiceNumber: 'INV-7', amount: '1200.50', currency: 'EUR', dueDate: '2026-04-30' } });
    expect(entry.links.map((l) => [l.childId, l.parentId, l.qualifier])).toEqual([['I1', 'O1', 'bills'], ['I1', 'O2', 'bills']]);
  });

  it('a payment received pays the invoices and orders of its allocations; a later allocation too', () => {
    const received = mapEvent(event('PaymentReceived', ['Payment', 'P1'], { accountId: 'a', amount: '1200.50', currency: 'EUR', receivedAt: '2026-04-20T09:00:00Z', allocations: [{ invoiceId: 'I1', orderIds: ['O1'], amount: '1200.50' }] }))!;
    expect(received).toMatchObject({ activity: 'Payment Received', at: Date.parse('2026-04-20T09:00:00Z') });
    expect(received.objects.map((o) => [o.id, o.type, o.qualifier])).toEqual([['P1', 'Payment', 'payment'], ['I1', 'Invoice', 'invoice paid'], ['O1', 'Order', 'order paid']]);
    const allocated = mapEvent(event('PaymentAllocated', ['Payment', 'P1'], { invoiceId: 'I2', orderIds: ['O3'], amount: '10.00' }))!;
    expect(allocated).toMatchObject({ activity: 'Payment Allocated', naturalKey: null });
    expect(allocated.links.map((l) => l.parentId)).toEqual(['I2', 'O3']);
    expect(mapEvent(event('InvoiceOverdue', ['Invoice', 'I1'], { invoiceNumber: 'INV-7', accountId: 'a', orderIds: ['O1'], balance: '100.00', dueDate: '2026-04-30', daysOverdue: 3 }))).toMatchObject({ activity: 'Invoice Overdue', attributes: { balance: '100.00', daysOverdue: 3 } });
  });

  it('a claim’s status names its activity, and the claim is on its asset', () => {
    const submitted = mapEvent(event('ClaimStatusChanged', ['Claim', 'C1'], { claimNumber: 'W-1', assetId: 'A1', status: { from: 'DRAFT', to: 'SUBMITTED' } }))!;
    expect(submitted).toMatchObject({ activity: 'Claim Submitted', qualifier: 'SUBMITTED', links: [{ childId: 'C1', parentId: 'A1', qualifier: 'claim on' }] });
    expect(mapEvent(event('ClaimStatusChanged', ['Claim', 'C1'], { status: { from: 'SUBMITTED', to: 'Paid' }, approvedAmount: '99.90' }))).toMatchObject({ activity: 'Claim Paid', attributes: { approvedAmount: '99.90' } });
    expect(mapEvent(event('ClaimStatusChanged', ['Claim', 'C1'], { status: { from: 'PAID', to: 'REOPENED' } }))).toMatchObject({ activity: 'Claim Status Changed', qualifier: 'REOPENED' });
  });

  it('reads what it can of malformed changes, and nothing of other events', () => {
    expect(mapEvent(event('InvoicePosted', ['Invoice', 'I1'], { orderIds: 'O1', totalAmount: 12.5, postedAt: 'yesterday' }))).toMatchObject({
      activity: 'Invoice Posted', at: Date.parse('2026-04-01T10:00:00.000Z'), attributes: { amount: '12.5' }, links: [],
    });
    expect(mapEvent(event('PriceChanged', ['Product', 'p'], {}))).toBeNull();
    expect(mapEvent(event('LeadStatusChanged', ['Lead', 'L'], { status: { from: 'Open', to: 'Contacted' }, statusKind: { from: 'OPEN', to: 'WORKING' } }))).toBeNull();
  });

  it('sets only declared attributes and known activities', () => {
    const declared = new Set(Object.keys(ATTRIBUTE_TYPES));
    for (const type of mappedEventTypes()) {
      const entry = mapEvent(event(type, ['X', 'x'], { status: { from: 'A', to: 'SUBMITTED' }, statusKind: { from: 'A', to: 'QUALIFIED' }, stage: 'S', amount: '1', owner: 'o', number: 'n', submission: 1, approvals: 1, netAmount: '1', listAmount: '1', customerDiscountPercent: '1', productFamilies: ['F'], totalAmount: '1', invoiceNumber: 'i', currency: 'EUR', dueDate: 'd', balance: '1', daysOverdue: 1, claimNumber: 'c', approvedAmount: '1', sourceChannel: 'WEB', discountPercent: '1', lossReason: 'r', probability: 5 }));
      expect(entry, type).not.toBeNull();
      expect(ACTIVITIES).toContain(entry!.activity);
      for (const name of Object.keys(entry!.attributes)) expect(declared.has(name), `${type}.${name}`).toBe(true);
    }
  });
});
