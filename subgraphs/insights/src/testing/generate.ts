import type { StoredEvent } from '@l2c/shared';
import { billing, cpq, crm, EventScript } from './events.ts';

/** A seeded generator (the same seed gives the same log). */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const REPS = Array.from({ length: 40 }, (_, i) => `rep-${i + 1}`);
const DEALERS = Array.from({ length: 25 }, (_, i) => `dealer-${i + 1}`);
const CHANNELS = ['WEB', 'DEALER', 'PHONE', 'WALK_IN', 'EVENT', 'REFERRAL'];
const FAMILIES = ['Lyra', 'Orvia', 'Transa Van', 'Arco'];

/**
 * Lead-to-cash cases as CRM, CPQ and billing publish them, with the variety of a real log: leads or direct
 * opportunities, stage moves, quotes needing approval or not (some rejected and resubmitted), wins and losses, orders
 * split in two, invoices (some before activation) and payments. Cases are generated in chunks, each chunk's events in
 * stream order, so a log of any size is produced with little memory.
 */
export function* generatedCases(options: { cases: number; seed?: number; chunk?: number; start?: Date }): Generator<StoredEvent[]> {
  const next = random(options.seed ?? 2026);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const hours = (min: number, max: number) => min + next() * (max - min);
  const chunk = options.chunk ?? 1000;
  const start = (options.start ?? new Date('2025-01-01T00:00:00Z')).getTime();
  for (let first = 0; first < options.cases; first += chunk) {
    const script = new EventScript(new Date(start + first * 60_000));
    for (let n = first; n < Math.min(options.cases, first + chunk); n++) {
      const id = `g${n}`;
      const offset = (n - first) / 60;
      const c = { dealer: pick(DEALERS), lead: `${id}-lead`, opportunity: id, quote: `${id}-q`, orders: [`${id}-o1`, ...(next() < 0.2 ? [`${id}-o2`] : [])], contract: `${id}-k`, invoice: `${id}-i`, payment: `${id}-p` };
      const r = crm(script, c);
      const q = cpq(script, c);
      const b = billing(script, c);
      const rep = pick(REPS);
      const channel = pick(CHANNELS);
      const family = pick(FAMILIES);
      const discount = pick(['0.00', '3.00', '5.00', '8.00', '12.00', '15.00', '20.00']);
      let t = offset;
      const opportunity = { stage: 'Prospecting', amount: '40000.00', discountPercent: null, owner: rep, sourceChannel: channel };
      if (next() < 0.7) {
        r.leadCreated(t, channel);
        t += hours(1, 48);
        if (next() < 0.85) r.leadQualified(t);
        t += hours(1, 72);
        r.convert(t, opportunity);
      } else r.opportunityCreated(t, opportunity);
      let stage = 'Prospecting';
      for (const to of ['Qualification', 'Needs Analysis', 'Proposal/Price Quote'].filter(() => next() < 0.8)) {
        t += hours(2, 120);
        r.stage(t, stage, to);
        stage = to;
      }
      if (next() < 0.25) {
        t += hours(24, 400);
        r.lost(t, stage, rep);
        continue;
      }
      t += hours(1, 48);
      q.quoteCreated(t, '36000.00', family);
      const needsApproval = Number(discount) > 10;
      t += hours(1, 24);
      q.submitted(t, needsApproval ? 1 : 0);
      if (needsApproval) {
        t += hours(0.5, 96);
        q.approved(t);
      }
      t += hours(2, 240);
      if (next() < 0.15) {
        r.lost(t, stage, rep);
        continue;
      }
      q.accepted(t, { netAmount: '36000.00', listAmount: '40000.00', customerDiscountPercent: discount, family });
      const invoiceFirst = next() < 0.05;
      if (invoiceFirst) b.invoicePosted(t + hours(1, 24), '36000.00');
      t += hours(24, 240);
      for (const order of c.orders) q.activated(t, order);
      t += hours(1, 48);
      r.won(t, stage, '36000.00', discount, rep);
      if (!invoiceFirst) b.invoicePosted((t += hours(1, 72)), '36000.00');
      if (next() < 0.9) b.paymentReceived((t += hours(24, 900)), '36000.00');
    }
    yield script.inStreamOrder();
  }
}
