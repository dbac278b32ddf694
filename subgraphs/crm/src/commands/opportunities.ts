import { badInput, conflict, dateValue, decimalValue, forbidden, intValue, notFound, optionalText, recordEvent, recordEvents, requiredText, type Queryable } from '@l2c/shared';
import { opportunityChanged, opportunityCreated } from '../domain/events.ts';
import { lineItemColumns, type LineItemInput, type PreferredSellerInput } from '../domain/leadInput.ts';
import { assertStageChange } from '../domain/opportunityRules.ts';
import { contactsByIds } from '../store/accounts.ts';
import {
  deleteOpportunityLineItem,
  insertOpportunity,
  insertOpportunityLineItems,
  insertOpportunityPreferredSellers,
  opportunityIdOfLineItem,
  opportunityStages,
  updateOpportunityRow,
} from '../store/opportunities.ts';
import type { OpportunityRow, SourceChannel } from '../store/rows.ts';
import { assertCanWrite, clock, idSource, lockOpportunity, readAccount, readDealer, readOpportunity, type CommandContext } from './context.ts';
import { withoutUndefined } from './leads.ts';

export interface OpportunityInput {
  name?: string | null;
  contactId?: string | null;
  amount?: string | null;
  closeDate?: string | null;
  probability?: number | null;
  discountPercent?: string | null;
  owner?: string | null;
}

export interface CreateOpportunityInput extends OpportunityInput {
  name: string;
  accountId: string;
  closeDate: string;
  dealerId?: string | null;
  stage?: string | null;
  sourceChannel?: SourceChannel | null;
  lineItems?: LineItemInput[] | null;
  preferredSellers?: PreferredSellerInput[] | null;
}

/** Creates an opportunity directly (not from a lead). Partners' opportunities belong to their dealer. */
export async function createOpportunity(ctx: CommandContext, input: CreateOpportunityInput): Promise<OpportunityRow> {
  assertCanWrite(ctx, 'createOpportunity');
  const columns = opportunityColumns(input);
  const newId = idSource(ctx);
  return ctx.store.transaction(async (tx) => {
    await readAccount(tx, ctx, input.accountId, 'input.accountId');
    if (input.contactId) await assertContactOfAccount(tx, ctx, input.contactId, input.accountId);
    const dealerId = await opportunityDealer(tx, ctx, input.dealerId);
    const stages = await opportunityStages(tx);
    const stage = input.stage ? stages.find((s) => s.name === input.stage) : stages.find((s) => !s.is_closed);
    if (!stage) throw badInput('input.stage', input.stage, `must be one of the stages: ${stages.map((s) => s.name).join(', ')}`);
    if (stage.is_closed) throw badInput('input.stage', input.stage, 'a new opportunity starts open; close it with setOpportunityStage');
    const id = newId();
    await insertOpportunity(tx, {
      id,
      name: requiredText('input.name', input.name, 120),
      account_id: input.accountId,
      contact_id: input.contactId ?? null,
      dealer_id: dealerId,
      lead_id: null,
      stage: stage.name,
      amount: columns.amount ?? null,
      close_date: dateValue('input.closeDate', input.closeDate),
      probability: columns.probability ?? stage.default_probability,
      discount_percent: columns.discount_percent ?? null,
      owner: columns.owner ?? null,
      source_channel: input.sourceChannel ?? null,
    });
    await insertOpportunityLineItems(tx, (input.lineItems ?? []).map((item, i) => ({ id: newId(), opportunity_id: id, lead_line_item_id: null, ...lineItemColumns(`input.lineItems[${i}]`, item) })));
    const sellers = [];
    for (const [i, seller] of (input.preferredSellers ?? []).entries()) {
      await readDealer(tx, seller.dealerId, `input.preferredSellers[${i}].dealerId`);
      sellers.push({ id: newId(), opportunity_id: id, dealer_id: seller.dealerId, reason: seller.reason, notes: seller.notes ?? null, lead_preferred_seller_id: null });
    }
    await insertOpportunityPreferredSellers(tx, sellers);
    const opportunity = await readOpportunity(tx, ctx, id);
    await recordEvent(tx, opportunityCreated(opportunity));
    return opportunity;
  });
}

export async function updateOpportunity(ctx: CommandContext, id: string, input: OpportunityInput): Promise<OpportunityRow> {
  assertCanWrite(ctx, 'updateOpportunity');
  const columns = opportunityColumns(input);
  return changeOpportunity(ctx, id, async (tx, opportunity) => {
    if (opportunity.is_closed) throw conflict(`opportunity ${id} is ${opportunity.stage}; a closed opportunity does not change`, { rule: 'OPPORTUNITY_CLOSED' });
    if (input.contactId) await assertContactOfAccount(tx, ctx, input.contactId, opportunity.account_id);
    await updateOpportunityRow(tx, id, withoutUndefined({ ...columns, contact_id: input.contactId ?? undefined }));
  });
}

