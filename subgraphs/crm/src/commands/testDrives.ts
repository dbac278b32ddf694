import { badInput, conflict, dateTimeValue, forbidden, intValue, notFound, optionalText, recordEvents, requiredText } from '@l2c/shared';
import { testDriveChanged } from '../domain/events.ts';
import type { TestDriveRow } from '../store/rows.ts';
import { insertTestDrive, testDrivesByIds, updateTestDriveRow } from '../store/testDrives.ts';
import { assertLeadChangeable } from '../domain/leadRules.ts';
import { assertCanWrite, clock, idSource, readDealer, readLead, readOpportunity, type CommandContext } from './context.ts';

export interface ScheduleTestDriveInput {
  leadId?: string | null;
  opportunityId?: string | null;
  dealerId: string;
  vehicle: string;
  productCode?: string | null;
  scheduledAt: string | Date;
}

/** Books a test drive for a lead or an opportunity at a dealer; partners book at their own dealer, in the future. */
export async function scheduleTestDrive(ctx: CommandContext, input: ScheduleTestDriveInput): Promise<TestDriveRow> {
  assertCanWrite(ctx, 'scheduleTestDrive');
  if (!input.leadId && !input.opportunityId) throw badInput('input.leadId', null, 'a test drive is for a lead or an opportunity: give leadId or opportunityId');
  const scheduledAt = dateTimeValue('input.scheduledAt', input.scheduledAt);
  if (scheduledAt.getTime() <= clock(ctx).getTime()) throw badInput('input.scheduledAt', input.scheduledAt, 'must be in the future');
  if (ctx.scope.kind === 'dealer' && input.dealerId !== ctx.scope.dealerAccountId) {
    throw forbidden(`input.dealerId: a partner books test drives at its own dealer ${ctx.scope.dealerAccountId} only`);
  }
  return ctx.store.transaction(async (tx) => {
    await readDealer(tx, input.dealerId, 'input.dealerId');
    if (input.leadId) assertLeadChangeable(await readLead(tx, ctx, input.leadId).catch(() => Promise.reject(notFound('Lead', input.leadId!, 'input.leadId'))));
    if (input.opportunityId) await readOpportunity(tx, ctx, input.opportunityId).catch(() => Promise.reject(notFound('Opportunity', input.opportunityId!, 'input.opportunityId')));
    const drive = await insertTestDrive(tx, {
      id: idSource(ctx)(),
      lead_id: input.leadId ?? null,
      opportunity_id: input.opportunityId ?? null,
      dealer_id: input.dealerId,
      vehicle: requiredText('input.vehicle', input.vehicle, 255),
      product_code: optionalText('input.productCode', input.productCode, 40) ?? null,
      scheduled_at: scheduledAt,
      status: 'SCHEDULED',
      feedback: null,
      rating: null,
    });
    await recordEvents(tx, testDriveChanged(null, drive));
    return drive;
  });
}

/** Records how a scheduled drive went: a rating from 1 to 5 and feedback, or that the customer did not come. */
export async function completeTestDrive(
  ctx: CommandContext,
  id: string,
  input: { rating: number; feedback?: string | null; noShow?: boolean | null },
): Promise<TestDriveRow> {
  assertCanWrite(ctx, 'completeTestDrive');
  const rating = intValue('input.rating', input.rating, 1, 5);
  return changeScheduled(ctx, id, (drive) =>
    input.noShow
      ? { status: 'NO_SHOW' as const, feedback: optionalText('input.feedback', input.feedback, 2000) ?? null, rating: null }
      : { status: 'COMPLETED' as const, feedback: optionalText('input.feedback', input.feedback, 2000) ?? drive.feedback, rating },
  );
}

export async function cancelTestDrive(ctx: CommandContext, id: string): Promise<TestDriveRow> {
  assertCanWrite(ctx, 'cancelTestDrive');
  return changeScheduled(ctx, id, () => ({ status: 'CANCELLED' as const }));
}

async function changeScheduled(ctx: CommandContext, id: string, change: (drive: TestDriveRow) => Partial<TestDriveRow>): Promise<TestDriveRow> {
  return ctx.store.transaction(async (tx) => {
    const [drive] = await testDrivesByIds(tx, ctx.scope, [id]);
    if (!drive) throw notFound('TestDrive', id);
    if (drive.status !== 'SCHEDULED') throw conflict(`test drive ${id} is ${drive.status}; only a scheduled drive can change`, { rule: 'TEST_DRIVE_NOT_SCHEDULED' });
    const after = await updateTestDriveRow(tx, id, change(drive));
    await recordEvents(tx, testDriveChanged(drive, after));
    return after;
  });
}
