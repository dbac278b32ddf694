import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, signIdentity, type Identity } from '@l2c/shared';
import { countStatements, type DisposableStore } from '@l2c/shared/testing';
import { createClaim, submitClaim } from '../commands/claims.ts';
import { createImportQueue } from '../imports/queue.ts';
import { createWarrantyServer } from '../server.ts';
import { as, HAMBURG, lyra, MUNICH, openWarrantyTestStore, partnerOf, seedBook } from '../testing/fixtures.ts';
import { redisUrl } from '../testing/importRig.ts';

/**
 * The graph over the store, straight to the subgraph with a signed identity: a page of claims with their lines,
 * faults, history and the asset's warranties costs the same statements for 2 claims as for 8, and a partner's page
 * holds its own dealer's claims only.
 */

const SECRET = 'batching-test-signing-secret-0123456789';
let store: DisposableStore;
let server: Awaited<ReturnType<typeof createWarrantyServer>>;
let queue: ReturnType<typeof createImportQueue>;
let url: string;

beforeAll(async () => {
  store = await openWarrantyTestStore();
  await seedBook(store);
  const today = new Date('2026-06-15T10:00:00Z');
  for (let i = 1; i <= 8; i++) {
    const dealer = i % 4 === 0 ? HAMBURG : MUNICH;
    await lyra(store, `asset-${i}`, dealer, '2024-03-01');
    const ctx = as(store, partnerOf(dealer), today);
    const claim = await createClaim(ctx, { assetId: `asset-${i}`, failureDate: '2025-06-20', mileage: 10_000 + i, faultCodes: ['P0300'], lines: [{ chargeType: 'PART', code: 'IGN-COIL', quantity: '2', unitPrice: '84.50' }, { chargeType: 'LABOR', code: 'L-100', quantity: '1.5' }] });
    await submitClaim(ctx, claim.id);
  }
  queue = createImportQueue({ redisUrl, prefix: `test-batching-${process.pid}` });
  server = await createWarrantyServer({ store, signingSecret: SECRET, logger: createLogger('batching', 'silent'), importQueue: queue });
  url = `http://127.0.0.1:${await server.listen(0)}/graphql`;
});
afterAll(async () => {
  await server?.close();
  await queue?.close();
  await store?.close();
});

const PAGE = `query($first: Int) { claims(first: $first) { nodes { number status dealer { id } faultCodes { code laborOperations { hours laborCode { code } } }
  lines { lineNumber eligibility coveredAmount faultCode { code } assetWarranty { number term { code } exclusions { code } } }
  history { from to } asset { id warranties { number coverage { category endDate } extensions { months } } } } } }`;

async function page(first: number, identity: Identity = { subject: 'staff', roles: ['staff'], dealerAccountId: null }) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signIdentity(identity, SECRET) }, body: JSON.stringify({ query: PAGE, variables: { first } }) });
  return (await response.json()) as { data: { claims: { nodes: { number: string; dealer: { id: string }; lines: unknown[] }[] } }; errors?: unknown };
}

describe('reading claims through the graph', () => {
  it('costs the same statements whatever the page size', async () => {
    const small = await countStatements(store, () => page(2));
    const large = await countStatements(store, () => page(8));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.data.claims.nodes).toHaveLength(8);
    expect(large.result.data.claims.nodes.every((c) => c.lines.length === 2)).toBe(true);
    expect(large.statements.length).toBe(small.statements.length);
    // One statement per kind of row asked for: claims, coverages, codes, repairs, lines, warranties, terms, exclusions,
    // history, the assets' warranties and their extensions.
    expect(large.statements.length).toBeLessThanOrEqual(13);
  });

  it('gives a partner its own dealer’s claims only', async () => {
    const { data } = await page(20, partnerOf(MUNICH));
    expect(data.claims.nodes).toHaveLength(6);
    expect(new Set(data.claims.nodes.map((c) => c.dealer.id))).toEqual(new Set([MUNICH]));
  });
});
