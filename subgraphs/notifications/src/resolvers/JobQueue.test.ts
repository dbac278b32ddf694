import { describe, expect, it } from 'vitest';
import { JOB_QUEUES } from '@l2c/shared';
import { createContext } from '../context.ts';
import { createWebhookSubscription } from '../commands/subscriptions.ts';
import { startEndpoint, until } from '../testing/endpoint.ts';
import { engineer, openNotificationsStore, partnerOf, RecordingQueue, staff, testSecrets } from '../testing/fixtures.ts';
import { startRig } from '../testing/rig.ts';
import { listJobQueues } from '../commands/jobs.ts';

const admin = { subject: 'admin-1', roles: ['sf_admin' as const], dealerAccountId: null };
const QUEUES = '{ jobQueues { name owner paused deadLetters counts { waiting active delayed failed completed } failedJobs(first: 5) { totalCount nodes { id name failedReason attemptsMade maxAttempts data } } } }';
type Queues = { jobQueues: { name: string; owner: string; deadLetters: number | null; counts: { failed: number; completed: number }; failedJobs: { totalCount: number; nodes: { id: string; name: string; failedReason: string; attemptsMade: number; maxAttempts: number; data: string }[] } }[] };

describe('job queues in the graph', () => {
  it('lists every queue of the graph with counts and failed jobs, and retries a failed delivery by redelivering it', async () => {
    let failing = true;
    await using endpoint = await startEndpoint(() => (failing ? 500 : 204));
    await using rig = await startRig({ maxAttempts: 1 });
    await createWebhookSubscription(rig.ctx(partnerOf('d1')), { url: endpoint.url, eventTypes: ['LeadCreated'] });
    await rig.publish('LeadCreated', ['d1']);

    const failed = await until('the delivery job fails', async () => {
      const { data } = await rig.graphql<Queues>(engineer, QUEUES);
      const webhooks = data?.jobQueues.find((q) => q.name === 'webhooks');
      return webhooks && webhooks.counts.failed === 1 ? data! : undefined;
    });
    expect(failed.jobQueues.map((q) => [q.name, q.owner, q.deadLetters])).toEqual(JOB_QUEUES.map((q) => [q.name, q.owner, q.deadLetters ? 0 : null]));
    const [job] = failed.jobQueues.find((q) => q.name === 'webhooks')!.failedJobs.nodes;
    expect(job).toMatchObject({ name: 'deliver', failedReason: expect.stringContaining('HTTP 500'), attemptsMade: 1, maxAttempts: 1 });
    const { deliveryId } = JSON.parse(job!.data) as { deliveryId: string };

    failing = false;
    const retried = await rig.graphql<{ retryJobs: { retried: string[]; refused: { id: string; reason: string }[] } }>(admin, 'mutation($ids: [ID!]!) { retryJobs(queue: "webhooks", ids: $ids) { retried refused { id reason } } }', { ids: [job!.id, 'no-such-job'] });
    expect(retried.data?.retryJobs).toEqual({ retried: [job!.id], refused: [{ id: 'no-such-job', reason: 'no job no-such-job in queue webhooks' }] });
    await until('the redelivery reaches the endpoint', () => endpoint.accepted().length === 1);
    const delivery = await until('the delivery succeeds', async () => {
      const { data } = await rig.graphql<{ webhookDelivery: { status: string; attemptCount: number } }>(engineer, 'query($id: ID!) { webhookDelivery(id: $id) { status attemptCount } }', { id: deliveryId });
      return data?.webhookDelivery.status === 'SUCCEEDED' ? data.webhookDelivery : undefined;
    });
    expect(delivery.attemptCount).toBe(2);
    const after = await rig.graphql<Queues>(engineer, QUEUES);
    expect(after.data?.jobQueues.find((q) => q.name === 'webhooks')?.counts.failed).toBe(0);
  });

  it('refuses staff and partners, and names the queue it does not know', async () => {
    await using rig = await startRig({ worker: 'dispatcher' });
    for (const identity of [staff, partnerOf('d1')]) {
      const list = await rig.graphql(identity, '{ jobQueues { name } }');
      expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const retry = await rig.graphql(identity, 'mutation { retryJobs(queue: "webhooks", ids: ["1"]) { retried } }');
      expect(retry.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const unknown = await rig.graphql(engineer, 'mutation { retryJobs(queue: "nope", ids: ["1"]) { retried } }');
    expect(unknown.errors?.[0]).toMatchObject({ message: 'queue: JobQueue "nope" was not found', extensions: { code: 'NOT_FOUND' } });
    expect((await rig.graphql<{ jobQueue: null }>(engineer, '{ jobQueue(name: "nope") { name } }')).data).toEqual({ jobQueue: null });
  });

  it('answers JOBS_UNAVAILABLE when the process reads no queues', async () => {
    const store = await openNotificationsStore();
    try {
      await expect(listJobQueues(createContext({ store, secrets: testSecrets, queue: new RecordingQueue() }, engineer))).rejects.toMatchObject({ details: { rule: 'JOBS_UNAVAILABLE' } });
    } finally {
      await store.close();
    }
  });
});