/** Moves an opportunity to a stage, with the stage's probability; closing stamps the time, Closed Lost needs a reason. */
export async function setOpportunityStage(ctx: CommandContext, id: string, stageName: string, lossReason: string | null | undefined): Promise<OpportunityRow> {
  assertCanWrite(ctx, 'setOpportunityStage');
  return changeOpportunity(ctx, id, async (tx, opportunity) => {
    const target = assertStageChange(opportunity, await opportunityStages(tx), stageName, lossReason);
    await updateOpportunityRow(tx, id, {
      stage: target.name,
      probability: target.default_probability,
      closed_at: target.is_closed ? clock(ctx) : null,
      loss_reason: target.is_closed && !target.is_won ? (lossReason ?? '').trim() : null,
    });
  });
}

export async function addOpportunityLineItem(ctx: CommandContext, opportunityId: string, input: LineItemInput): Promise<OpportunityRow> {
  assertCanWrite(ctx, 'addOpportunityLineItem');
  const columns = lineItemColumns('input', input);
  return changeOpportunity(ctx, opportunityId, async (tx, opportunity) => {
    if (opportunity.is_closed) throw conflict(`opportunity ${opportunityId} is ${opportunity.stage}; a closed opportunity does not change`, { rule: 'OPPORTUNITY_CLOSED' });
    await insertOpportunityLineItems(tx, [{ id: idSource(ctx)(), opportunity_id: opportunityId, lead_line_item_id: null, ...columns }]);
  });
}

export async function removeOpportunityLineItem(ctx: CommandContext, id: string): Promise<OpportunityRow> {
  assertCanWrite(ctx, 'removeOpportunityLineItem');
  return ctx.store.transaction(async (tx) => {
    const opportunityId = await opportunityIdOfLineItem(tx, id);
    const opportunity = opportunityId ? await lockOpportunity(tx, ctx, opportunityId).catch(() => null) : null;
    if (!opportunity) throw notFound('OpportunityLineItem', id);
    if (opportunity.is_closed) throw conflict(`opportunity ${opportunity.id} is ${opportunity.stage}; a closed opportunity does not change`, { rule: 'OPPORTUNITY_CLOSED' });
    await deleteOpportunityLineItem(tx, id);
    return readOpportunity(tx, ctx, opportunity.id);
  });
}

async function changeOpportunity(ctx: CommandContext, id: string, change: (tx: Queryable, row: OpportunityRow) => Promise<void>): Promise<OpportunityRow> {
  return ctx.store.transaction(async (tx) => {
    const before = await lockOpportunity(tx, ctx, id);
    await change(tx, before);
    const after = await readOpportunity(tx, ctx, id);
    await recordEvents(tx, opportunityChanged(before, after));
    return after;
  });
}

function opportunityColumns(input: OpportunityInput) {
  return {
    name: input.name == null ? undefined : requiredText('input.name', input.name, 120),
    amount: input.amount == null ? undefined : decimalValue('input.amount', input.amount, { scale: 2, min: 0 }),
    close_date: input.closeDate == null ? undefined : dateValue('input.closeDate', input.closeDate),
    probability: input.probability == null ? undefined : intValue('input.probability', input.probability, 0, 100),
    discount_percent: input.discountPercent == null ? undefined : decimalValue('input.discountPercent', input.discountPercent, { scale: 2, min: 0, max: 100 }),
    owner: optionalText('input.owner', input.owner, 80),
  };
}

async function assertContactOfAccount(tx: Queryable, ctx: CommandContext, contactId: string, accountId: string): Promise<void> {
  const [contact] = await contactsByIds(tx, ctx.scope, [contactId]);
  if (!contact) throw notFound('Contact', contactId, 'input.contactId');
  if (contact.account_id !== accountId) throw badInput('input.contactId', contactId, `must be a contact of the opportunity's account ${accountId}`);
}

async function opportunityDealer(tx: Queryable, ctx: CommandContext, dealerId: string | null | undefined): Promise<string | null> {
  if (ctx.scope.kind === 'dealer') {
    if (dealerId && dealerId !== ctx.scope.dealerAccountId) throw forbidden(`input.dealerId: a partner creates opportunities for its own dealer ${ctx.scope.dealerAccountId} only`);
    return ctx.scope.dealerAccountId;
  }
  return dealerId ? (await readDealer(tx, dealerId, 'input.dealerId')).id : null;
}
