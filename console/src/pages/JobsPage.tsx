import { Alert, Badge, Button, Card, Checkbox, Code, Group, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { BarChart } from '@mantine/charts';
import { useInterval } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { FailedJobsDocument, JobQueuesDocument, RetryJobsDocument, type JobQueuesQuery } from '../__generated__/graphql.ts';
import { count, relative, stamp } from '../lib/format.ts';

type Queue = JobQueuesQuery['jobQueues'][number];
const STATES = ['waiting', 'active', 'delayed', 'waitingChildren', 'completed', 'failed'] as const;
const STATE_LABEL: Record<(typeof STATES)[number], string> = { waiting: 'Waiting', active: 'Active', delayed: 'Delayed', waitingChildren: 'Waiting for children', completed: 'Completed', failed: 'Failed' };
const STATE_COLOR: Record<(typeof STATES)[number], string> = { waiting: 'blue.5', active: 'indigo.6', delayed: 'yellow.6', waitingChildren: 'grape.5', completed: 'teal.6', failed: 'red.6' };

/** Every queue of the graph with its jobs by state; failed jobs with their reason, retried from here. */
export function JobsPage() {
  const [result, reexecute] = useQuery({ query: JobQueuesDocument, requestPolicy: 'cache-and-network' });
  const [open, setOpen] = useState<string | null>(null);
  // Queues move without events the graph publishes: look again every five seconds while the page is open.
  const interval = useInterval(() => reexecute({ requestPolicy: 'network-only' }), 5000);
  useEffect(() => {
    interval.start();
    return interval.stop;
  }, [interval]);
  const queues = result.data?.jobQueues ?? [];
  const chart = queues.map((q) => ({ queue: q.name, ...Object.fromEntries(STATES.map((s) => [STATE_LABEL[s], q.counts[s]])) }));

  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Job queues</Title>
        <Text c="dimmed" size="sm">
          Background work of the whole graph: the Salesforce sync, webhook deliveries and every queue added since. Bull Board shows each job in detail.
        </Text>
      </div>
      {result.error && (
        <Alert color="red" title="The graph did not answer">
          {result.error.message}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        {queues.map((queue) => (
          <QueueCard key={queue.name} queue={queue} open={open === queue.name} onToggle={() => setOpen(open === queue.name ? null : queue.name)} />
        ))}
      </SimpleGrid>
      {chart.length > 0 && (
        <Card withBorder padding="md">
          <Text fw={600} mb="sm">
            Jobs by state
          </Text>
          <BarChart h={220} data={chart} dataKey="queue" type="stacked" orientation="vertical" yAxisProps={{ width: 110 }} withLegend series={STATES.map((s) => ({ name: STATE_LABEL[s], color: STATE_COLOR[s] }))} />
        </Card>
      )}
      {open && <FailedJobs queue={open} onRetried={() => reexecute({ requestPolicy: 'network-only' })} />}
    </Stack>
  );
}

function QueueCard(props: { queue: Queue; open: boolean; onToggle: () => void }) {
  const { queue } = props;
  return (
    <Card withBorder padding="md" data-queue={queue.name}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs">
            <Text fw={600} ff="monospace">
              {queue.name}
            </Text>
            <Badge variant="outline" color="gray" size="sm">
              {queue.owner}
            </Badge>
            {queue.paused && (
              <Badge color="yellow" size="sm">
                paused
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {queue.description}
          </Text>
        </div>
        <Button size="xs" variant={props.open ? 'filled' : 'light'} color={queue.counts.failed ? 'red' : 'gray'} onClick={props.onToggle} data-testid={`failed-${queue.name}`}>
          {count(queue.counts.failed)} failed
        </Button>
      </Group>
      <SimpleGrid cols={4} mt="md" spacing="xs">
        <Stat label="Waiting" value={queue.counts.waiting + queue.counts.prioritized} />
        <Stat label="Active" value={queue.counts.active} />
        <Stat label="Delayed" value={queue.counts.delayed} />
        <Stat label="Completed" value={queue.counts.completed} />
      </SimpleGrid>
      {(queue.counts.waitingChildren > 0 || queue.deadLetters !== null) && (
        <Text size="xs" c="dimmed" mt="xs">
          {queue.counts.waitingChildren > 0 && `${count(queue.counts.waitingChildren)} waiting for their children · `}
          {queue.deadLetters !== null && `${count(queue.deadLetters)} dead letter${queue.deadLetters === 1 ? '' : 's'} kept`}
        </Text>
      )}
    </Card>
  );
}

function Stat(props: { label: string; value: number }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {props.label}
      </Text>
      <Text fw={700} size="lg">
        {count(props.value)}
      </Text>
    </div>
  );
}

function FailedJobs(props: { queue: string; onRetried: () => void }) {
  const [result, reexecute] = useQuery({ query: FailedJobsDocument, variables: { queue: props.queue, first: 50 }, requestPolicy: 'network-only' });
  const [retrying, retry] = useMutation(RetryJobsDocument);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const page = result.data?.jobQueue?.failedJobs;
  const jobs = page?.nodes ?? [];

  const run = async (ids: string[]) => {
    const outcome = await retry({ queue: props.queue, ids });
    if (outcome.error) return void notifications.show({ color: 'red', title: 'Retry refused', message: outcome.error.message });
    const { retried, refused } = outcome.data!.retryJobs;
    notifications.show({
      color: refused.length ? 'yellow' : 'indigo',
      title: `${retried.length} job${retried.length === 1 ? '' : 's'} run again`,
      message: refused.length ? refused.map((r) => `${r.id}: ${r.reason}`).join('; ') : `Queue ${props.queue}.`,
    });
    setSelected(new Set());
    reexecute({ requestPolicy: 'network-only' });
    props.onRetried();
  };

  return (
    <Card withBorder padding={0} data-testid="failed-jobs">
      <Group p="md" pb="xs" justify="space-between">
        <Text fw={600}>
          Failed jobs in <Code>{props.queue}</Code> {page && `(${count(page.totalCount)})`}
        </Text>
        <Button size="xs" disabled={selected.size === 0} loading={retrying.fetching} onClick={() => void run([...selected])} data-testid="retry-jobs">
          Retry selected ({selected.size})
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing="xs" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={36}>
                <Checkbox aria-label="Select every failed job" checked={jobs.length > 0 && jobs.every((j) => selected.has(j.id))} onChange={(e) => setSelected(new Set(e.currentTarget.checked ? jobs.map((j) => j.id) : []))} />
              </Table.Th>
              <Table.Th>Job</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th ta="right">Attempts</Table.Th>
              <Table.Th>Failed</Table.Th>
              <Table.Th>Data</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {jobs.map((job) => (
              <Table.Tr key={job.id} data-job={job.id}>
                <Table.Td>
                  <Checkbox
                    aria-label={`Select job ${job.id}`}
                    checked={selected.has(job.id)}
                    onChange={(e) => {
                      const next = new Set(selected);
                      if (e.currentTarget.checked) next.add(job.id);
                      else next.delete(job.id);
                      setSelected(next);
                    }}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {job.name}
                  </Text>
                  <Code fz="xs">{job.id}</Code>
                </Table.Td>
                <Table.Td maw={380}>
                  <Tooltip label={<pre style={{ margin: 0, fontSize: 11 }}>{job.stacktrace.join('\n') || job.failedReason}</pre>} multiline maw={640}>
                    <Text size="sm" c="red" lineClamp={2}>
                      {job.failedReason}
                    </Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td ta="right">
                  {job.attemptsMade} / {job.maxAttempts}
                </Table.Td>
                <Table.Td>
                  <Tooltip label={`created ${stamp(job.createdAt)}`}>
                    <Text size="sm">{relative(job.failedAt)}</Text>
                  </Tooltip>
                </Table.Td>
                <Table.Td maw={260}>
                  <Code fz="xs" style={{ display: 'block', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }} title={job.data}>
                    {job.data}
                  </Code>
                </Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="light" onClick={() => void run([job.id])}>
                    Retry
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
            {jobs.length === 0 && !result.fetching && (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <Text c="dimmed" size="sm" ta="center" py="md">
                    No failed jobs in this queue.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
