import {
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  defaultFieldResolver,
  getNamedType,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badInput } from '../errors.ts';

/** What an id this graph issues looks like. */
export interface IdFormat {
  pattern: RegExp;
  /** The rule, as an error message states it. */
  rule: string;
  /**
   * Arguments and input fields whose ids another system issues, as `Root.field.argument` or `InputType.field`
   * (BullMQ's job ids in `Mutation.retryJobs.ids`; visits' `ContextRecordInput.id`, which may name a promotion by its
   * own id): not checked here. Default: none.
   */
  foreign?: readonly string[];
}

const checkedSchemas = new WeakSet<GraphQLSchema>();

/**
 * The ids the subgraphs issue today: UUIDs for their entities (`randomUUID`, or name-based for demo rows), and record
 * numbers for the sync engine's failures and conflicts.
 */
export const UUID_IDS: IdFormat = graphIds();

/**
 * The id format of a subgraph: UUIDs, record numbers, and the `fixed` ids its migrations seed (CPQ's
 * `standard-price-book`).
 */
export function graphIds(options: { fixed?: readonly string[]; foreign?: readonly string[] } = {}): IdFormat {
  const fixed = (options.fixed ?? []).map((id) => `|${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).join('');
  return {
    pattern: new RegExp(`^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[1-9][0-9]{0,17}${fixed})$`, 'i'),
    rule: `must be an id this graph issued (a UUID such as 3f2b8c1e-5d4a-4e7b-9c61-0a8d2f4b7e90, or a record number such as 42${options.fixed?.length ? `, or ${options.fixed.join(', ')}` : ''})`,
    ...(options.foreign ? { foreign: options.foreign } : {}),
  };
}

/**
 * Checks every `ID` argument of the root fields, and every `ID` field of their input objects, against `format` before
 * the resolver runs: a malformed id is a `BAD_USER_INPUT` error naming the argument (`id`, `input.opportunityId`,
 * `dealerIds[2]`), the value and the rule, never a silent `null` from a lookup that could not match. Wraps the root
 * fields' resolvers of `schema` in place; other fields are not touched.
 */
export function checkIdArguments(schema: GraphQLSchema, format: IdFormat, fallback: GraphQLFieldResolver<unknown, unknown> = defaultFieldResolver): void {
  if (checkedSchemas.has(schema)) return; // one schema serves many servers in tests: wrap once
  checkedSchemas.add(schema);
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      if (field.name.startsWith('_')) continue; // federation's _entities and _service
      const checked = field.args.filter((arg) => !format.foreign?.includes(`${root.name}.${field.name}.${arg.name}`) && carriesIds(arg.type, new Set()));
      if (checked.length === 0) continue;
      const resolve = field.resolve ?? fallback;
      field.resolve = (source, args: Record<string, unknown>, context, info) => {
        for (const arg of checked) checkValue(arg.name, arg.type, args[arg.name], format);
        return resolve(source, args, context, info);
      };
    }
  }
}

function carriesIds(type: GraphQLInputType, seen: Set<string>): boolean {
  const named = getNamedType(type);
  if (named.name === 'ID') return true;
  if (!(named instanceof GraphQLInputObjectType) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => carriesIds(field.type, seen));
}

function checkValue(path: string, type: GraphQLInputType, value: unknown, format: IdFormat): void {
  if (value === null || value === undefined) return;
  if (type instanceof GraphQLNonNull) return checkValue(path, type.ofType, value, format);
  if (type instanceof GraphQLList) {
    if (Array.isArray(value)) value.forEach((item, i) => checkValue(`${path}[${i}]`, type.ofType as GraphQLInputType, item, format));
    return;
  }
  if (type instanceof GraphQLInputObjectType) {
    for (const field of Object.values(type.getFields())) {
      if (format.foreign?.includes(`${type.name}.${field.name}`)) continue;
      checkValue(`${path}.${field.name}`, field.type, (value as Record<string, unknown>)[field.name], format);
    }
    return;
  }
  if (getNamedType(type).name === 'ID' && !(typeof value === 'string' && format.pattern.test(value))) throw badInput(path, value, format.rule);
}
