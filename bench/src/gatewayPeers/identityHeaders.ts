import { signIdentity } from '@l2c/shared';

/**
 * Our subgraphs refuse any call without an identity the gateway signed, and a signature is good for five minutes.
 * The peer gateways have no notion of our identity, so they send a staff identity signed here and re-signed every
 * minute: the least a gateway needs to talk to our subgraphs at all. The public subgraphs ignore the headers.
 */
export function staffIdentityHeaders(signingSecret: string): () => Record<string, string> {
  let headers = signIdentity({ subject: 'bench', roles: ['staff'], dealerAccountId: null }, signingSecret);
  setInterval(() => {
    headers = signIdentity({ subject: 'bench', roles: ['staff'], dealerAccountId: null }, signingSecret);
  }, 60_000).unref();
  return () => headers;
}
