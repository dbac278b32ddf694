import { generateLeads } from './leads.ts';
import { generateNetwork } from './network.ts';
import { generateOpportunities } from './opportunities.ts';
import { SUPPLIERS } from './phrases.ts';
import { Random } from './random.ts';
import { generateTestDrives } from './testDrives.ts';
import type { DemoData } from './data.ts';

export { countDemoData, DEMO_TABLES, type DemoCounts, type DemoData, type DemoLead, type DemoOpportunity, type DemoTable } from './data.ts';
// The package's `./demo` entry points here, so callers outside the subgraph can load as well as generate.
export { isEmpty, loadDemoData, loadDemoDataIfEmpty, type LoadOutcome } from './load.ts';

export interface DemoDataOptions {
  /** Scales the network: `size` dealers (at least 3), 20 customers, 40 leads and 25 opportunities per unit. Default 1. */
  size?: number;
  /** Same seed and size, same rows, ids included. Any integer or string. Default 1. */
  seed?: number | string;
  /** The "today" of the data: history lies before it, scheduled test drives and open close dates after. Default 2026-01-01T00:00:00Z. */
  now?: Date;
}

export const DEFAULT_DEMO_NOW = new Date('2026-01-01T00:00:00Z');

/**
 * A realistic dealer network and its sales pipeline as plain rows, without I/O: dealers across European cities, their
 * customers and contacts, suppliers, leads in every status (some nurtured, archived or converted), opportunities in
 * every stage, and test drives. Deterministic: nothing depends on the clock or `Math.random`.
 */
export function generateDemoData(options: DemoDataOptions = {}): DemoData {
  const size = options.size ?? 1;
  if (!Number.isInteger(size) || size < 1 || size > 10_000) throw new RangeError(`size must be an integer from 1 to 10000 (got ${size})`);
  const now = options.now ?? DEFAULT_DEMO_NOW;
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
  const rng = new Random(options.seed ?? 1);

  const network = generateNetwork(rng, now, {
    dealers: Math.max(3, size),
    suppliers: Math.min(SUPPLIERS.length, 2 + Math.ceil(size / 2)),
    customers: 20 * size,
  });
  const opportunityCount = 25 * size;
  const leads = generateLeads(rng, now, network, 40 * size, opportunityCount);
  const opportunities = generateOpportunities(rng, now, network, leads, opportunityCount);
  const testDrives = generateTestDrives(rng, now, leads, opportunities);

  return {
    accounts: [...network.dealers.map((dealer) => dealer.account), ...network.suppliers, ...network.customers.map((customer) => customer.account)],
    contacts: network.customers.flatMap((customer) => customer.contacts),
    leads: leads.map((bundle) => bundle.lead),
    lead_line_items: leads.flatMap((bundle) => bundle.lineItems),
    lead_preferred_sellers: leads.flatMap((bundle) => bundle.sellers),
    opportunities: opportunities.map((bundle) => bundle.opportunity),
    opportunity_line_items: opportunities.flatMap((bundle) => bundle.lineItems),
    opportunity_preferred_sellers: opportunities.flatMap((bundle) => bundle.sellers),
    test_drives: testDrives,
  };
}
