import type {
  ActionPlanTemplateResolvers,
  ActionPlanTemplateVersionResolvers,
  ContextRecordResolvers,
  ExpectationResolvers,
  IndicatorDefinitionResolvers,
  IndicatorValueResolvers,
  TemplateTaskResolvers,
} from '../__generated__/resolvers-types.ts';
import { valueText } from '../domain/indicators.ts';
import { present } from './fields.ts';
import { expectationDescription, expectationOf, expectedMax, expectedValue } from './values.ts';

export const ActionPlanTemplate = {
  __resolveReference: (ref, ctx) => ctx.loaders.template.load(ref.id),
  publishedVersion: async (template, _args, ctx) => (await ctx.loaders.templateVersions.load(template.id)).find((v) => v.status === 'PUBLISHED') ?? null,
  draftVersion: async (template, _args, ctx) => (await ctx.loaders.templateVersions.load(template.id)).find((v) => v.status === 'DRAFT') ?? null,
  versions: (template, _args, ctx) => ctx.loaders.templateVersions.load(template.id),
} satisfies ActionPlanTemplateResolvers;

export const ActionPlanTemplateVersion = {
  __resolveReference: (ref, ctx) => ctx.loaders.templateVersion.load(ref.id),
  template: async (version, _args, ctx) => present(await ctx.loaders.template.load(version.template_id), 'ActionPlanTemplate', version.template_id),
  tasks: (version, _args, ctx) => ctx.loaders.versionTasks.load(version.id),
  indicators: (version, _args, ctx) => ctx.loaders.versionIndicators.load(version.id),
} satisfies ActionPlanTemplateVersionResolvers;

export const TemplateTask = {
  indicators: async (task, _args, ctx) => (await ctx.loaders.versionIndicators.load(task.version_id)).filter((d) => d.task_id === task.id),
} satisfies TemplateTaskResolvers;

export const IndicatorDefinition = {
  __resolveReference: (ref, ctx) => ctx.loaders.indicator.load(ref.id),
  context: (definition) => (definition.context_kind ? definition : null),
  expectation: (definition) => expectationOf(definition.data_type, definition),
} satisfies IndicatorDefinitionResolvers;

/** Products and contracts resolve through CPQ; a promotion has no entity in the graph yet. */
export const ContextRecord = {
  kind: (definition) => definition.context_kind!,
  id: (definition) => definition.context_id!,
  label: (definition) => definition.context_label,
  product: (definition) => (definition.context_kind === 'PRODUCT' && definition.context_id ? { id: definition.context_id } : null),
  contract: (definition) => (definition.context_kind === 'CONTRACT' && definition.context_id ? { id: definition.context_id } : null),
} satisfies ContextRecordResolvers;

export const Expectation = {
  comparison: (parent) => parent.columns.comparison!,
  value: (parent) => expectedValue(parent),
  max: (parent) => expectedMax(parent),
  description: (parent) => expectationDescription(parent),
} satisfies ExpectationResolvers;

export const IndicatorValue = {
  dataType: (value) => value.type,
  number: (value) => ('number' in value ? value.number : null),
  boolean: (value) => ('boolean' in value ? value.boolean : null),
  text: (value) => ('text' in value ? value.text : null),
  date: (value) => ('date' in value ? value.date : null),
  display: (value) => valueText(value),
} satisfies IndicatorValueResolvers;
