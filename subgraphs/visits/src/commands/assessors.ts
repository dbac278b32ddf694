import { conflict, emailValue, notFound, requiredText } from '@l2c/shared';
import type { AssessorRow } from '../store/rows.ts';
import { assessorBySubject, assessorsByIds, insertAssessor, updateAssessorRow } from '../store/assessors.ts';
import { assertPlanner, idSource, type CommandContext } from './context.ts';

/**
 * Assessors are the people visits are assigned to. Each signs in with a token whose subject is the assessor's
 * `subject` and the `assessor` role; the subject is how an assessor's calls are matched to its visits.
 */
export async function createAssessor(ctx: CommandContext, input: { subject: string; name: string; email?: string | null }): Promise<AssessorRow> {
  assertPlanner(ctx, 'createAssessor');
  const subject = requiredText('input.subject', input.subject, 255);
  const row = { id: idSource(ctx)(), subject, name: requiredText('input.name', input.name, 255), email: emailValue('input.email', input.email) ?? null, is_active: true };
  return ctx.store.transaction(async (tx) => {
    if (await assessorBySubject(tx, subject)) throw conflict(`input.subject: an assessor with subject ${subject} exists already`, { rule: 'ASSESSOR_SUBJECT_TAKEN', field: 'input.subject' });
    return insertAssessor(tx, row);
  });
}

export async function updateAssessor(ctx: CommandContext, id: string, input: { name?: string | null; email?: string | null; isActive?: boolean | null }): Promise<AssessorRow> {
  assertPlanner(ctx, 'updateAssessor');
  const changes = {
    ...(input.name != null ? { name: requiredText('input.name', input.name, 255) } : {}),
    ...(input.email !== undefined ? { email: emailValue('input.email', input.email) ?? null } : {}),
    ...(input.isActive != null ? { is_active: input.isActive } : {}),
  };
  return ctx.store.transaction(async (tx) => {
    const [assessor] = await assessorsByIds(tx, [id]);
    if (!assessor) throw notFound('Assessor', id);
    return Object.keys(changes).length ? updateAssessorRow(tx, id, changes) : assessor;
  });
}
