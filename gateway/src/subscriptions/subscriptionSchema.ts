import {
  GraphQLEnumType,
  GraphQLID,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  isObjectType,
  isScalarType,
  valueFromASTUntyped,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigMap,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
} from 'graphql';
import type { StoredEvent } from '@l2c/shared';
import type { EventFamily } from './eventFamilies.ts';

/** What the subscription fields need from the layer: where events come from, and how entities are resolved. */
export interface SubscriptionSchemaHandlers<Context> {
  /** Starts a subscription to `family` (scope check, resume, registration): the async iterable of its events. */
  subscribe(family: EventFamily, args: { types?: string[] | null; after?: string | null }, context: Context): Promise<AsyncIterable<StoredEvent>>;
  /** Resolves the event's entity through the supergraph with the subscriber's selection. */
  resolveEntity(family: EventFamily, event: StoredEvent, context: Context, info: GraphQLResolveInfo): Promise<unknown>;
}

export interface SubscriptionSchema {
  schema: GraphQLSchema;
  /** Families whose entity type or root query field the supergraph lacks: their payloads carry the id only. */
  withoutEntity: EventFamily[];
}

/**
 * The gateway's API schema with a `Subscription` root owned by the gateway: one field per event family, whose
 * payload type refers to the supergraph's own entity type (`LeadEvent.lead: Lead`), so a subscription's selection is
 * validated against the real supergraph types and can reach fields of every subgraph.
 */
export function buildSubscriptionSchema<Context>(apiSchema: GraphQLSchema, families: readonly EventFamily[], handlers: SubscriptionSchemaHandlers<Context>): SubscriptionSchema {
  if (apiSchema.getSubscriptionType()) throw new Error('the supergraph has a Subscription type already; the gateway owns subscriptions and cannot merge its own');
  const added = new Map<string, GraphQLNamedType>();
  const add = <T extends GraphQLNamedType>(type: T): T => {
    if (apiSchema.getType(type.name) || added.has(type.name)) throw new Error(`the supergraph has a type named ${type.name} already; the subscription schema cannot add its own`);
    added.set(type.name, type);
    return type;
  };
  const json = reuseScalar(apiSchema, 'JSON') ?? add(jsonScalar());
  const dateTime = reuseScalar(apiSchema, 'DateTime') ?? add(new GraphQLScalarType({ name: 'DateTime', description: 'An instant, ISO 8601 in UTC.' }));
  const withoutEntity: EventFamily[] = [];

  const fields: GraphQLFieldConfigMap<StoredEvent, Context> = {};
  for (const family of families) {
    const typeEnum = add(
      new GraphQLEnumType({
        name: `${family.eventType}Type`,
        values: Object.fromEntries(family.types.map((type) => [enumName(type), { value: type }])),
      }),
    );
    const entityField = entityFieldOf(apiSchema, family, handlers);
    if (!entityField) withoutEntity.push(family);
    const payload = add(
      new GraphQLObjectType<StoredEvent, Context>({
        name: family.eventType,
        description: `${family.description} Resume after \`id\` to miss nothing.`,
        fields: {
          id: { type: new GraphQLNonNull(GraphQLID), description: 'The position of the event in the stream: pass it as `after` to resume after this event.', resolve: (event) => event.id },
          type: { type: new GraphQLNonNull(typeEnum), resolve: (event) => event.type },
          occurredAt: { type: new GraphQLNonNull(dateTime), description: 'When the change was committed.', resolve: (event) => event.occurredAt },
          changes: { type: new GraphQLNonNull(json), description: 'What changed: field → `{ from, to }`, or other facts of the change, as of the event.', resolve: (event) => event.changes },
          [`${family.entity.field}Id`]: { type: new GraphQLNonNull(GraphQLID), resolve: (event) => event.entity.id },
          ...(entityField ? { [family.entity.field]: entityField } : {}),
        },
      }),
    );
    fields[family.field] = {
      type: new GraphQLNonNull(payload),
      description: family.description,
      args: {
        types: { type: new GraphQLList(new GraphQLNonNull(typeEnum)), description: 'Only these event types. Default: all of them.' },
        after: { type: GraphQLID, description: 'Resume after this event `id`: every retained event after it, then live events. `"0"`: every retained event.' },
      },
      subscribe: (_root, args: { types?: string[] | null; after?: string | null }, context) => handlers.subscribe(family, args, context),
      resolve: (event) => event,
    };
  }
  const subscription = new GraphQLObjectType<StoredEvent, Context>({ name: 'Subscription', fields });
  const config = apiSchema.toConfig();
  return { schema: new GraphQLSchema({ ...config, subscription, types: [...config.types, ...added.values()] }), withoutEntity };
}

/** `LeadStatusChanged` → `LEAD_STATUS_CHANGED`. */
export function enumName(type: string): string {
  return type.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function entityFieldOf<Context>(apiSchema: GraphQLSchema, family: EventFamily, handlers: SubscriptionSchemaHandlers<Context>): GraphQLFieldConfig<StoredEvent, Context> | null {
  const type = apiSchema.getType(family.entity.typename);
  const root = apiSchema.getQueryType()?.getFields()[family.entity.query];
  if (!isObjectType(type) || !root || !root.args.some((arg) => arg.name === 'id')) return null;
  return {
    type,
    description: `The ${family.entity.typename} as it is now, fetched through the graph with the subscriber's rights: null when the subscriber may no longer see it.`,
    resolve: (event, _args, context, info) => handlers.resolveEntity(family, event, context, info),
  };
}

function reuseScalar(apiSchema: GraphQLSchema, name: string): GraphQLScalarType | null {
  const type = apiSchema.getType(name);
  return isScalarType(type) ? type : null;
}

function jsonScalar(): GraphQLScalarType {
  return new GraphQLScalarType({
    name: 'JSON',
    description: 'Any JSON value.',
    serialize: (value) => value,
    parseValue: (value) => value,
    parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables),
  });
}
