import { badInput, conflict, dateValue, forbidden, notFound, optionalText, recordEvent, recordEvents, requiredText, type Queryable } from '@l2c/shared';
import { leadChanged, leadCreated } from '../domain/events.ts';
import { assertArchivable, assertLeadChangeable, assertStatusChange, findStatus, nurtureStatus } from '../domain/leadRules.ts';
import { leadColumns, lineItemColumns, type LeadFieldsInput, type LineItemInput, type PreferredSellerInput } from '../domain/leadInput.ts';
import {
  deleteLeadChild,
  insertLead,
  insertLeadLineItems,
  insertLeadPreferredSellers,
  insertLeadStatus,
  leadIdOfChild,
  leadStatuses,
  preferredSellersByLeadIds,
  updateLeadRow,
} from '../store/leads.ts';
import type { LeadRow, LeadStatusKind, LeadStatusRow, SourceChannel } from '../store/rows.ts';
import { assertCanWrite, assertInternal, clock, idSource, lockLead, readDealer, readLead, type CommandContext } from './context.ts';

export interface CreateLeadInput extends LeadFieldsInput {
  lastName: string;
  sourceChannel: SourceChannel;
  dealerId?: string | null;
  lineItems?: LineItemInput[] | null;
  preferredSellers?: PreferredSellerInput[] | null;
}

/** Creates a lead with its line items and preferred sellers, in the default status. Partners' leads belong to their dealer. */
export async function createLead(ctx: CommandContext, input: CreateLeadInput): Promise<LeadRow> {
  assertCanWrite(ctx, 'createLead');
  const columns = leadColumns(input);
  const newId = idSource(ctx);
  return ctx.store.transaction(async (tx) => {
    const dealerId = await leadDealer(tx, ctx, input.dealerId);
    const statuses = await leadStatuses(tx);
    const status = statuses.find((s) => s.is_default) ?? statuses[0]!;
    const id = newId();
    await insertLead(tx, withoutUndefined({ ...columns, id, status: status.name, source_channel: input.sourceChannel, dealer_id: dealerId }));
    await insertLeadLineItems(tx, (input.lineItems ?? []).map((item, i) => ({ id: newId(), lead_id: id, ...withoutPrice(lineItemColumns(`input.lineItems[${i}]`, item)) })));
    await addSellers(tx, id, input.preferredSellers ?? [], 'input.preferredSellers', newId);
    const lead = await readLead(tx, ctx, id);
    await recordEvent(tx, leadCreated(lead));
    return lead;
  });
}

export async function updateLead(ctx: CommandContext, id: string, input: LeadFieldsInput): Promise<LeadRow> {
  assertCanWrite(ctx, 'updateLead');
  return changeLead(ctx, id, async (tx, lead) => {
    assertLeadChangeable(lead);
    await updateLeadRow(tx, id, withoutUndefined(leadColumns(input, lead)));
  });
}

export async function addLeadLineItem(ctx: CommandContext, leadId: string, input: LineItemInput): Promise<LeadRow> {
  assertCanWrite(ctx, 'addLeadLineItem');
  const columns = withoutPrice(lineItemColumns('input', input));
  return changeLead(ctx, leadId, async (tx, lead) => {
    assertLeadChangeable(lead);
    await insertLeadLineItems(tx, [{ id: idSource(ctx)(), lead_id: leadId, ...columns }]);
  });
}

export async function removeLeadLineItem(ctx: CommandContext, id: string): Promise<LeadRow> {
  return removeChild(ctx, 'lead_line_items', id, 'LeadLineItem');
}

export async function addLeadPreferredSeller(ctx: CommandContext, leadId: string, input: PreferredSellerInput): Promise<LeadRow> {
  assertCanWrite(ctx, 'addLeadPreferredSeller');
  return changeLead(ctx, leadId, async (tx, lead) => {
    assertLeadChangeable(lead);
    await addSellers(tx, leadId, [input], 'input', idSource(ctx));
  });
}

export async function removeLeadPreferredSeller(ctx: CommandContext, id: string): Promise<LeadRow> {
  return removeChild(ctx, 'lead_preferred_sellers', id, 'LeadPreferredSeller');
}

export async function setLeadStatus(ctx: CommandContext, id: string, statusName: string): Promise<LeadRow> {
  assertCanWrite(ctx, 'setLeadStatus');
  return changeLead(ctx, id, async (tx, lead) => {
    const target = findStatus(await leadStatuses(tx), statusName);
    if (target.kind === 'UNQUALIFIED' && lead.status_kind !== 'UNQUALIFIED') {
      throw badInput('status', statusName, 'a lead becomes unqualified with a reason: use disqualifyLead');
    }
    assertStatusChange(lead, target);
    await updateLeadRow(tx, id, { status: target.name, ...leavingNurture(lead, target) });
  });
}

