import { describe, expect, it, vi } from 'vitest';
import { createLogger, SubgraphRequestError, type IdentityHeaders, type SubgraphClient } from '@l2c/shared';
import { cpqDealerStock } from './dealerStock.ts';

const identity: IdentityHeaders = { 'x-l2c-identity': 'caller', 'x-l2c-identity-signature': 'signed' };

function client(answer: (variables: Record<string, unknown>) => unknown): SubgraphClient & { calls: { identity: IdentityHeaders; variables: Record<string, unknown> }[] } {
  const calls: { identity: IdentityHeaders; variables: Record<string, unknown> }[] = [];
  return {
    url: 'http://cpq.test/graphql',
    calls,
    async request<Data>(headers: IdentityHeaders, _query: string, variables: Record<string, unknown> = {}) {
      calls.push({ identity: headers, variables });
      return answer(variables) as Data;
    },
  };
}

describe('dealer stock from CPQ', () => {
  it('asks once for every dealer and product, as the caller, and reads the answer per dealer and product', async () => {
    const cpq = client(() => ({ dealerStock: [{ dealer: { id: 'd-1' }, productCode: 'V-ARC-GT', quantityOnHand: 2 }, { dealer: { id: 'd-2' }, productCode: 'A-MAT-AW', quantityOnHand: 9 }] }));
    const levels = await cpqDealerStock(cpq, identity, createLogger('test', 'silent')).stockAt(['d-1', 'd-2', 'd-3'], ['V-ARC-GT', 'A-MAT-AW']);
    expect(cpq.calls).toEqual([{ identity, variables: { dealerIds: ['d-1', 'd-2', 'd-3'], productCodes: ['V-ARC-GT', 'A-MAT-AW'] } }]);
    expect(levels).toEqual(new Map([['d-1', new Map([['V-ARC-GT', 2]])], ['d-2', new Map([['A-MAT-AW', 9]])]]));
  });

  it('treats stock as unknown, with a warning, when CPQ does not answer', async () => {
    const logger = createLogger('test', 'silent');
    const warn = vi.spyOn(logger, 'warn');
    const down = client(() => {
      throw new SubgraphRequestError('UNREACHABLE', 'http://cpq.test/graphql', 'http://cpq.test/graphql could not be reached: ECONNREFUSED');
    });
    expect(await cpqDealerStock(down, identity, logger).stockAt(['d-1'], ['V-ARC-GT'])).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ cpq: 'http://cpq.test/graphql' }), expect.stringContaining('dealer stock unknown'));
  });

  it('asks nothing when there is nothing to ask', async () => {
    const cpq = client(() => ({ dealerStock: [] }));
    expect(await cpqDealerStock(cpq, identity, createLogger('test', 'silent')).stockAt([], ['A'])).toEqual(new Map());
    expect(cpq.calls).toEqual([]);
  });
});
