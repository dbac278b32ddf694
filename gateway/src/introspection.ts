import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql';
import { hasRole, type Identity } from '@l2c/shared';
import type { GatewayContext } from './context.ts';

/**
 * Introspection (`__schema`, `__type`) is for the OEM's own people: staff, Salesforce admins and engineers. Partner
 * tokens are refused it, even beside another role (the narrower scope wins, as for rows): partner apps are built
 * against the trusted operations, not by exploring the graph. `__typename` is not introspection and stays open.
 */
export function introspectionPolicy(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (asksForIntrospection(document) && !mayIntrospect(contextValue.identity)) {
            throw new GraphQLError(
              `introspection (__schema, __type) is for staff, sf_admin and engineer tokens; caller has ${contextValue.identity.roles.join(', ')}. Partner apps use the trusted operations of gateway/src/__generated__/persisted-query-manifest.json`,
              { extensions: { code: 'FORBIDDEN', http: { status: 403 } } },
            );
          }
        },
      };
    },
  };
}

export function mayIntrospect(identity: Identity): boolean {
  return hasRole(identity, 'staff', 'sf_admin', 'engineer') && !hasRole(identity, 'partner');
}

/** Documents are parsed once and cached by Apollo, so the answer is kept per document. */
const seen = new WeakMap<DocumentNode, boolean>();

export function asksForIntrospection(document: DocumentNode): boolean {
  let answer = seen.get(document);
  if (answer === undefined) {
    answer = false;
    visit(document, {
      [Kind.FIELD](field) {
        if (field.name.value === '__schema' || field.name.value === '__type') answer = true;
      },
    });
    seen.set(document, answer);
  }
  return answer;
}