export interface QualificationInput {
  need?: boolean | null;
  authority?: boolean | null;
  abilityToDeliver?: boolean | null;
  notes?: string | null;
}

export async function recordQualification(ctx: CommandContext, id: string, input: QualificationInput): Promise<LeadRow> {
  assertCanWrite(ctx, 'recordQualification');
  return changeLead(ctx, id, async (tx, lead) => {
    assertLeadChangeable(lead);
    await updateLeadRow(tx, id, criteriaColumns(input));
  });
}

/** Records the criteria given, then moves the lead to the Qualified status; refused with the unmet criteria named. */
export async function qualifyLead(ctx: CommandContext, id: string, input: QualificationInput | null | undefined): Promise<LeadRow> {
  assertCanWrite(ctx, 'qualifyLead');
  return changeLead(ctx, id, async (tx, lead) => {
    const criteria = { ...lead, ...criteriaColumns(input ?? {}) };
    const target = statusOfKind(await leadStatuses(tx), 'QUALIFIED');
    assertStatusChange(criteria, target);
    await updateLeadRow(tx, id, { ...criteriaColumns(input ?? {}), status: target.name, unqualified_reason: null, ...leavingNurture(lead, target) });
  });
}

export async function disqualifyLead(ctx: CommandContext, id: string, reason: string): Promise<LeadRow> {
  assertCanWrite(ctx, 'disqualifyLead');
  const why = requiredText('reason', reason, 1000);
  return changeLead(ctx, id, async (tx, lead) => {
    const target = statusOfKind(await leadStatuses(tx), 'UNQUALIFIED');
    assertStatusChange(lead, target);
    await updateLeadRow(tx, id, { status: target.name, unqualified_reason: why, ...leavingNurture(lead, target) });
  });
}

export async function nurtureLead(ctx: CommandContext, id: string, until: string | null | undefined, statusName: string | null | undefined): Promise<LeadRow> {
  assertCanWrite(ctx, 'nurtureLead');
  return changeLead(ctx, id, async (tx, lead) => {
    const target = nurtureStatus(await leadStatuses(tx), statusName);
    assertLeadChangeable(lead);
    if (lead.status_kind !== 'UNQUALIFIED' && lead.status_kind !== 'NURTURE') {
      throw conflict(`lead ${id} is ${lead.status}; only unqualified leads go on the nurture path (disqualify it first)`, { rule: 'LEAD_NOT_UNQUALIFIED' });
    }
    const today = clock(ctx).toISOString().slice(0, 10);
    if (until) dateValue('until', until);
    if (until && until <= today) throw badInput('until', until, `must be a date after today (${today})`);
    await updateLeadRow(tx, id, { status: target.name, nurture_until: until ?? null });
  });
}

export async function archiveLead(ctx: CommandContext, id: string, reason: string): Promise<LeadRow> {
  assertCanWrite(ctx, 'archiveLead');
  return changeLead(ctx, id, async (tx, lead) => {
    assertArchivable(lead, reason);
    await updateLeadRow(tx, id, { archived_at: clock(ctx), archive_reason: reason.trim() });
  });
}

/** Assigns a lead to a dealer; only the OEM routes leads, partners cannot hand leads to each other. */
export async function assignLeadToDealer(ctx: CommandContext, leadId: string, dealerId: string): Promise<LeadRow> {
  assertInternal(ctx, 'assignLeadToDealer');
  return changeLead(ctx, leadId, async (tx, lead) => {
    assertLeadChangeable(lead);
    await readDealer(tx, dealerId, 'dealerId');
    await updateLeadRow(tx, leadId, { dealer_id: dealerId });
  });
}

export interface DefineLeadStatusInput {
  name: string;
  kind: LeadStatusKind;
  sortOrder: number;
  description?: string | null;
}

/** Adds a custom status; its kind says which rules it follows (a NURTURE status is a step on the nurture path). */
export async function defineLeadStatus(ctx: CommandContext, input: DefineLeadStatusInput): Promise<LeadStatusRow> {
  assertInternal(ctx, 'defineLeadStatus');
  const name = requiredText('input.name', input.name, 40);
  return ctx.store.transaction(async (tx) => {
    if ((await leadStatuses(tx)).some((s) => s.name.toLowerCase() === name.toLowerCase())) {
      throw conflict(`input.name: a lead status named ${JSON.stringify(name)} already exists`, { field: 'input.name' });
    }
    return insertLeadStatus(tx, {
      name,
      kind: input.kind,
      sort_order: input.sortOrder,
      is_default: false,
      is_custom: true,
      description: optionalText('input.description', input.description, 255) ?? null,
    });
  });
}

