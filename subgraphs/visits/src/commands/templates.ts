import { badInput, conflict, notFound, optionalText, requiredText, type Queryable } from '@l2c/shared';
import { templateContent, type TaskInput } from '../domain/templateContent.ts';
import type { TemplateRow, TemplateVersionRow } from '../store/rows.ts';
import {
  deleteContent,
  insertContent,
  insertTemplate,
  insertVersion,
  nextVersionNumber,
  templateByUniqueName,
  templatesByIds,
  updateTemplateRow,
  updateVersionRow,
  versionsByIds,
  versionsByTemplateIds,
} from '../store/templates.ts';
import { assertPlanner, clock, idSource, type CommandContext } from './context.ts';

/**
 * Templates are versioned. Content (tasks and indicators) is written into a draft; publishing the draft makes it the
 * version new visits are planned with, and the version published before it obsolete. A published version never
 * changes: visits planned with it keep it, whatever revisions follow.
 */

export interface CreateTemplateInput {
  name: string;
  uniqueName?: string | null;
  description?: string | null;
  tasks: readonly TaskInput[];
  /** Publish version 1 at once. Default false: it stays a draft. */
  publish?: boolean | null;
}

const UNIQUE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

export async function createActionPlanTemplate(ctx: CommandContext, input: CreateTemplateInput): Promise<TemplateRow> {
  assertPlanner(ctx, 'createActionPlanTemplate');
  const name = requiredText('input.name', input.name, 255);
  const description = optionalText('input.description', input.description, 4000) ?? null;
  const content = templateContent('input.tasks', input.tasks);
  const given = input.uniqueName == null ? null : input.uniqueName.trim();
  if (given !== null && !UNIQUE_NAME.test(given)) throw badInput('input.uniqueName', input.uniqueName, 'must be 1 to 80 letters, digits and underscores, starting with a letter (a Salesforce API name)');
  const newId = idSource(ctx);
  return ctx.store.transaction(async (tx) => {
    if (ctx.store.driver === 'postgres') await tx.query("select pg_advisory_xact_lock(hashtext(current_schema() || '.template-names'))");
    let uniqueName = given;
    if (uniqueName !== null) {
      if (await templateByUniqueName(tx, uniqueName)) throw conflict(`input.uniqueName: a template named ${uniqueName} exists already`, { rule: 'TEMPLATE_UNIQUE_NAME_TAKEN', field: 'input.uniqueName' });
    } else uniqueName = await freeUniqueName(tx, apiName(name));
    const template = await insertTemplate(tx, { id: newId(), name, unique_name: uniqueName, description, created_by: ctx.identity.subject });
    const version = await insertVersion(tx, { id: newId(), template_id: template.id, version: 1, name: `${name} v1`, change_note: null, created_by: ctx.identity.subject });
    await insertContent(tx, version.id, content, newId);
    if (input.publish) await publish(tx, ctx, version);
    return template;
  });
}

export async function updateActionPlanTemplate(ctx: CommandContext, id: string, input: { name?: string | null; description?: string | null }): Promise<TemplateRow> {
  assertPlanner(ctx, 'updateActionPlanTemplate');
  const changes = {
    ...(input.name != null ? { name: requiredText('input.name', input.name, 255) } : {}),
    ...(input.description !== undefined ? { description: optionalText('input.description', input.description, 4000) ?? null } : {}),
  };
  return ctx.store.transaction(async (tx) => {
    const [template] = await templatesByIds(tx, [id], true);
    if (!template) throw notFound('ActionPlanTemplate', id);
    return Object.keys(changes).length ? updateTemplateRow(tx, id, changes) : template;
  });
}

export interface ReviseTemplateInput {
  tasks: readonly TaskInput[];
  note?: string | null;
  /** Publish the revision at once. Default false. */
  publish?: boolean | null;
}

/** Writes new content into the template's draft (a new version when it has none); returns the draft, or the version published. */
export async function reviseActionPlanTemplate(ctx: CommandContext, templateId: string, input: ReviseTemplateInput): Promise<TemplateVersionRow> {
  assertPlanner(ctx, 'reviseActionPlanTemplate');
  const content = templateContent('input.tasks', input.tasks);
  const note = optionalText('input.note', input.note, 2000) ?? null;
  const newId = idSource(ctx);
  return ctx.store.transaction(async (tx) => {
    const [template] = await templatesByIds(tx, [templateId], true);
    if (!template) throw notFound('ActionPlanTemplate', templateId, 'templateId');
    const draft = (await versionsByTemplateIds(tx, [templateId])).find((v) => v.status === 'DRAFT');
    let version: TemplateVersionRow;
    if (draft) {
      await deleteContent(tx, draft.id);
      version = await updateVersionRow(tx, draft.id, { change_note: note });
    } else {
      const number = await nextVersionNumber(tx, templateId);
      version = await insertVersion(tx, { id: newId(), template_id: templateId, version: number, name: `${template.name} v${number}`, change_note: note, created_by: ctx.identity.subject });
    }
    await insertContent(tx, version.id, content, newId);
    return input.publish ? publish(tx, ctx, version) : version;
  });
}

export async function publishTemplateVersion(ctx: CommandContext, versionId: string): Promise<TemplateVersionRow> {
  assertPlanner(ctx, 'publishTemplateVersion');
  return ctx.store.transaction(async (tx) => {
    const [found] = await versionsByIds(tx, [versionId]);
    if (!found) throw notFound('ActionPlanTemplateVersion', versionId);
    // The template's row is the lock every change of its versions takes, so two publishes never interleave.
    await templatesByIds(tx, [found.template_id], true);
    const [version] = await versionsByIds(tx, [versionId], true);
    return publish(tx, ctx, version!);
  });
}

async function publish(tx: Queryable, ctx: CommandContext, version: TemplateVersionRow): Promise<TemplateVersionRow> {
  if (version.status !== 'DRAFT') {
    throw conflict(`version ${version.version} of template ${version.template_id} is ${version.status}; only a draft is published`, { rule: 'TEMPLATE_VERSION_NOT_DRAFT', status: version.status });
  }
  const now = clock(ctx);
  const current = (await versionsByTemplateIds(tx, [version.template_id])).find((v) => v.status === 'PUBLISHED');
  if (current) await updateVersionRow(tx, current.id, { status: 'OBSOLETE', obsoleted_at: now });
  return updateVersionRow(tx, version.id, { status: 'PUBLISHED', published_at: now });
}

/** `Dealer performance assessment` → `Dealer_performance_assessment`. */
export function apiName(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^[^A-Za-z]+|_+$/g, '')
    .slice(0, 72)
    .replace(/_+$/, '');
  return base === '' ? 'Template' : base;
}

async function freeUniqueName(tx: Queryable, base: string): Promise<string> {
  if (!(await templateByUniqueName(tx, base))) return base;
  for (let n = 2; ; n++) if (!(await templateByUniqueName(tx, `${base}_${n}`))) return `${base}_${n}`;
}
