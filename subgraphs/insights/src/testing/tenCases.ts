import { billing, cpq, crm, EventScript } from './events.ts';

/**
 * Ten opportunities (and one lead never converted) whose process mining figures are worked out by hand in
 * `tenCases.test.ts`. Times are hours after each case's own start; cases start a day apart.
 *
 *   c1..c4  WEB, ana, D1: lead → qualified → converted → Proposal → quote → approved by approvers after 2/4/6/20 h
 *           → accepted (one order) → activated (contract) → won → invoiced → paid. Discount 12 %.
 *   c5      DEALER, ben, D2: no lead; approved automatically with a 15 % discount, then won: needs approval.
 *   c6      as c5, but invoiced before the order was activated.
 *   c7      WEB, ana: lead qualified, converted, lost. c8: lead converted without qualification, lost.
 *   c9      PHONE, ben: won straight from Prospecting (skips Proposal), 5 % discount, no approval needed.
 *   c10     WEB, ana: still open, quoted.
 *   L11     a lead qualified and never converted.
 */
export function tenCases(origin = new Date('2026-01-05T08:00:00.000Z')): EventScript {
  const day = (n: number) => new Date(origin.getTime() + n * 86_400_000);
  const all = new EventScript(origin);
  const scripts: EventScript[] = [];
  const v1Approval = [2, 4, 6, 20];
  v1Approval.forEach((x, i) => {
    const s = new EventScript(day(i));
    const c = { dealer: 'D1', lead: `L${i + 1}`, opportunity: `c${i + 1}`, quote: `Q${i + 1}`, orders: [`O${i + 1}`], contract: `K${i + 1}`, invoice: `I${i + 1}`, payment: `P${i + 1}` };
    const r = crm(s, c);
    const q = cpq(s, c);
    const b = billing(s, c);
    r.leadCreated(0, 'WEB');
    r.leadQualified(1);
    r.convert(3, { stage: 'Prospecting', amount: '20000.00', discountPercent: null, owner: 'ana', sourceChannel: 'WEB' });
    r.stage(27, 'Prospecting', 'Proposal');
    q.quoteCreated(27, '17600.00', 'Lyra');
    q.submitted(28, 1);
    q.approved(28 + x);
    q.accepted(29 + x, { netAmount: '17600.00', listAmount: '20000.00', customerDiscountPercent: '12.00', family: 'Lyra' });
    q.activated(77 + x, `O${i + 1}`);
    r.won(78 + x, 'Proposal', '17600.00', '12.00', 'ana');
    b.invoicePosted(102 + x, '17600.00');
    b.paymentReceived(222 + x, '17600.00');
    scripts.push(s);
  });
  for (const [n, invoiceFirst] of [[5, false], [6, true]] as const) {
    const s = new EventScript(day(n - 1));
    const c = { dealer: 'D2', opportunity: `c${n}`, quote: `Q${n}`, orders: [`O${n}`], contract: `K${n}`, invoice: `I${n}`, payment: `P${n}` };
    const r = crm(s, c);
    const q = cpq(s, c);
    const b = billing(s, c);
    r.opportunityCreated(0, { stage: 'Prospecting', amount: '10000.00', discountPercent: null, owner: 'ben', sourceChannel: 'DEALER' });
    r.stage(10, 'Prospecting', 'Proposal');
    q.quoteCreated(10, '8500.00', 'Transa');
    q.submitted(11, 0);
    q.accepted(12, { netAmount: '8500.00', listAmount: '10000.00', customerDiscountPercent: '15.00', family: 'Transa' });
    if (invoiceFirst) b.invoicePosted(20, '8500.00');
    q.activated(36, `O${n}`);
    r.won(37, 'Proposal', '8500.00', '15.00', 'ben');
    if (!invoiceFirst) b.invoicePosted(40, '8500.00');
    b.paymentReceived(100, '8500.00');
    scripts.push(s);
  }
  {
    const s = new EventScript(day(6));
    const r = crm(s, { dealer: 'D1', lead: 'L7', opportunity: 'c7' });
    r.leadCreated(0, 'WEB');
    r.leadQualified(4);
    r.convert(6, { stage: 'Prospecting', amount: '30000.00', discountPercent: null, owner: 'ana', sourceChannel: 'WEB' });
    r.lost(30, 'Prospecting', 'ana');
    scripts.push(s);
  }
  {
    const s = new EventScript(day(7));
    const r = crm(s, { dealer: 'D1', lead: 'L8', opportunity: 'c8' });
    r.leadCreated(0, 'WEB');
    r.convert(2, { stage: 'Prospecting', amount: '15000.00', discountPercent: '0', owner: 'ana', sourceChannel: 'WEB' });
    r.lost(50, 'Prospecting', 'ana');
    scripts.push(s);
  }
  {
    const s = new EventScript(day(8));
    const c = { dealer: 'D2', opportunity: 'c9', quote: 'Q9', orders: ['O9'], contract: 'K9', invoice: 'I9', payment: 'P9' };
    const r = crm(s, c);
    const q = cpq(s, c);
    const b = billing(s, c);
    r.opportunityCreated(0, { stage: 'Prospecting', amount: '10000.00', discountPercent: null, owner: 'ben', sourceChannel: 'PHONE' });
    q.quoteCreated(1, '9500.00', 'Lyra');
    q.submitted(2, 0);
    q.accepted(26, { netAmount: '9500.00', listAmount: '10000.00', customerDiscountPercent: '5.00', family: 'Lyra' });
    r.won(27, 'Prospecting', '9500.00', '5.00', 'ben');
    q.activated(50, 'O9');
    b.invoicePosted(74, '9500.00');
    b.paymentReceived(80, '9500.00');
    scripts.push(s);
  }
  {
    const s = new EventScript(day(9));
    const c = { dealer: 'D1', opportunity: 'c10', quote: 'Q10' };
    const r = crm(s, c);
    r.opportunityCreated(0, { stage: 'Prospecting', amount: '12000.00', discountPercent: null, owner: 'ana', sourceChannel: 'WEB' });
    r.stage(5, 'Prospecting', 'Proposal');
    cpq(s, c).quoteCreated(6, '11000.00', 'Orvia');
    scripts.push(s);
  }
  {
    const s = new EventScript(day(10));
    const r = crm(s, { dealer: 'D1', lead: 'L11', opportunity: 'none' });
    r.leadCreated(0, 'EVENT');
    r.leadQualified(3);
    scripts.push(s);
  }
  all.events.push(...scripts.flatMap((s) => s.events));
  return all;
}