/** Locks the lead, applies `change` in one transaction, and returns the lead as stored afterwards. */
/** Locks the lead, applies `change`, records the events it caused, all in one transaction; returns the lead as stored. */
async function changeLead(ctx: CommandContext, id: string, change: (tx: Queryable, lead: LeadRow) => Promise<void>): Promise<LeadRow> {
  return ctx.store.transaction(async (tx) => {
    const before = await lockLead(tx, ctx, id);
    await change(tx, before);
    const after = await readLeadAfterChange(tx, ctx, id);
    await recordEvents(tx, leadChanged(before, after));
    return after;
  });
}

/** The lead after a change; staff may have moved it out of a partner's scope, so it is read without the scope. */
async function readLeadAfterChange(tx: Queryable, ctx: CommandContext, id: string): Promise<LeadRow> {
  return readLead(tx, { ...ctx, scope: { kind: 'all' } }, id);
}

async function removeChild(ctx: CommandContext, table: 'lead_line_items' | 'lead_preferred_sellers', id: string, typename: string): Promise<LeadRow> {
  assertCanWrite(ctx, `remove${typename}`);
  return ctx.store.transaction(async (tx) => {
    const leadId = await leadIdOfChild(tx, table, id);
    if (!leadId) throw notFound(typename, id);
    const lead = await lockLead(tx, ctx, leadId).catch(() => {
      throw notFound(typename, id);
    });
    assertLeadChangeable(lead);
    await deleteLeadChild(tx, table, id);
    return readLead(tx, ctx, leadId);
  });
}

async function addSellers(tx: Queryable, leadId: string, sellers: readonly PreferredSellerInput[], field: string, newId: () => string): Promise<void> {
  const existing = new Set((await preferredSellersByLeadIds(tx, [leadId])).map((s) => s.dealer_id));
  const rows = [];
  for (const [i, seller] of sellers.entries()) {
    const path = field === 'input' ? 'input.dealerId' : `${field}[${i}].dealerId`;
    await readDealer(tx, seller.dealerId, path);
    if (existing.has(seller.dealerId)) throw conflict(`${path}: dealer ${seller.dealerId} is already a preferred seller of this lead`, { field: path });
    existing.add(seller.dealerId);
    rows.push({ id: newId(), lead_id: leadId, dealer_id: seller.dealerId, reason: seller.reason, notes: optionalText(`${field}.notes`, seller.notes, 1000) ?? null });
  }
  await insertLeadPreferredSellers(tx, rows);
}

async function leadDealer(tx: Queryable, ctx: CommandContext, dealerId: string | null | undefined): Promise<string | null> {
  if (ctx.scope.kind === 'dealer') {
    if (dealerId && dealerId !== ctx.scope.dealerAccountId) throw forbidden(`input.dealerId: a partner creates leads for its own dealer ${ctx.scope.dealerAccountId} only`);
    return ctx.scope.dealerAccountId;
  }
  if (!dealerId) return null;
  return (await readDealer(tx, dealerId, 'input.dealerId')).id;
}

function statusOfKind(statuses: readonly LeadStatusRow[], kind: LeadStatusKind): LeadStatusRow {
  const status = statuses.find((s) => s.kind === kind && !s.is_custom) ?? statuses.find((s) => s.kind === kind);
  if (!status) throw conflict(`no lead status of kind ${kind} is defined`);
  return status;
}

/** Leaving the nurture path clears its end date. */
function leavingNurture(lead: LeadRow, target: LeadStatusRow): Partial<LeadRow> {
  return lead.status_kind === 'NURTURE' && target.kind !== 'NURTURE' ? { nurture_until: null } : {};
}

function criteriaColumns(input: QualificationInput): Partial<LeadRow> {
  return withoutUndefined({
    need: input.need ?? undefined,
    authority: input.authority ?? undefined,
    ability_to_deliver: input.abilityToDeliver ?? undefined,
    qualification_notes: optionalText('input.notes', input.notes, 2000),
  });
}

function withoutPrice<T extends { unit_price: unknown }>(columns: T): Omit<T, 'unit_price'> {
  const { unit_price: _price, ...rest } = columns;
  return rest;
}

export function withoutUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

