import { conflict, dateValue, intValue, notFound, optionalText, requiredText, type Queryable } from '@l2c/shared';
import { addDays } from '../domain/contractTerms.ts';
import { familiesOf } from '../domain/productFamilies.ts';
import { assertEditable } from '../domain/quoteRules.ts';
import { CpqEventType, entity, recordCpqEvents } from '../events.ts';
import { dealerPriceBook, priceBooksByIds, standardPriceBook } from '../store/catalogue.ts';
import { deleteLine, insertLines, insertQuote, linesByQuoteIds, makePrimary, nextLineNumber, nextQuoteNumber, opportunityQuotes, quoteIdOfLine, updateLineRow, updateQuoteRow } from '../store/quotes.ts';
import type { QuoteRow } from '../store/rows.ts';
import { assertCanSell, crmOf, idSource, lockQuote, readQuote, today, withoutUndefined, type CommandContext } from './context.ts';
import { priceLines, refreshTotals, specOf, type LineSpec } from './linePricing.ts';

export interface CreateQuoteInput {
  opportunityId: string;
  name?: string | null;
  priceBookId?: string | null;
  startDate?: string | null;
  expirationDate?: string | null;
  subscriptionTerm?: number | null;
  shipTo?: string | null;
  lines?: LineSpec[] | null;
}

/** How long a quote is valid when no expiration date is given. */
const DEFAULT_VALIDITY_DAYS = 30;

/**
 * Creates a quote for an opportunity. The opportunity is read from CRM as the caller (so a partner reaches only its
 * own dealer's), and its account and dealer are captured on the quote for scope. The first quote of an opportunity
 * is its primary quote; an opportunity with an accepted quote takes no more.
 */
export async function createQuote(ctx: CommandContext, input: CreateQuoteInput): Promise<QuoteRow> {
  assertCanSell(ctx, 'createQuote');
  const startDate = input.startDate == null ? today(ctx) : dateValue('input.startDate', input.startDate);
  const expirationDate = input.expirationDate == null ? addDays(startDate, DEFAULT_VALIDITY_DAYS) : dateValue('input.expirationDate', input.expirationDate);
  if (expirationDate < startDate) throw conflict(`input.expirationDate: ${expirationDate} is before the start date ${startDate}`, { rule: 'QUOTE_EXPIRES_BEFORE_START' });
  const subscriptionTerm = intValue('input.subscriptionTerm', input.subscriptionTerm ?? 12, 1, 120);
  const opportunity = await crmOf(ctx).opportunity(input.opportunityId);
  if (!opportunity || (ctx.scope.kind === 'dealer' && opportunity.dealerId !== ctx.scope.dealerAccountId)) {
    throw notFound('Opportunity', input.opportunityId, 'input.opportunityId');
  }
  if (opportunity.isClosed) throw conflict(`opportunity ${opportunity.id} is ${opportunity.stage}; a closed opportunity takes no new quotes`, { rule: 'OPPORTUNITY_CLOSED' });
  const newId = idSource(ctx);
  return ctx.store.transaction(async (tx) => {
    const existing = await opportunityQuotes(tx, opportunity.id);
    if (existing.accepted) throw conflict(`opportunity ${opportunity.id} already has the accepted quote ${existing.accepted}`, { rule: 'OPPORTUNITY_HAS_ACCEPTED_QUOTE' });
    const priceBookId = await choosePriceBook(tx, ctx, input.priceBookId, opportunity.dealerId);
    const id = newId();
    const quote = {
      id,
      number: await nextQuoteNumber(tx),
      name: input.name == null ? opportunity.name : requiredText('input.name', input.name, 120),
      opportunity_id: opportunity.id,
      account_id: opportunity.accountId,
      dealer_id: opportunity.dealerId,
      is_primary: existing.count === 0,
      price_book_id: priceBookId,
      start_date: startDate,
      expiration_date: expirationDate,
      subscription_term: subscriptionTerm,
      ship_to: optionalText('input.shipTo', input.shipTo, 120) ?? null,
      created_by: ctx.identity.subject,
    };
    await insertQuote(tx, quote);
    const priced = await priceLines(tx, quote, input.lines ?? [], (i) => `input.lines[${i}]`);
    await insertLines(tx, priced.map((line, i) => ({ ...line, id: newId(), quote_id: id, number: i + 1 })));
    await refreshTotals(tx, id);
    const created = await readQuote(tx, ctx, id);
    await recordCpqEvents(tx, [
      {
        type: CpqEventType.QuoteCreated,
        entity: entity('Quote', id),
        dealerIds: [created.dealer_id],
        changes: { number: created.number, opportunityId: created.opportunity_id, isPrimary: created.is_primary, netAmount: created.net_amount, productFamilies: familiesOf(priced) },
      },
    ]);
    return created;
  });
}

export interface UpdateQuoteInput {
  name?: string | null;
  startDate?: string | null;
  expirationDate?: string | null;
  subscriptionTerm?: number | null;
  shipTo?: string | null;
}

