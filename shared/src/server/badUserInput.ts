import type { ApolloServerPlugin, BaseContext } from '@apollo/server';

/**
 * Answers HTTP 400 when an operation's errors include `BAD_USER_INPUT` (a bad `first`, a cursor this list did not
 * return, a malformed id, any input that breaks a rule): the request was wrong, as for a misspelt enum value, whose
 * validation error is a 400 too. Errors of other codes keep Apollo's status.
 */
export function badUserInputStatus<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors ?? [];
          if (errors.some((error) => error.extensions?.['code'] === 'BAD_USER_INPUT')) response.http.status = 400;
        },
      };
    },
  };
}
