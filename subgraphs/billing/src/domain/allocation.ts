import { badInput, conflict, fromCents, mustCents, toCents } from '@l2c/shared';

/**
 * Applying a payment to invoices (Salesforce Billing's payment allocations). A payment may be spread over many
 * invoices and need not be used up: what is not allocated stays on the payment as unallocated credit, to be
 * allocated later. An allocation never exceeds what the invoice still owes nor what the payment has left, and an
 * unallocation gives back exactly what one allocation took.
 */

export interface AllocationRequest {
  invoiceId: string;
  amount: string;
}

export interface AllocatableInvoice {
  id: string;
  invoiceNumber: string;
  status: string;
  balance: string;
}

/** Checks the requested allocations against the payment's unallocated amount and each invoice's balance; returns cents per invoice. */
export function checkAllocations(requests: readonly AllocationRequest[], unallocated: string, invoices: ReadonlyMap<string, AllocatableInvoice>, field = 'allocations'): Map<string, bigint> {
  const cents = new Map<string, bigint>();
  requests.forEach((request, i) => {
    const amount = toCents(request.amount);
    if (amount === null || amount <= 0n) throw badInput(`${field}[${i}].amount`, request.amount, 'must be an amount greater than zero with at most 2 decimal places');
    const invoice = invoices.get(request.invoiceId);
    if (!invoice) throw badInput(`${field}[${i}].invoiceId`, request.invoiceId, 'must name an invoice of the payment’s account that the caller may see');
    if (invoice.status !== 'POSTED') throw conflict(`${field}[${i}].invoiceId: invoice ${invoice.invoiceNumber} is ${invoice.status}; payments are allocated to posted invoices only`, { rule: 'INVOICE_NOT_POSTED', field: `${field}[${i}].invoiceId` });
    cents.set(request.invoiceId, (cents.get(request.invoiceId) ?? 0n) + amount);
  });
  for (const [invoiceId, amount] of cents) {
    const invoice = invoices.get(invoiceId)!;
    if (amount > mustCents(invoice.balance)) {
      throw conflict(`${field}: ${fromCents(amount)} is more than invoice ${invoice.invoiceNumber} still owes (${invoice.balance})`, { rule: 'ALLOCATION_EXCEEDS_BALANCE', invoiceId, balance: invoice.balance });
    }
  }
  const total = [...cents.values()].reduce((sum, amount) => sum + amount, 0n);
  if (total > mustCents(unallocated)) throw conflict(`${field}: ${fromCents(total)} is more than the payment has unallocated (${unallocated})`, { rule: 'ALLOCATION_EXCEEDS_PAYMENT', unallocated });
  return cents;
}

/** Paid, partly paid or unpaid, from an invoice's total and balance (Salesforce Billing's payment status). */
export function paymentStatus(total: string, balance: string): 'PAID' | 'PARTIALLY_PAID' | 'UNPAID' {
  const owed = mustCents(balance);
  if (owed <= 0n) return 'PAID';
  return owed < mustCents(total) ? 'PARTIALLY_PAID' : 'UNPAID';
}