/** Changes the quote's terms; a new start date or term reprices its subscription lines. */
export async function updateQuote(ctx: CommandContext, id: string, input: UpdateQuoteInput): Promise<QuoteRow> {
  return changeQuote(ctx, id, 'updateQuote', async (tx, quote) => {
    const columns = withoutUndefined({
      name: input.name == null ? undefined : requiredText('input.name', input.name, 120),
      start_date: input.startDate == null ? undefined : dateValue('input.startDate', input.startDate),
      expiration_date: input.expirationDate == null ? undefined : dateValue('input.expirationDate', input.expirationDate),
      subscription_term: input.subscriptionTerm == null ? undefined : intValue('input.subscriptionTerm', input.subscriptionTerm, 1, 120),
      ship_to: optionalText('input.shipTo', input.shipTo, 120),
    });
    const after = { ...quote, ...columns };
    if (after.expiration_date && after.expiration_date < after.start_date) {
      throw conflict(`input.expirationDate: ${after.expiration_date} is before the start date ${after.start_date}`, { rule: 'QUOTE_EXPIRES_BEFORE_START' });
    }
    await updateQuoteRow(tx, id, columns);
    if (columns.start_date !== undefined || columns.subscription_term !== undefined) await repriceLines(tx, after);
    return { fields: Object.keys(columns) };
  });
}

export async function addQuoteLine(ctx: CommandContext, quoteId: string, spec: LineSpec): Promise<QuoteRow> {
  return changeQuote(ctx, quoteId, 'addQuoteLine', async (tx, quote) => {
    const [priced] = await priceLines(tx, quote, [spec], () => 'input');
    await insertLines(tx, [{ ...priced!, id: idSource(ctx)(), quote_id: quoteId, number: await nextLineNumber(tx, quoteId) }]);
    return { lineAdded: priced!.product_code };
  });
}

export interface UpdateQuoteLineInput {
  quantity?: number | null;
  discountPercent?: string | null;
  discountAmount?: string | null;
  subscriptionTerm?: number | null;
  startDate?: string | null;
  shipTo?: string | null;
  requestedDate?: string | null;
}

/**
 * Changes a line and prices it again. Fields left out keep their value, null clears the optional ones, and a discount
 * given replaces the other kind (null for both removes the discount).
 */
export async function updateQuoteLine(ctx: CommandContext, lineId: string, input: UpdateQuoteLineInput): Promise<QuoteRow> {
  const quoteId = await visibleQuoteOfLine(ctx, lineId);
  return changeQuote(ctx, quoteId, 'updateQuoteLine', async (tx, quote) => {
    const line = (await linesByQuoteIds(tx, [quoteId])).find((l) => l.id === lineId)!;
    const discount =
      input.discountPercent != null
        ? { discountPercent: input.discountPercent, discountAmount: null }
        : input.discountAmount != null
          ? { discountPercent: null, discountAmount: input.discountAmount }
          : input.discountPercent === null && input.discountAmount === null
            ? { discountPercent: null, discountAmount: null }
            : {};
    const { subscriptionTerm, startDate, shipTo, requestedDate } = input;
    const spec: LineSpec = { ...specOf(line), ...withoutUndefined({ subscriptionTerm, startDate, shipTo, requestedDate }), quantity: input.quantity ?? line.quantity, ...discount };
    const [priced] = await priceLines(tx, quote, [spec], () => 'input');
    await updateLineRow(tx, lineId, priced!);
    return { lineChanged: line.product_code };
  });
}

export async function removeQuoteLine(ctx: CommandContext, lineId: string): Promise<QuoteRow> {
  const quoteId = await visibleQuoteOfLine(ctx, lineId);
  return changeQuote(ctx, quoteId, 'removeQuoteLine', async (tx) => {
    await deleteLine(tx, lineId);
    return { lineRemoved: lineId };
  });
}

/** A new draft for the same opportunity with the same terms and lines, priced at today's prices; not primary. */
export async function cloneQuote(ctx: CommandContext, id: string): Promise<QuoteRow> {
  assertCanSell(ctx, 'cloneQuote');
  const newId = idSource(ctx);
  return ctx.store.transaction(async (tx) => {
    const source = await lockQuote(tx, ctx, id);
    const existing = await opportunityQuotes(tx, source.opportunity_id);
    if (existing.accepted) throw conflict(`opportunity ${source.opportunity_id} already has the accepted quote ${existing.accepted}`, { rule: 'OPPORTUNITY_HAS_ACCEPTED_QUOTE' });
    const startDate = source.start_date < today(ctx) ? today(ctx) : source.start_date;
    const clone = {
      id: newId(),
      number: await nextQuoteNumber(tx),
      name: source.name,
      opportunity_id: source.opportunity_id,
      account_id: source.account_id,
      dealer_id: source.dealer_id,
      is_primary: false,
      price_book_id: source.price_book_id,
      start_date: startDate,
      expiration_date: addDays(startDate, DEFAULT_VALIDITY_DAYS),
      subscription_term: source.subscription_term,
      ship_to: source.ship_to,
      created_by: ctx.identity.subject,
    };
    await insertQuote(tx, clone);
    const lines = await linesByQuoteIds(tx, [id]);
    const priced = await priceLines(tx, clone, lines.map(specOf), (i) => `lines[${i}]`);
    await insertLines(tx, priced.map((line, i) => ({ ...line, id: newId(), quote_id: clone.id, number: lines[i]!.number })));
    await refreshTotals(tx, clone.id);
    const created = await readQuote(tx, ctx, clone.id);
    await recordCpqEvents(tx, [
      {
        type: CpqEventType.QuoteCreated,
        entity: entity('Quote', clone.id),
        dealerIds: [created.dealer_id],
        changes: { number: created.number, clonedFrom: source.number, opportunityId: created.opportunity_id, netAmount: created.net_amount, productFamilies: familiesOf(priced) },
      },
    ]);
    return created;
  });
}

