import { badInput, conflict, dateTimeValue, notFound, optionalText, recordEvents, requiredText, type Queryable } from '@l2c/shared';
import { facts, visitCancelled, visitScheduled } from '../domain/events.ts';
import { expectationColumns } from '../domain/indicators.ts';
import { assertVisitStatus, statusForAssessors } from '../domain/visitRules.ts';
import { assessorsByIds } from '../store/assessors.ts';
import { locationsByIds } from '../store/dealers.ts';
import { insertResults } from '../store/results.ts';
import type { TemplateVersionRow, VisitPriority, VisitRow } from '../store/rows.ts';
import { indicatorsByVersionIds, tasksByVersionIds, templatesByIds, versionsByIds, versionsByTemplateIds } from '../store/templates.ts';
import { insertVisit, insertVisitTasks, setVisitAssessors, updateVisitRow } from '../store/visits.ts';
import { confirmDealer, primaryLocation, rememberDealer } from './dealers.ts';
import { assertPlanner, clock, idSource, lockVisit, readVisit, type CommandContext } from './context.ts';

export interface PlanVisitInput {
  dealerId: string;
  /** A location of the dealer. Default: its primary location (created from CRM's address on the first visit). */
  locationId?: string | null;
  /** The template: its published version is used. Give this or `templateVersionId`. */
  templateId?: string | null;
  /** A published version of a template, explicitly. */
  templateVersionId?: string | null;
  scheduledStart: string | Date;
  scheduledEnd?: string | Date | null;
  assessorIds?: readonly string[] | null;
  priority?: VisitPriority | null;
  instructions?: string | null;
}

/**
 * Plans a visit to a dealer with a template's published version: the visit gets one task per template task and one
 * result per indicator, each with its expectation copied, so later revisions of the template never change it. With
 * assessors it is scheduled at once (and `VisitScheduled` is recorded); without, it waits for them as PLANNED.
 */
export async function planVisit(ctx: CommandContext, input: PlanVisitInput): Promise<VisitRow> {
  assertPlanner(ctx, 'planVisit');
  const { start, end } = schedule(ctx, input.scheduledStart, input.scheduledEnd ?? null);
  const assessorIds = uniqueIds(input.assessorIds ?? []);
  const instructions = optionalText('input.instructions', input.instructions, 4000) ?? null;
  const confirmed = await confirmDealer(ctx, input.dealerId, 'input.dealerId');
  const newId = idSource(ctx);
  const id = newId();
  return ctx.store.transaction(async (tx) => {
    const version = await plannableVersion(tx, input);
    await checkAssessors(tx, assessorIds, 'input.assessorIds');
    await rememberDealer(tx, confirmed);
    const location = input.locationId ? await dealerLocation(tx, input.dealerId, input.locationId) : await primaryLocation(tx, ctx, input.dealerId, confirmed.facts);
    const status = statusForAssessors('PLANNED', assessorIds.length);
    await insertVisit(tx, {
      id,
      dealer_id: input.dealerId,
      location_id: location.id,
      template_version_id: version.id,
      status,
      priority: input.priority ?? 'MEDIUM',
      instructions,
      scheduled_start: start,
      scheduled_end: end,
      created_by: ctx.identity.subject,
    });
    await copyContent(tx, id, version, newId);
    if (assessorIds.length) await setVisitAssessors(tx, id, assessorIds);
    const visit = await readVisit(tx, { ...ctx, scope: { kind: 'all' } }, id);
    if (status === 'SCHEDULED') await recordEvents(tx, [visitScheduled(facts(visit))]);
    return visit;
  });
}

/** Replaces the visit's assessors. A planned visit with assessors is scheduled; one left with none goes back to planned. */
export async function assignVisit(ctx: CommandContext, id: string, assessorIdsInput: readonly string[]): Promise<VisitRow> {
  assertPlanner(ctx, 'assignVisit');
  const assessorIds = uniqueIds(assessorIdsInput);
  return ctx.store.transaction(async (tx) => {
    const visit = await lockVisit(tx, ctx, id);
    assertVisitStatus(visit, ['PLANNED', 'SCHEDULED', 'IN_PROGRESS'], 'assigning assessors');
    if (visit.status === 'IN_PROGRESS' && assessorIds.length === 0) throw badInput('assessorIds', assessorIds, 'a visit in progress keeps at least one assessor');
    await checkAssessors(tx, assessorIds, 'assessorIds');
    await setVisitAssessors(tx, id, assessorIds);
    const status = statusForAssessors(visit.status, assessorIds.length);
    if (status === visit.status) return visit;
    await updateVisitRow(tx, id, { status });
    const after = { ...visit, status };
    if (status === 'SCHEDULED') await recordEvents(tx, [visitScheduled(facts(after))]);
    return after;
  });
}

