import { conflict, requiredText, SubgraphRequestError } from '@l2c/shared';
import { familiesOf } from '../domain/productFamilies.ts';
import { assertAnswerable, assertPresentable } from '../domain/quoteRules.ts';
import { CpqEventType, entity, recordCpqEvents, type CpqEvent } from '../events.ts';
import { linesByQuoteIds, makePrimary, opportunityQuotes, updateQuoteRow } from '../store/quotes.ts';
import type { QuoteRow } from '../store/rows.ts';
import { assertCanSell, clock, crmOf, lockQuote, readQuote, today, type CommandContext } from './context.ts';
import { createOrdersForQuote } from './orders.ts';

export async function presentQuote(ctx: CommandContext, id: string): Promise<QuoteRow> {
  assertCanSell(ctx, 'presentQuote');
  return ctx.store.transaction(async (tx) => {
    const quote = await lockQuote(tx, ctx, id);
    assertPresentable(quote);
    await updateQuoteRow(tx, id, { status: 'PRESENTED' });
    await recordCpqEvents(tx, [{ type: CpqEventType.QuotePresented, entity: entity('Quote', id), dealerIds: [quote.dealer_id], changes: { status: { from: 'APPROVED', to: 'PRESENTED' } } }]);
    return readQuote(tx, ctx, id);
  });
}

/**
 * The customer accepts a presented quote. In one transaction it becomes the opportunity's primary quote (one accepted
 * quote per opportunity) and its orders are created, split by ship-to and date. Then its totals are synced to the
 * opportunity in CRM, as the caller: the acceptance stands whether or not CRM answers, and the quote's
 * `opportunitySync` says whether the sync went through (`syncQuoteToOpportunity` retries it).
 */
export async function acceptQuote(ctx: CommandContext, id: string): Promise<QuoteRow> {
  assertCanSell(ctx, 'acceptQuote');
  const accepted = await ctx.store.transaction(async (tx) => {
    const quote = await lockQuote(tx, ctx, id);
    assertAnswerable(quote, today(ctx));
    const existing = await opportunityQuotes(tx, quote.opportunity_id);
    if (existing.accepted) throw conflict(`opportunity ${quote.opportunity_id} already has the accepted quote ${existing.accepted}`, { rule: 'OPPORTUNITY_HAS_ACCEPTED_QUOTE' });
    const events: CpqEvent[] = [];
    if (!quote.is_primary) {
      const previous = await makePrimary(tx, quote);
      events.push({ type: CpqEventType.QuotePrimaryChanged, entity: entity('Quote', id), dealerIds: [quote.dealer_id], changes: { opportunityId: quote.opportunity_id, previousPrimaryQuoteId: previous } });
    }
    await updateQuoteRow(tx, id, { status: 'ACCEPTED', accepted_at: clock(ctx), sync_status: 'PENDING', sync_error: null });
    const orders = await createOrdersForQuote(tx, ctx, { ...quote, status: 'ACCEPTED' });
    events.push({
      type: CpqEventType.QuoteAccepted,
      entity: entity('Quote', id),
      dealerIds: [quote.dealer_id],
      changes: {
        status: { from: 'PRESENTED', to: 'ACCEPTED' },
        opportunityId: quote.opportunity_id,
        netAmount: quote.net_amount,
        listAmount: quote.list_amount,
        customerDiscountPercent: quote.customer_discount_percent,
        productFamilies: familiesOf(await linesByQuoteIds(tx, [id])),
        orderIds: orders.map((o) => o.id),
      },
    });
    await recordCpqEvents(tx, events);
    return readQuote(tx, ctx, id);
  });
  return syncToOpportunity(ctx, accepted);
}

export async function denyQuote(ctx: CommandContext, id: string, reason: string): Promise<QuoteRow> {
  assertCanSell(ctx, 'denyQuote');
  const why = requiredText('reason', reason, 2000);
  return ctx.store.transaction(async (tx) => {
    const quote = await lockQuote(tx, ctx, id);
    assertAnswerable({ ...quote, expiration_date: null }, today(ctx));
    await updateQuoteRow(tx, id, { status: 'DENIED', denial_reason: why });
    await recordCpqEvents(tx, [{ type: CpqEventType.QuoteDenied, entity: entity('Quote', id), dealerIds: [quote.dealer_id], changes: { status: { from: 'PRESENTED', to: 'DENIED' }, reason: why } }]);
    return readQuote(tx, ctx, id);
  });
}

/** Retries syncing an accepted quote's totals to its opportunity. */
export async function syncQuoteToOpportunity(ctx: CommandContext, id: string): Promise<QuoteRow> {
  assertCanSell(ctx, 'syncQuoteToOpportunity');
  const quote = await readQuote(ctx.store, ctx, id);
  if (quote.status !== 'ACCEPTED') throw conflict(`quote ${quote.number} is not accepted; only an accepted quote's totals go to the opportunity`, { rule: 'QUOTE_NOT_ACCEPTED' });
  return syncToOpportunity(ctx, quote);
}

/** Sends amount (the net amount) and discount (the overall discount off list) to CRM and records how that went. */
async function syncToOpportunity(ctx: CommandContext, quote: QuoteRow): Promise<QuoteRow> {
  let outcome: Partial<QuoteRow>;
  try {
    await crmOf(ctx).syncTotals(quote.opportunity_id, { amount: quote.net_amount, discountPercent: quote.customer_discount_percent });
    outcome = { sync_status: 'SYNCED', synced_at: clock(ctx), sync_error: null };
  } catch (error) {
    const reason = describeFailure(error);
    ctx.logger?.warn({ quoteId: quote.id, opportunityId: quote.opportunity_id, reason }, 'accepted quote not synced to its opportunity; syncQuoteToOpportunity retries');
    outcome = { sync_status: 'FAILED', sync_error: reason };
  }
  await updateQuoteRow(ctx.store, quote.id, outcome);
  return readQuote(ctx.store, ctx, quote.id);
}

function describeFailure(error: unknown): string {
  if (error instanceof SubgraphRequestError) {
    if (error.kind === 'GRAPHQL') return `CRM refused: ${error.errors.map((e) => `${e.message}${e.extensions?.['code'] ? ` (${String(e.extensions['code'])})` : ''}`).join('; ')}`;
    return error.kind === 'UNREACHABLE' ? `CRM could not be reached: ${error.message}` : `CRM answered: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}
