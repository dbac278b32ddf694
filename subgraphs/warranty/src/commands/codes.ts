import { badInput, conflict, decimalValue, notFound, optionalText, requiredText } from '@l2c/shared';
import { codeByKind, deleteFaultLabor, insertCode, updateCode, upsertFaultLabor } from '../store/codes.ts';
import type { CodeKind, CodeRow } from '../store/rows.ts';
import { assertManager, idSource, type CommandContext } from './context.ts';

/** The book: fault, labor operation and expense codes, and which operations repair which fault in how many hours. */

export interface CodeInput {
  kind: CodeKind;
  code: string;
  name: string;
  description?: string | null;
  standardHours?: string | null;
  rate?: string | null;
  limitAmount?: string | null;
}

const CODE = /^[A-Z0-9][A-Z0-9._/-]{0,39}$/;

/** Adds a code, or changes the one of that kind and code. Hours and rates belong to labor, limits to expenses. */
export async function defineCode(ctx: CommandContext, input: CodeInput): Promise<CodeRow> {
  assertManager(ctx, 'defineCode');
  const code = input.code.trim().toUpperCase();
  if (!CODE.test(code)) throw badInput('input.code', input.code, 'must be letters, digits and . _ / - (at most 40)');
  if (input.kind !== 'LABOR' && input.standardHours != null) throw badInput('input.standardHours', input.standardHours, 'applies to labor operation codes only');
  if (input.kind !== 'LABOR' && input.rate != null) throw badInput('input.rate', input.rate, 'applies to labor operation codes only');
  if (input.kind !== 'EXPENSE' && input.limitAmount != null) throw badInput('input.limitAmount', input.limitAmount, 'applies to expense codes only');
  const values = {
    name: requiredText('input.name', input.name, 200),
    description: optionalText('input.description', input.description ?? null, 2000) ?? null,
    standard_hours: input.standardHours == null ? null : decimalValue('input.standardHours', input.standardHours, { scale: 2, min: 0.01, max: 999 }),
    rate: input.rate == null ? null : decimalValue('input.rate', input.rate, { scale: 2, min: 0, max: 100_000 }),
    limit_amount: input.limitAmount == null ? null : decimalValue('input.limitAmount', input.limitAmount, { scale: 2, min: 0, max: 1_000_000 }),
  };
  return ctx.store.transaction(async (tx) => {
    const existing = await codeByKind(tx, input.kind, code);
    if (existing) return updateCode(tx, existing.id, values);
    return insertCode(tx, { id: idSource(ctx)(), kind: input.kind, code, ...values });
  });
}

export async function setCodeActive(ctx: CommandContext, id: string, isActive: boolean): Promise<CodeRow> {
  assertManager(ctx, 'setCodeActive');
  return ctx.store.transaction(async (tx) => {
    const [row] = await tx.query<CodeRow>('update codes set is_active = $2, updated_at = now() where id = $1 returning *', [id, isActive]);
    if (!row) throw notFound('Code', id);
    return row;
  });
}

/** Records that a fault is repaired by a labor operation in `hours` (default: the operation's standard hours). */
export async function mapFaultToLabor(ctx: CommandContext, faultCode: string, laborCode: string, hours: string | null | undefined): Promise<CodeRow> {
  assertManager(ctx, 'mapFaultToLabor');
  return ctx.store.transaction(async (tx) => {
    const fault = await codeByKind(tx, 'FAULT', faultCode.trim().toUpperCase());
    if (!fault) throw notFound('Code', faultCode, 'faultCode');
    const labor = await codeByKind(tx, 'LABOR', laborCode.trim().toUpperCase());
    if (!labor) throw notFound('Code', laborCode, 'laborCode');
    const repairHours = hours == null ? null : decimalValue('hours', hours, { scale: 2, min: 0.01, max: 999 });
    if (repairHours === null && labor.standard_hours === null) throw badInput('hours', null, `labor operation ${labor.code} has no standard hours: give the hours the repair takes`);
    await upsertFaultLabor(tx, { id: idSource(ctx)(), fault_code_id: fault.id, labor_code_id: labor.id, hours: repairHours });
    return fault;
  });
}

export async function unmapFaultFromLabor(ctx: CommandContext, faultCode: string, laborCode: string): Promise<CodeRow> {
  assertManager(ctx, 'unmapFaultFromLabor');
  return ctx.store.transaction(async (tx) => {
    const fault = await codeByKind(tx, 'FAULT', faultCode.trim().toUpperCase());
    if (!fault) throw notFound('Code', faultCode, 'faultCode');
    const labor = await codeByKind(tx, 'LABOR', laborCode.trim().toUpperCase());
    if (!labor || !(await deleteFaultLabor(tx, fault.id, labor.id))) throw conflict(`fault ${fault.code} is not mapped to labor operation ${laborCode}`, { rule: 'NOT_MAPPED' });
    return fault;
  });
}
