import { recordEvents } from '@l2c/shared';
import { leadChanged, opportunityCreated } from '../domain/events.ts';
import { planConversion, type Conversion, type ConvertLeadOptions } from '../domain/convertLead.ts';
import { contactsByAccountIds, contactsByIds, insertAccount, insertContact, accountsByIds } from '../store/accounts.ts';
import { lineItemsByLeadIds, preferredSellersByLeadIds, updateLeadRow } from '../store/leads.ts';
import { insertOpportunity, insertOpportunityLineItems, insertOpportunityPreferredSellers, opportunityStages } from '../store/opportunities.ts';
import { linkTestDrivesToOpportunity } from '../store/testDrives.ts';
import { assertCanWrite, clock, idSource, lockLead, readLead, readOpportunity, type CommandContext } from './context.ts';

/**
 * Converts a qualified lead in ONE transaction: the account (or an existing one), the contact, the opportunity with
 * copies of the lead's line items and preferred sellers, the lead's test drives linked to the opportunity, and the
 * lead marked converted. The lead row is locked first, so two conversions of one lead cannot both succeed.
 */
export async function convertLead(ctx: CommandContext, id: string, options: ConvertLeadOptions = {}): Promise<Conversion> {
  assertCanWrite(ctx, 'convertLead');
  return ctx.store.transaction(async (tx) => {
    const lead = await lockLead(tx, ctx, id);
    const existingAccount = options.accountId ? ((await accountsByIds(tx, ctx.scope, [options.accountId]))[0] ?? null) : null;
    const stages = await opportunityStages(tx);
    const plan = planConversion({
      lead,
      lineItems: await lineItemsByLeadIds(tx, [id]),
      preferredSellers: await preferredSellersByLeadIds(tx, [id]),
      options,
      existingAccount,
      existingContacts: existingAccount ? await contactsByAccountIds(tx, ctx.scope, [existingAccount.id]) : [],
      firstStage: stages.find((stage) => !stage.is_closed)!,
      now: clock(ctx),
      newId: idSource(ctx),
    });
    const account = plan.account ? await insertAccount(tx, plan.account) : existingAccount!;
    const contact = plan.contact ? await insertContact(tx, plan.contact) : (await contactsByIds(tx, ctx.scope, [plan.contactId]))[0]!;
    await insertOpportunity(tx, plan.opportunity);
    await insertOpportunityLineItems(tx, plan.lineItems);
    await insertOpportunityPreferredSellers(tx, plan.preferredSellers);
    await linkTestDrivesToOpportunity(tx, id, plan.opportunity.id);
    await updateLeadRow(tx, id, plan.leadChanges);
    const converted = await readLead(tx, ctx, id);
    const opportunity = await readOpportunity(tx, ctx, plan.opportunity.id);
    await recordEvents(tx, [opportunityCreated(opportunity), ...leadChanged(lead, converted)]);
    return { lead: converted, account, contact, opportunity };
  });
}
