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
  { name: 'webhooks', owner: 'notifications', description: 'Webhook deliveries to partner endpoints' },
];

/** Every queue name to open, dead-letter queues included (what Bull Board lists). */
export function jobQueueNames(queues: readonly JobQueueEntry[] = JOB_QUEUES): string[] {
  return queues.flatMap((queue) => (queue.deadLetters ? [queue.name, queue.deadLetters] : [queue.name]));
}
