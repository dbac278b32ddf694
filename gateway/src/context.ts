import type { Identity } from '@l2c/shared';

/** What every operation through the gateway carries: the caller, as verified from its bearer token. */
export interface GatewayContext {
  identity: Identity;
}
