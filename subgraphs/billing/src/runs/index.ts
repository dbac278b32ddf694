/** The invoice runs' queue and worker, for processes that run them (the subgraph, `worker.ts`, tests, benchmarks). */
export { createInvoiceRunQueue, DEFAULT_QUEUE_NAME, type InvoiceRunQueue, type InvoiceRunQueueSettings } from './queue.ts';
export { startInvoiceRunWorker, type InvoiceRunWorker, type InvoiceRunWorkerOptions } from './worker.ts';
export { processInvoiceRun, type RunProcessorDeps } from './processInvoiceRun.ts';
export { startOrderEventConsumer, handleOrderEvent, BILLING_CONSUMER_GROUP } from '../consumer/orderEvents.ts';
export { billActivatedOrder, type ActivatedOrder, type ActivatedItem } from '../commands/billOrder.ts';
