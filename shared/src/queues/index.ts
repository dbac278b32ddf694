export { JOB_QUEUES, jobQueueNames, type JobQueueEntry } from './jobQueues.ts';
export { createQueueInspector, type FailedJob, type JobCounts, type QueueInspector, type QueueInspectorOptions, type QueueState, type RetryOutcome } from './queueInspector.ts';