/** Moves a visit that has not started to another time; a scheduled one records `VisitScheduled` with the time it had. */
export async function rescheduleVisit(ctx: CommandContext, id: string, scheduledStart: string | Date, scheduledEnd: string | Date | null | undefined): Promise<VisitRow> {
  assertPlanner(ctx, 'rescheduleVisit');
  const { start, end } = schedule(ctx, scheduledStart, scheduledEnd ?? null);
  return ctx.store.transaction(async (tx) => {
    const visit = await lockVisit(tx, ctx, id);
    assertVisitStatus(visit, ['PLANNED', 'SCHEDULED'], 'rescheduling');
    await updateVisitRow(tx, id, { scheduled_start: start, scheduled_end: end });
    const after = { ...visit, scheduled_start: start, scheduled_end: end };
    if (visit.status === 'SCHEDULED' && start.getTime() !== visit.scheduled_start.getTime()) await recordEvents(tx, [visitScheduled(facts(after), visit.scheduled_start)]);
    return after;
  });
}

/** Cancels a visit that has not completed; the reason is kept (Salesforce's status remarks). */
export async function cancelVisit(ctx: CommandContext, id: string, reasonInput: string): Promise<VisitRow> {
  assertPlanner(ctx, 'cancelVisit');
  const reason = requiredText('reason', reasonInput, 1000);
  return ctx.store.transaction(async (tx) => {
    const visit = await lockVisit(tx, ctx, id);
    assertVisitStatus(visit, ['PLANNED', 'SCHEDULED', 'IN_PROGRESS'], 'cancelling');
    const now = clock(ctx);
    await updateVisitRow(tx, id, { status: 'CANCELLED', cancelled_at: now, status_remarks: reason });
    const after: VisitRow = { ...visit, status: 'CANCELLED', cancelled_at: now, status_remarks: reason };
    await recordEvents(tx, [visitCancelled(facts(after), visit.status, reason)]);
    return after;
  });
}

function schedule(ctx: CommandContext, startInput: string | Date, endInput: string | Date | null): { start: Date; end: Date | null } {
  const start = dateTimeValue('input.scheduledStart', startInput);
  if (start.getTime() < clock(ctx).getTime()) throw badInput('input.scheduledStart', startInput, 'must not be in the past');
  const end = endInput === null ? null : dateTimeValue('input.scheduledEnd', endInput);
  if (end && end.getTime() <= start.getTime()) throw badInput('input.scheduledEnd', endInput, 'must be after the scheduled start');
  return { start, end };
}

function uniqueIds(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.trim()))];
}

async function plannableVersion(tx: Queryable, input: PlanVisitInput): Promise<TemplateVersionRow> {
  if (input.templateVersionId) {
    const [version] = await versionsByIds(tx, [input.templateVersionId]);
    if (!version) throw notFound('ActionPlanTemplateVersion', input.templateVersionId, 'input.templateVersionId');
    if (input.templateId && input.templateId !== version.template_id) throw badInput('input.templateVersionId', input.templateVersionId, `is a version of another template than ${input.templateId}`);
    if (version.status !== 'PUBLISHED') {
      throw conflict(`input.templateVersionId: version ${version.version} is ${version.status}; visits are planned with the published version`, { rule: 'TEMPLATE_VERSION_NOT_PUBLISHED', status: version.status });
    }
    return version;
  }
  if (!input.templateId) throw badInput('input.templateId', null, 'give the template (its published version is used) or templateVersionId');
  const [template] = await templatesByIds(tx, [input.templateId]);
  if (!template) throw notFound('ActionPlanTemplate', input.templateId, 'input.templateId');
  const published = (await versionsByTemplateIds(tx, [template.id])).find((v) => v.status === 'PUBLISHED');
  if (!published) throw conflict(`input.templateId: template ${JSON.stringify(template.name)} has no published version yet; publish a version first`, { rule: 'TEMPLATE_NOT_PUBLISHED' });
  return published;
}

async function checkAssessors(tx: Queryable, ids: readonly string[], field: string): Promise<void> {
  if (ids.length === 0) return;
  const found = new Map((await assessorsByIds(tx, ids)).map((a) => [a.id, a]));
  ids.forEach((id, i) => {
    const assessor = found.get(id);
    if (!assessor) throw notFound('Assessor', id, `${field}[${i}]`);
    if (!assessor.is_active) throw badInput(`${field}[${i}]`, id, `assessor ${assessor.name} is inactive`);
  });
}

async function dealerLocation(tx: Queryable, dealerId: string, locationId: string) {
  const [location] = await locationsByIds(tx, [locationId]);
  if (!location) throw notFound('DealerLocation', locationId, 'input.locationId');
  if (location.dealer_id !== dealerId) throw badInput('input.locationId', locationId, `is a location of another dealer than ${dealerId}`);
  return location;
}

/** The version's tasks and a result per indicator, expectations copied. */
async function copyContent(tx: Queryable, visitId: string, version: TemplateVersionRow, newId: () => string): Promise<void> {
  const tasks = await tasksByVersionIds(tx, [version.id]);
  const taskIds = new Map(tasks.map((task) => [task.id, newId()]));
  await insertVisitTasks(
    tx,
    tasks.map((task) => ({ id: taskIds.get(task.id)!, visit_id: visitId, template_task_id: task.id, position: task.position, name: task.name, is_required: task.is_required })),
  );
  const indicators = await indicatorsByVersionIds(tx, [version.id]);
  await insertResults(
    tx,
    indicators.map((d) => ({
      id: newId(),
      visit_id: visitId,
      visit_task_id: taskIds.get(d.task_id) ?? null,
      indicator_id: d.id,
      data_type: d.data_type,
      is_required: d.is_required,
      ...expectationColumns(d),
    })),
  );
}

