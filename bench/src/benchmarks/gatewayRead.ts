import { countStatements } from '@l2c/shared/testing';
import { signIdentity } from '@l2c/shared';
import { SIGNING_SECRET, startStack } from '@l2c/e2e/harness';
import { percentile, timeRuns, type Benchmark, type Measurement } from '../benchmark.ts';

const PAGE = `query { opportunities(first: 100) { nodes { id name stage amount account { name } lineItems { productName quantity } preferredSellers { reason } } } }`;
const RUNS = 300;

/**
 * The read path a dealer portal hits most: a page of 100 opportunities with accounts, line items and preferred
 * sellers, through the gateway and straight to the CRM subgraph in the same run, so the gateway's cost is a ratio.
 */
export const gatewayRead: Benchmark = {
  name: 'gateway-read',
  description: 'opportunities(first: 100) with nested fields: latency through the gateway vs. straight to the subgraph (PGlite, demo size 10)',
  async run(): Promise<Measurement[]> {
    await using stack = await startStack({ demoSize: 10 });
    const token = await stack.token('staff');
    const viaGateway = () => stack.graphql(token, PAGE);
    const direct = async () => {
      const response = await fetch(stack.crmUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signIdentity({ subject: 'bench', roles: ['staff'], dealerAccountId: null }, SIGNING_SECRET) },
        body: JSON.stringify({ query: PAGE }),
      });
      return response.json();
    };
    const statements = (await countStatements(stack.store, viaGateway)).statements.length;
    const gateway = await timeRuns(RUNS, 30, viaGateway);
    const subgraph = await timeRuns(RUNS, 30, direct);
    const total = gateway.reduce((a, b) => a + b, 0);
    return [
      { metric: 'gateway p50', value: percentile(gateway, 50), unit: 'ms' },
      { metric: 'gateway p95', value: percentile(gateway, 95), unit: 'ms' },
      { metric: 'gateway p99', value: percentile(gateway, 99), unit: 'ms' },
      { metric: 'gateway throughput (1 client)', value: (RUNS / total) * 1000, unit: 'req/s' },
      { metric: 'subgraph p50', value: percentile(subgraph, 50), unit: 'ms' },
      { metric: 'subgraph p99', value: percentile(subgraph, 99), unit: 'ms' },
      { metric: 'gateway / subgraph p50', value: percentile(gateway, 50) / percentile(subgraph, 50), unit: 'ratio' },
      { metric: 'SQL statements per request', value: statements, unit: 'count', note: 'budget ≤ 4' },
    ];
  },
};