/** Makes the quote its opportunity's primary quote (the one the opportunity follows). */
export async function setPrimaryQuote(ctx: CommandContext, id: string): Promise<QuoteRow> {
  assertCanSell(ctx, 'setPrimaryQuote');
  return ctx.store.transaction(async (tx) => {
    const quote = await lockQuote(tx, ctx, id);
    if (quote.is_primary) return quote;
    const existing = await opportunityQuotes(tx, quote.opportunity_id);
    if (existing.accepted) throw conflict(`opportunity ${quote.opportunity_id} follows its accepted quote ${existing.accepted}; the primary quote no longer changes`, { rule: 'OPPORTUNITY_HAS_ACCEPTED_QUOTE' });
    const previous = await makePrimary(tx, quote);
    await recordCpqEvents(tx, [{ type: CpqEventType.QuotePrimaryChanged, entity: entity('Quote', id), dealerIds: [quote.dealer_id], changes: { opportunityId: quote.opportunity_id, previousPrimaryQuoteId: previous } }]);
    return readQuote(tx, ctx, id);
  });
}

/**
 * One change to an editable quote in one transaction: the change, the totals recomputed from the lines, and a quote
 * that was Rejected or Approved back to Draft (it must be submitted again; smart approvals carry what did not change).
 */
async function changeQuote(ctx: CommandContext, id: string, action: string, change: (tx: Queryable, quote: QuoteRow) => Promise<Record<string, unknown>>): Promise<QuoteRow> {
  assertCanSell(ctx, action);
  return ctx.store.transaction(async (tx) => {
    const before = await lockQuote(tx, ctx, id);
    assertEditable(before);
    const changes = await change(tx, before);
    await refreshTotals(tx, id);
    if (before.status !== 'DRAFT') await updateQuoteRow(tx, id, { status: 'DRAFT' });
    const after = await readQuote(tx, ctx, id);
    await recordCpqEvents(tx, [
      {
        type: CpqEventType.QuoteChanged,
        entity: entity('Quote', id),
        dealerIds: [after.dealer_id],
        changes: {
          ...changes,
          ...(before.status !== after.status ? { status: { from: before.status, to: after.status } } : {}),
          ...(before.net_amount !== after.net_amount ? { netAmount: { from: before.net_amount, to: after.net_amount } } : {}),
        },
      },
    ]);
    return after;
  });
}

async function repriceLines(tx: Queryable, quote: QuoteRow): Promise<void> {
  const lines = await linesByQuoteIds(tx, [quote.id]);
  const priced = await priceLines(tx, quote, lines.map(specOf), (i) => `lines[${i}]`);
  for (const [i, line] of lines.entries()) await updateLineRow(tx, line.id, priced[i]!);
}

async function visibleQuoteOfLine(ctx: CommandContext, lineId: string): Promise<string> {
  const quoteId = await quoteIdOfLine(ctx.store, lineId);
  if (!quoteId) throw notFound('QuoteLine', lineId);
  await readQuote(ctx.store, ctx, quoteId).catch(() => {
    throw notFound('QuoteLine', lineId);
  });
  return quoteId;
}

/** The price book asked for (the standard one or the dealer's own), else the dealer's, else the standard one. */
async function choosePriceBook(tx: Queryable, ctx: CommandContext, requested: string | null | undefined, dealerId: string | null): Promise<string> {
  if (requested) {
    const [book] = await priceBooksByIds(tx, ctx.scope, [requested]);
    if (!book) throw notFound('PriceBook', requested, 'input.priceBookId');
    if (!book.is_active) throw conflict(`input.priceBookId: price book ${JSON.stringify(book.name)} is inactive`, { rule: 'PRICE_BOOK_INACTIVE' });
    if (book.dealer_id && book.dealer_id !== dealerId) throw conflict(`input.priceBookId: ${JSON.stringify(book.name)} is another dealer's price book`, { rule: 'PRICE_BOOK_OF_ANOTHER_DEALER' });
    return book.id;
  }
  const own = dealerId ? await dealerPriceBook(tx, dealerId) : null;
  if (own) return own.id;
  const standard = await standardPriceBook(tx);
  if (!standard) throw conflict('the catalogue has no standard price book yet', { rule: 'NO_STANDARD_PRICE_BOOK' });
  return standard.id;
}
