import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, responsePathAsArray, type GraphQLResolveInfo } from 'graphql';

/**
 * Errors beside data: a field that answers with what it could gather (the sync objects of the subgraphs that
 * answered) and says, in the response's `errors` with the field's path, which part is missing. The field's value is
 * still returned; the client sees both, as GraphQL allows.
 */
const reported = new WeakMap<object, GraphQLError[]>();

/** Adds `message` (with `extensions`) to this request's errors at the field `info` resolves. */
export function reportPartialError(context: object, info: GraphQLResolveInfo, message: string, extensions: Record<string, unknown>): void {
  const list = reported.get(context) ?? [];
  list.push(new GraphQLError(message, { path: responsePathAsArray(info.path), extensions }));
  reported.set(context, list);
}

/** Appends the reported errors to the response (every subgraph server runs it). */
export function partialErrorsPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const errors = reported.get(contextValue as object);
          if (!errors?.length || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.errors = [...(result.errors ?? []), ...errors.map((e) => e.toJSON())];
        },
      };
    },
  };
}
