/**
 * Every BullMQ queue of the graph, by the name its owner creates it with under `QUEUE_PREFIX`. Bull Board (the
 * gateway's `/admin/queues`) and the graph's `jobQueues` (notifications subgraph) read the queues listed here, by
 * name, from Redis: adding a queue to the graph is one line in `JOB_QUEUES`.
 */

export interface JobQueueEntry {
  /** The queue's name (BullMQ keys `<QUEUE_PREFIX>:<name>:…`). */
  name: string;
  /** The subgraph whose workers run its jobs. */
  owner: string;
  /** What its jobs do, in words an operator reads. */
  description: string;
  /** The queue its failed jobs are copied to when they will not be retried any more, if it has one. */
  deadLetters?: string;
}

export const JOB_QUEUES: readonly JobQueueEntry[] = [
  { name: 'crm-sync', owner: 'crm', description: 'Salesforce sync of the CRM objects (runs and per-object jobs)', deadLetters: 'crm-sync-dead' },
  { name: 'cpq-sync', owner: 'cpq', description: 'Salesforce sync of the CPQ objects (catalogue, quotes, approvals, orders, contracts)', deadLetters: 'cpq-sync-dead' },
  { name: 'billing-sync', owner: 'billing', description: 'Salesforce sync of the Salesforce Billing objects (invoices, payments, allocations, runs)', deadLetters: 'billing-sync-dead' },
  { name: 'warranty-sync', owner: 'warranty', description: 'Salesforce sync of the warranty objects (terms, coverage, claims, rebate claims, journals)', deadLetters: 'warranty-sync-dead' },
  { name: 'visits-sync', owner: 'visits', description: 'Salesforce sync of the visit objects (templates, visits, tasks, indicators, results)', deadLetters: 'visits-sync-dead' },
  { name: 'webhooks', owner: 'notifications', description: 'Webhook deliveries to partner endpoints' },
  { name: 'billing-invoice-runs', owner: 'billing', description: 'Invoice runs: due billing periods invoiced and posted, the daily run and overdue scans' },
  { name: 'warranty-import', owner: 'warranty', description: 'CSV imports of rebate claims and transaction journals' },
  { name: 'insights-backfill', owner: 'insights', description: 'Rebuilds of the lead-to-cash log from the subgraphs\' current data' },
];

/** Every queue name to open, dead-letter queues included (what Bull Board lists). */
export function jobQueueNames(queues: readonly JobQueueEntry[] = JOB_QUEUES): string[] {
  return queues.flatMap((queue) => (queue.deadLetters ? [queue.name, queue.deadLetters] : [queue.name]));
}
